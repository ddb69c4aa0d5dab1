// The jwt.io-style editor in the Decode tab, with the real core and the real decode worker code
// (test/fakes/decode-worker): what it produces is what decode() verifies, under the key typed in
// it, with a timestamp of now; the key never reaches the background.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  SESSION_COOKIE,
  SESSION_COOKIE_OLD_KEY,
  SESSION_DATA,
  SIGNED_AT,
  THEME_COOKIE,
} from '../../../test/fixtures/panel-values';
import { fake, withBackground } from '../../../test/unit/harness';
import { decode } from '../../core/index';
import { EMPTY_DRAFT } from '../paste/draft';
import { PasteTab } from '../paste/PasteTab';
import { SignedEditor } from './SignedEditor';

withBackground();
afterEach(cleanup);

const NOW = SIGNED_AT + 60;

function Paste({ keys }: { keys: string[] }) {
  const [draft, setDraft] = useState(EMPTY_DRAFT);
  return <PasteTab keys={keys} now={NOW} draft={draft} onDraft={setDraft} />;
}

const input = (testId: string, value: string) =>
  fireEvent.input(screen.getByTestId(testId), { target: { value } });
/** Opens the editor, which loads when first opened. */
async function open() {
  fireEvent.click(await screen.findByTestId('resign-open'));
  await screen.findByTestId('resign');
}
const encoded = () => screen.getByTestId('resign-encoded').textContent ?? '';

describe('SignedEditor', () => {
  it('re-signs an edited signed_cookies session as Django would, with the key typed in the view', async () => {
    render(<Paste keys={['k']} />);
    input('paste-input', SESSION_COOKIE);
    await open();
    expect(screen.getByTestId('resign-how').textContent).toBe(
      'the signed_cookies SessionStore: dumps(session, compress=True), sha256',
    );
    expect(encoded()).toBe(SESSION_COOKIE);
    expect(screen.getByTestId('resign-part-timestamp').textContent).toBe('1r31eq');
    await waitFor(() => expect(screen.getByTestId('resign-verdict').dataset.verdict).toBe('verified'));

    const text = (screen.getByTestId('resign-text') as HTMLTextAreaElement).value;
    input('resign-text', text.replace('"visits": 3', '"visits": 40'));
    await waitFor(() => expect(encoded()).not.toBe(SESSION_COOKIE));
    const made = encoded();
    const read = await decode(made, { kind: 'session-cookie', keys: ['k'], now: NOW });
    expect(read).toMatchObject({ verified: true, timestamp: NOW, compressed: true });
    const visits =
      read.data?.t === 'dict' ? read.data.entries.find(([k]) => k.t === 'str' && k.v === 'visits') : null;
    expect(visits?.[1]).toEqual({ t: 'int', v: '40' });
    // The rest as it was, big int exact.
    expect(JSON.stringify(read.data)).toContain('"v":"1180591620717411303424"');
  });

  it('the verdict follows the key as it is typed, and the value is signed with that key', async () => {
    render(<Paste keys={['k']} />);
    input('paste-input', SESSION_COOKIE);
    await open();
    input('resign-key', 'not-the-key');
    await waitFor(() => expect(screen.getByTestId('resign-verdict').dataset.verdict).toBe('bad-signature'));
    const text = (screen.getByTestId('resign-text') as HTMLTextAreaElement).value;
    input('resign-text', text.replace('"visits": 3', '"visits": 4'));
    await waitFor(() => expect(encoded()).not.toBe(SESSION_COOKIE));
    expect(
      (await decode(encoded(), { kind: 'session-cookie', keys: ['not-the-key'], now: NOW })).verified,
    ).toBe(true);
    expect((await decode(encoded(), { kind: 'session-cookie', keys: ['k'], now: NOW })).verified).toBe(false);
  });

  it('bad JSON says why and signs nothing', async () => {
    render(<Paste keys={['k']} />);
    input('paste-input', SESSION_COOKIE);
    await open();
    input('resign-text', '{"visits": ');
    await waitFor(() => expect(screen.getByTestId('resign-problem').textContent).toMatch(/^not JSON/));
    expect((screen.getByTestId('resign-copy') as HTMLButtonElement).disabled).toBe(true);
  });

  it('a set_signed_cookie value is re-signed under its name and salt, the legacy scheme kept', async () => {
    render(<Paste keys={['k']} />);
    input('paste-input', THEME_COOKIE);
    input('paste-cookieName', 'theme');
    input('paste-salt', 'themesalt');
    await waitFor(() => expect(screen.getByTestId('verdict').dataset.verdict).toBe('verified'));
    await open();
    expect(screen.getByTestId('resign-how').textContent).toContain(
      'set_signed_cookie("theme", text, salt="themesalt"), the legacy salt',
    );
    input('resign-text', 'light');
    await waitFor(() => expect(encoded()).toMatch(/^light:/));
    const read = await decode(encoded(), {
      kind: 'signed-cookie',
      keys: ['k'],
      cookieName: 'theme',
      salt: 'themesalt',
      now: NOW,
    });
    expect(read).toMatchObject({ verified: true, text: 'light', format: 'signed-cookie-legacy' });
  });

  it('a hostile payload renders as text in both views', async () => {
    render(<Paste keys={['k']} />);
    input('paste-input', SESSION_COOKIE);
    await open();
    expect((screen.getByTestId('resign-text') as HTMLTextAreaElement).value).toContain(
      '<img src=x onerror=alert(1)>',
    );
    expect(document.querySelector('img')).toBeNull();
  });

  it('the typed key never reaches the background', async () => {
    const seen = vi.fn();
    fake.events.message.addListener(seen);
    render(<Paste keys={['k']} />);
    input('paste-input', SESSION_COOKIE);
    await open();
    input('resign-key', 'typed-secret-key-123');
    input('resign-text', '{"visits": 1}');
    await waitFor(() => expect(encoded()).not.toBe(SESSION_COOKIE));
    expect(JSON.stringify(seen.mock.calls)).not.toContain('typed-secret-key-123');
  });
});

describe('Resign: what is offered', () => {
  it('nothing for a value that is not signed (a session key); a reason for one it cannot re-sign', async () => {
    render(<Paste keys={[]} />);
    input('paste-input', 'q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6');
    await screen.findByTestId('verdict');
    expect(screen.queryByTestId('resign-open')).toBeNull();
    expect(screen.queryByTestId('resign-unavailable')).toBeNull();
    fireEvent.change(screen.getByTestId('paste-kind'), { target: { value: 'session-data' } });
    input('paste-input', SESSION_DATA);
    fireEvent.click(await screen.findByTestId('resign-open'));
    expect((await screen.findByTestId('resign-unavailable')).textContent).toContain(
      'edit it through the companion',
    );
  });
});

describe('SignedEditor when the site sets the cookie while it is open', () => {
  const readSession = (value: string, key: string) =>
    decode(value, { kind: 'session-cookie', keys: [key], now: NOW });
  const textarea = () => screen.getByTestId('resign-text') as HTMLTextAreaElement;
  const setButton = () => screen.getByTestId('resign-set') as HTMLButtonElement;

  async function editor() {
    const onSet = vi.fn(async (_value: string) => ({ ok: true as const }));
    const props = { initialKey: 'k', now: NOW, onSet, target: 'the sessionid cookie', onClose: () => {} };
    const view = render(
      <SignedEditor value={SESSION_COOKIE} report={await readSession(SESSION_COOKIE, 'k')} {...props} />,
    );
    const siteSets = async (value: string, key: string) =>
      view.rerender(<SignedEditor value={value} report={await readSession(value, key)} {...props} />);
    return { onSet, siteSets };
  }

  it("an edit of the old value is not set over the site's change: the edit is kept, the choice offered", async () => {
    const { onSet, siteSets } = await editor();
    input('resign-text', textarea().value.replace('"visits": 3', '"visits": 40'));
    await waitFor(() => expect(setButton().disabled).toBe(false));

    await siteSets(SESSION_COOKIE_OLD_KEY, 'old-key');
    expect(screen.getByTestId('resign-changed').textContent).toContain(
      'The site changed this cookie since you began editing',
    );
    expect(setButton().disabled).toBe(true);
    expect(textarea().value).toContain('"visits": 40');
    fireEvent.click(setButton());
    expect(onSet).not.toHaveBeenCalled();

    fireEvent.click(screen.getByTestId('resign-start-over'));
    expect(textarea().value).toContain('"visits": 1');
    expect(textarea().value).not.toContain('"visits": 40');
    expect(screen.queryByTestId('resign-changed')).toBeNull();
  });

  it('"Keep my edit" sets the edit, knowingly over the site\'s change', async () => {
    const { onSet, siteSets } = await editor();
    input('resign-text', textarea().value.replace('"visits": 3', '"visits": 40'));
    await siteSets(SESSION_COOKIE_OLD_KEY, 'old-key');
    fireEvent.click(screen.getByTestId('resign-keep'));
    expect(screen.queryByTestId('resign-changed')).toBeNull();
    await waitFor(() => expect(setButton().disabled).toBe(false));
    fireEvent.click(setButton());
    await waitFor(() => expect(onSet).toHaveBeenCalledTimes(1));
    const set = await readSession(onSet.mock.calls[0]?.[0] ?? '', 'k');
    expect(set.verified).toBe(true);
    expect(JSON.stringify(set.data)).toContain('{"t":"str","v":"visits"},{"t":"int","v":"40"}');
  });

  it('unedited, it follows the cookie as the site changes it', async () => {
    const { siteSets } = await editor();
    expect(textarea().value).toContain('"visits": 3');
    await siteSets(SESSION_COOKIE_OLD_KEY, 'old-key');
    await waitFor(() => expect(textarea().value).toContain('"visits": 1'));
    expect(screen.queryByTestId('resign-changed')).toBeNull();
  });

  it('the value it set itself is no conflict: the editor then shows that value, unedited', async () => {
    const { onSet, siteSets } = await editor();
    input('resign-text', textarea().value.replace('"visits": 3', '"visits": 40'));
    await waitFor(() => expect(setButton().disabled).toBe(false));
    fireEvent.click(setButton());
    await waitFor(() => expect(onSet).toHaveBeenCalledTimes(1));
    await siteSets(onSet.mock.calls[0]?.[0] ?? '', 'k');
    expect(screen.queryByTestId('resign-changed')).toBeNull();
    expect(textarea().value).toContain('"visits": 40');
    expect(screen.getByTestId('resign-encoded').textContent).toBe(onSet.mock.calls[0]?.[0]);
  });
});
