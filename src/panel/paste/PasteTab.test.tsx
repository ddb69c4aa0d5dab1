import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE, SESSION_DATA, SIGNED_AT, THEME_COOKIE } from '../../../test/fixtures/panel-values';
import sessionData from '../../../test/vectors/session-data.5.2.19.json';
import { EMPTY_DRAFT } from './draft';
import { PasteTab } from './PasteTab';
import { pasteOptions } from './paste-options';

/** The tab with its draft held outside it, as the shell holds it. */
function Paste({ keys, now }: { keys: string[]; now: number }) {
  const [draft, setDraft] = useState(EMPTY_DRAFT);
  return <PasteTab keys={keys} now={now} draft={draft} onDraft={setDraft} />;
}

afterEach(cleanup);

const NOW = SIGNED_AT + 60;

function paste(text: string) {
  fireEvent.input(screen.getByTestId('paste-input'), { target: { value: text } });
}

const verdict = () => screen.findByTestId('verdict');

describe('PasteTab', () => {
  it('decodes a session_data copied from django_session, unverified without keys', async () => {
    render(<Paste keys={[]} now={NOW} />);
    expect(screen.getByTestId('paste-empty')).toBeTruthy();
    paste(`${SESSION_DATA}\n`);
    expect((await verdict()).dataset.verdict).toBe('unverified');
    const row = screen.getByTestId('tree').querySelector('[data-path="/visit"]') as HTMLElement;
    expect(within(row).getByTestId('tree-value').textContent).toBe('11');
    expect(screen.getByTestId('paste-no-keys')).toBeTruthy();
  });

  it('a kind auto only guessed is shown as a guess, the alternatives one click away', async () => {
    const login = sessionData.vectors.find((v) => v.id.endsWith('/auth_login'));
    if (!login) throw new Error('no session-data auth_login vector');
    render(<Paste keys={[]} now={login.options.now} />);
    paste(login.value);
    const guess = await screen.findByTestId('kind-guess');
    expect(guess.textContent).toContain('A guess: read as session_data');
    expect(screen.getByTestId('meta-kind').textContent).toContain('(guessed)');
    fireEvent.click(within(guess).getByTestId('read-as-session-cookie'));
    expect((screen.getByTestId('paste-kind') as HTMLSelectElement).value).toBe('session-cookie');
    await waitFor(() =>
      expect(screen.getByTestId('meta-kind').textContent).toBe('session cookie (signed_cookies)'),
    );
    expect(screen.queryByTestId('kind-guess')).toBeNull();
  });

  it('the kind selector picks the reader', async () => {
    render(<Paste keys={[]} now={NOW} />);
    fireEvent.change(screen.getByTestId('paste-kind'), { target: { value: 'session-data' } });
    paste(SESSION_DATA);
    await waitFor(() => expect(screen.getByTestId('meta-kind').textContent).toContain('session_data'));
  });

  it('verifies with the site keys', async () => {
    render(<Paste keys={['k']} now={NOW} />);
    paste(SESSION_COOKIE);
    expect((await verdict()).dataset.verdict).toBe('verified');
  });

  it('uses the optional fields: cookie name and salt for a signed cookie', async () => {
    render(<Paste keys={['k']} now={NOW} />);
    fireEvent.change(screen.getByTestId('paste-kind'), { target: { value: 'signed-cookie' } });
    fireEvent.input(screen.getByTestId('paste-cookieName'), { target: { value: 'theme' } });
    fireEvent.input(screen.getByTestId('paste-salt'), { target: { value: 'themesalt' } });
    paste(THEME_COOKIE);
    await waitFor(() => expect(screen.getByTestId('verdict').dataset.verdict).toBe('verified'));
    expect(screen.getByTestId('report-text').textContent).toBe('dark');
  });

  it('shows the code for huge or garbage input instead of failing', async () => {
    render(<Paste keys={['k']} now={NOW} />);
    paste('x'.repeat(200_000));
    await waitFor(() =>
      expect(screen.getByTestId('verdict-title').textContent).toBe('Unreadable (too-large)'),
    );
    paste('%%%:::!!!');
    await waitFor(() => expect(screen.getByTestId('verdict').dataset.verdict).toBe('unreadable'));
    paste('');
    await waitFor(() => expect(screen.queryByTestId('verdict')).toBeNull());
  });
});

describe('pasteOptions', () => {
  it('passes only what was filled in', () => {
    expect(
      pasteOptions(
        { kind: 'auto', salt: '', cookieName: ' ', sessionClass: '', maxAge: 'abc', algorithm: '' },
        [],
        5,
      ),
    ).toEqual({ kind: 'auto', keys: [], now: 5 });
    expect(
      pasteOptions(
        {
          kind: 'signing',
          salt: 's',
          cookieName: 'c',
          sessionClass: 'x.Store',
          maxAge: '60',
          algorithm: 'sha1',
        },
        ['k'],
        5,
      ),
    ).toEqual({
      kind: 'signing',
      keys: ['k'],
      now: 5,
      salt: 's',
      cookieName: 'c',
      sessionClass: 'x.Store',
      maxAge: 60,
      algorithm: 'sha1',
    });
  });
});
