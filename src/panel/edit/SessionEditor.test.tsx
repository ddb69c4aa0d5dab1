import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import writeSet from '../../../test/contract/write-set.json';
import { sessionAnswer } from '../../../test/fixtures/companion-answers';
import type { CompanionSession, CompanionWrite } from '../../core/index';
import { CompanionView } from '../session/CompanionView';
import type { WriteOutcome } from './apply-write';
import { readEditorValue } from './json-value';
import { whatDjangoDoes } from './what-django-does';

afterEach(cleanup);

const writable = (over: Partial<CompanionSession> = {}) =>
  sessionAnswer({ writable: true, data: { visits_counter: 3, cart: ['apple'] }, ...over });

/** The view with a writable session; the editor loads when first shown (a lazy chunk). */
async function mount(session: CompanionSession, outcome: WriteOutcome = { ok: true }) {
  const onWrite = vi.fn(async (_: CompanionWrite) => outcome);
  render(<CompanionView response={session} onWrite={onWrite} />);
  if (session.writable === true) await screen.findByTestId('session-edit');
  return onWrite;
}

const row = (key: string) =>
  screen.getAllByTestId('edit-key-row').find((r) => r.getAttribute('data-key') === key) as HTMLElement;

describe('SessionEditor: no controls where the site refuses writes', () => {
  it.each([
    [false, 'refused', 'ALLOW_WRITES'],
    [undefined, 'old-companion', 'predates writes'],
  ])('writable %s: one line says why', async (flag, reason, text) => {
    const session = sessionAnswer(flag === undefined ? {} : { writable: flag });
    await mount(session);
    expect(screen.queryByTestId('session-edit')).toBeNull();
    expect(screen.getByTestId('edit-off').getAttribute('data-reason')).toBe(reason);
    expect(screen.getByTestId('edit-off').textContent).toContain(text);
  });

  it("the contract's real write answer (writable: true) offers editing", async () => {
    await mount({ ...(writeSet as unknown as CompanionSession), data: { visits_counter: 40 } });
    expect(screen.getByTestId('session-edit')).toBeTruthy();
  });
});

describe('SessionEditor: editing a value', () => {
  it('validates as you type and sends the value only after the confirmation', async () => {
    const onWrite = await mount(writable());
    fireEvent.click(within(row('visits_counter')).getByTestId('edit-key-edit'));
    const editor = screen.getByTestId('edit-value') as HTMLTextAreaElement;
    expect(editor.value).toBe('3');
    fireEvent.input(editor, { target: { value: '{"a": ' } });
    expect(screen.getByTestId('edit-value-problem').getAttribute('data-ok')).toBe('false');
    expect((screen.getByTestId('edit-save') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.input(editor, { target: { value: '40' } });
    expect((screen.getByTestId('edit-save') as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(screen.getByTestId('edit-save'));
    expect(onWrite).not.toHaveBeenCalled();
    expect(screen.getByTestId('edit-confirm-text').textContent).toBe(
      'session["visits_counter"] = 40: the key holds this value from the next request on; saved through the SessionStore, and the panel sets the cookie SessionMiddleware would send.',
    );
    fireEvent.click(screen.getByTestId('edit-confirm-yes'));
    await waitFor(() =>
      expect(screen.getByTestId('edit-done').textContent).toBe('Done: session["visits_counter"] = 40'),
    );
    expect(onWrite).toHaveBeenCalledWith({ op: 'set', key: 'visits_counter', value: 40 });
    expect(screen.queryByTestId('edit-editor')).toBeNull();
  });

  it("a refusal shows the companion's message and keeps the text", async () => {
    await mount(writable(), { ok: false, message: 'JSONSerializer cannot store this value (bad-value)' });
    fireEvent.click(screen.getByTestId('edit-add'));
    fireEvent.input(screen.getByTestId('edit-new-key'), { target: { value: 'when' } });
    const text = '{"$py": "datetime", "value": "2026-01-01T00:00:00+00:00"}';
    fireEvent.input(screen.getByTestId('edit-value'), { target: { value: text } });
    fireEvent.click(screen.getByTestId('edit-save'));
    fireEvent.click(screen.getByTestId('edit-confirm-yes'));
    await waitFor(() =>
      expect(screen.getByTestId('edit-error').textContent).toBe(
        'JSONSerializer cannot store this value (bad-value)',
      ),
    );
    expect((screen.getByTestId('edit-value') as HTMLTextAreaElement).value).toBe(text);
    expect((screen.getByTestId('edit-new-key') as HTMLInputElement).value).toBe('when');
  });

  it('a new key needs a name', async () => {
    await mount(writable());
    fireEvent.click(screen.getByTestId('edit-add'));
    fireEvent.input(screen.getByTestId('edit-value'), { target: { value: '1' } });
    expect((screen.getByTestId('edit-save') as HTMLButtonElement).disabled).toBe(true);
  });

  it('a hostile key renders as text', async () => {
    await mount(writable({ data: { '<img src=x onerror=alert(1)>': 1 } }));
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByTestId('edit-key-row').textContent).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('SessionEditor: delete, expiry, flush, cycle_key', () => {
  it.each([
    [
      'delete',
      () => fireEvent.click(within(row('cart')).getByTestId('edit-key-delete')),
      { op: 'delete', key: 'cart' },
    ],
    ['flush', () => fireEvent.click(screen.getByTestId('edit-flush')), { op: 'flush' }],
    ['cycle_key', () => fireEvent.click(screen.getByTestId('edit-cycle-key')), { op: 'cycle_key' }],
    [
      'set_expiry in seconds',
      () => {
        fireEvent.input(screen.getByTestId('edit-expiry-seconds'), { target: { value: '60' } });
        fireEvent.click(screen.getByTestId('edit-expiry-apply'));
      },
      { op: 'set_expiry', value: 60 },
    ],
    [
      'set_expiry at browser close',
      () => {
        fireEvent.change(screen.getByTestId('edit-expiry-mode'), { target: { value: 'browser-close' } });
        fireEvent.click(screen.getByTestId('edit-expiry-apply'));
      },
      { op: 'set_expiry', value: 0 },
    ],
    [
      "set_expiry to the site's default",
      () => {
        fireEvent.change(screen.getByTestId('edit-expiry-mode'), { target: { value: 'default' } });
        fireEvent.click(screen.getByTestId('edit-expiry-apply'));
      },
      { op: 'set_expiry', value: null },
    ],
  ] as const)('%s: confirmed, then sent', async (_, act, write) => {
    const onWrite = await mount(writable());
    act();
    expect(screen.getByTestId('edit-confirm').getAttribute('data-op')).toBe(write.op);
    expect(onWrite).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('edit-confirm-yes'));
    await waitFor(() => expect(onWrite).toHaveBeenCalledWith(write));
  });

  it('set_expiry at a date sends it as UTC with an offset', async () => {
    const onWrite = await mount(writable());
    fireEvent.change(screen.getByTestId('edit-expiry-mode'), { target: { value: 'date' } });
    const local = '2030-06-01T12:30';
    fireEvent.input(screen.getByTestId('edit-expiry-date'), { target: { value: local } });
    fireEvent.click(screen.getByTestId('edit-expiry-apply'));
    fireEvent.click(screen.getByTestId('edit-confirm-yes'));
    const iso = new Date(local).toISOString().replace('Z', '+00:00');
    await waitFor(() => expect(onWrite).toHaveBeenCalledWith({ op: 'set_expiry', value: iso }));
  });

  it('cancel sends nothing', async () => {
    const onWrite = await mount(writable());
    fireEvent.click(screen.getByTestId('edit-flush'));
    fireEvent.click(screen.getByTestId('edit-confirm-no'));
    expect(screen.queryByTestId('edit-confirm')).toBeNull();
    expect(onWrite).not.toHaveBeenCalled();
  });
});

describe('what Django will do', () => {
  it('flush and cycle_key, store-backed and signed_cookies', () => {
    const db = 'django.contrib.sessions.backends.db';
    const signed = 'django.contrib.sessions.backends.signed_cookies';
    expect(whatDjangoDoes({ op: 'flush' }, db)).toBe(
      'flush(): deletes the stored session and the cookie; the next request starts a new, empty session under a new key.',
    );
    expect(whatDjangoDoes({ op: 'cycle_key' }, signed)).toContain('re-signs the cookie');
    expect(whatDjangoDoes({ op: 'set_expiry', value: 0 }, db)).toContain('ends when the browser closes');
    expect(whatDjangoDoes({ op: 'set_expiry', value: null }, db)).toContain('SESSION_COOKIE_AGE');
  });
});

describe('readEditorValue', () => {
  it.each([
    ['40', 40],
    ['"9007199254740993"', '9007199254740993'],
    ['{"$py": "int", "value": "9007199254740993"}', { $py: 'int', value: '9007199254740993' }],
    ['[1, 1234567890123456]', [1, 1234567890123456]],
  ])('%s is kept', async (text, value) => {
    expect(readEditorValue(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'Type a JSON value'],
    ['{"a": ', 'Not JSON'],
    ['[9007199254740993]', '{"$py": "int", "value": "9007199254740993"}'],
    ['1e400', 'should be a number'],
    ['{"$py": "pickle", "value": "x"}', 'should be a known tag'],
  ])('%s is refused with a reason', async (text, reason) => {
    const read = readEditorValue(text);
    expect(read.ok).toBe(false);
    expect(read.ok ? '' : read.problem).toContain(reason);
  });
});
