import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MESSAGES_COOKIE,
  PICKLE_RCE_COOKIE,
  PICKLE_RCE_WITH_DATETIME_COOKIE,
  SESSION_COOKIE,
  SESSION_COOKIE_OLD_KEY,
  SIGNED_AT,
  THEME_COOKIE,
} from '../../../test/fixtures/panel-values';
import signedCookieVectors from '../../../test/vectors/signed-cookie.5.2.19.json' with { type: 'json' };
import { decode } from '../../core/index';
import type { DecodeOptions, DecodeReport } from '../../core/types';
import { ReportView } from './ReportView';

afterEach(cleanup);

const NOW = SIGNED_AT + 180;

async function show(value: string, options: Omit<DecodeOptions, 'now'>, now = NOW) {
  const report = await decode(value, { now, ...options });
  render(<ReportView report={report} now={now} />);
  return report;
}

const verdict = () => screen.getByTestId('verdict');

describe('ReportView verdicts, on values real Django made', () => {
  it('verified by SECRET_KEY, with the metadata', async () => {
    await show(SESSION_COOKIE, { kind: 'session-cookie', keys: ['k'] });
    expect(verdict().dataset.verdict).toBe('verified');
    expect(verdict().textContent).toContain('Verified by SECRET_KEY');
    expect(screen.getByTestId('meta-signed').textContent).toBe('2023-11-14 22:13:20 UTC (signed 3 min ago)');
    expect(screen.getByTestId('meta-compressed').textContent).toBe('yes (zlib)');
    expect(screen.getByTestId('meta-algorithm').textContent).toBe('sha256');
    expect(screen.getByTestId('meta-serializer').textContent).toBe('json');
    expect(screen.getByTestId('meta-salt').textContent).toBe(
      'django.contrib.sessions.backends.signed_cookies',
    );
    expect(screen.getByTestId('meta-kind').textContent).toContain('signed_cookies');
  });

  it('the data tree: exact big ints, hostile strings as text, Django keys explained, the hash masked', async () => {
    await show(SESSION_COOKIE, { kind: 'session-cookie', keys: ['k'] });
    const row = (key: string) =>
      screen.getByTestId('tree').querySelector(`[data-path="/${key}"]`) as HTMLElement;
    expect(within(row('big')).getByTestId('tree-value').textContent).toBe('1180591620717411303424');
    expect(within(row('html')).getByTestId('tree-value').textContent).toBe('"<img src=x onerror=alert(1)>"');
    expect(document.querySelector('img')).toBeNull();
    expect(within(row('_auth_user_id')).getByTestId('tree-note').textContent).toContain('Logged-in user');
    expect(within(row('_auth_user_backend')).getByTestId('tree-note').textContent).toContain('ModelBackend');
    expect(within(row('_session_expiry')).getByTestId('tree-note').textContent).toContain('set_expiry(300)');
    expect(within(row('_auth_user_hash')).getByTestId('tree-masked').textContent).toBe('••••••');
    expect(row('_auth_user_hash').textContent).not.toContain('aaaa');
  });

  it('verified by a fallback key', async () => {
    await show(SESSION_COOKIE_OLD_KEY, { kind: 'session-cookie', keys: ['k', 'old-key'] });
    expect(verdict().dataset.verdict).toBe('fallback');
    // One name for the key (Django's own, as the Keys tab labels it), said once.
    expect(screen.getByTestId('verdict-title').textContent).toBe('Verified by SECRET_KEY_FALLBACKS[0]');
    expect(verdict().textContent).not.toContain('fallback #');
    expect(screen.queryByTestId('warning-fallback-key')).toBeNull();
    const said = verdict().textContent?.match(/SECRET_KEY_FALLBACKS\[0\]/g) ?? [];
    expect(said).toHaveLength(1);
  });

  it('bad signature: says what to check, still shows what the value says', async () => {
    await show(SESSION_COOKIE, { kind: 'session-cookie', keys: ['not-the-key'] });
    expect(verdict().dataset.verdict).toBe('bad-signature');
    expect(verdict().dataset.tone).toBe('error');
    expect(screen.getByTestId('verdict-advice').textContent).toContain('SECRET_KEY');
  });

  it('expired for the max age', async () => {
    await show(SESSION_COOKIE, { kind: 'session-cookie', keys: ['k'], maxAge: 60 });
    expect(verdict().dataset.verdict).toBe('expired');
    expect(screen.getByTestId('verdict-detail').textContent).toContain('Signed 3 min ago');
  });

  it('unverified without a key', async () => {
    await show(SESSION_COOKIE, { kind: 'session-cookie', keys: [] });
    expect(verdict().dataset.verdict).toBe('unverified');
    expect(screen.getByTestId('verdict-advice').textContent).toContain('Add the site');
    expect(screen.getByTestId('tree')).toBeTruthy();
  });

  it('unreadable: the code in plain language and what to do', async () => {
    const report = await show('no separator at all', { kind: 'session-cookie', keys: ['k'] });
    expect(report.code).toBe('malformed');
    expect(verdict().dataset.verdict).toBe('unreadable');
    expect(screen.getByTestId('verdict-title').textContent).toBe('Unreadable (malformed)');
    expect(screen.getByTestId('verdict-detail').textContent).toContain('not a shape Django writes');
    expect(screen.getByTestId('verdict-advice').textContent).toContain('Copy the whole value');
  });

  it('a server-side session key is not a signature failure', async () => {
    await show('abcdefghijklmnopqrstuvwxyz012345', { keys: ['k'] });
    expect(verdict().dataset.verdict).toBe('not-signed');
    expect(screen.getByTestId('report-text').textContent).toBe('abcdefghijklmnopqrstuvwxyz012345');
  });
});

describe('ReportView contents', () => {
  it('messages cookie: level names, text literal, tags, safe', async () => {
    await show(MESSAGES_COOKIE, { keys: ['k'] });
    expect(verdict().dataset.verdict).toBe('verified');
    const rows = screen.getAllByTestId('message-row');
    expect(rows.map((r) => within(r).getByTestId('message-level').textContent)).toEqual(['INFO', 'ERROR']);
    expect(within(rows[1] as HTMLElement).getByTestId('message-text').textContent).toBe('<b>Oops</b>');
    expect(document.querySelector('[data-testid="messages"] b')).toBeNull();
    expect(within(rows[1] as HTMLElement).getByTestId('message-tags').textContent).toBe('urgent');
    expect((rows[1] as HTMLElement).textContent).toContain('mark_safe');
    expect(screen.queryByTestId('tree')).toBeNull();
  });

  it('a signed string shows its text', async () => {
    await show(THEME_COOKIE, { kind: 'signed-cookie', cookieName: 'theme', salt: 'themesalt', keys: ['k'] });
    expect(verdict().dataset.verdict).toBe('verified');
    expect(screen.getByTestId('report-text').textContent).toBe('dark');
  });

  it('an unsafe pickle gets a loud banner naming the callable', async () => {
    const report = await show(PICKLE_RCE_COOKIE, { kind: 'session-cookie', keys: ['k'] });
    expect(report.pickle?.unsafe).toBe(true);
    const banner = screen.getByTestId('unsafe-pickle');
    expect(banner.getAttribute('role')).toBe('alert');
    expect(banner.textContent).toContain('would run code if unpickled');
    const refs = within(banner).getAllByTestId('unsafe-pickle-ref');
    expect(refs.some((r) => r.dataset.safe === 'false' && /system/.test(r.textContent ?? ''))).toBe(true);
  });

  it('the pickle banner lists only what runs code; datetime.datetime stays unmarked below', async () => {
    const report = await show(PICKLE_RCE_WITH_DATETIME_COOKIE, { kind: 'session-cookie', keys: ['k'] });
    expect(report.pickle?.references).toEqual(expect.arrayContaining(['datetime.datetime', 'posix.system']));
    const banner = screen.getByTestId('unsafe-pickle');
    const refs = within(banner).getAllByTestId('unsafe-pickle-ref');
    expect(refs.map((r) => r.textContent)).toEqual(['posix.system ← runs code']);
    expect(within(banner).getByTestId('pickle-safe-refs').textContent).toBe(
      'Also referenced, harmless: datetime.datetime',
    );
  });

  it('files a session key and a CSRF cookie as what they are, not as signed kinds', async () => {
    // The sessionid and csrftoken the demo's Django set in the e2e settings-mismatch story.
    await show('q5cbhq2i1icydzllou56wx1fz9vgy9hw', { cookieName: 'sessionid', keys: ['k'] });
    expect(screen.getByTestId('meta-kind').textContent).toBe(
      'session key (db, cache, cached_db, file engines: the data is on the server)',
    );
    cleanup();
    await show('CWDwezQQXfWqLsZtK8UoXfeKLyPtneEw', { cookieName: 'csrftoken', keys: ['k'] });
    expect(screen.getByTestId('meta-kind').textContent).toBe('CSRF cookie (not signed)');
  });

  it('a set_signed_cookie read with the wrong salt blames the salt, not the key', async () => {
    // set_signed_cookie('color', 'blue') with no salt, by real Django 5.2 (test/vectors).
    const v = signedCookieVectors.vectors.find((x) => x.id === 'signed-cookie/5.2.19/basic');
    if (!v) throw new Error('no basic vector');
    await show(v.value, { ...(v.options as DecodeOptions), salt: 'themesalt' });
    expect(verdict().dataset.verdict).toBe('salt-unknown');
    expect(screen.getByTestId('verdict-title').textContent).toBe(
      'Not verified: the key is right, the salt is not',
    );
    expect(screen.getByTestId('verdict-detail').textContent).toMatch(
      /^SECRET_KEY verifies it as set_signed_cookie\("color", …\) with no salt/,
    );
  });

  it('a value read as the wrong kind blames the kind, not the key', async () => {
    // A set_signed_cookie value by real Django 5.2, read as a signing.dumps token with its key.
    const v = signedCookieVectors.vectors.find((x) => x.id === 'signed-cookie/5.2.19/basic');
    if (!v) throw new Error('no basic vector');
    await show(v.value, { ...(v.options as DecodeOptions), kind: 'signing' });
    expect(verdict().dataset.verdict).toBe('wrong-kind');
    expect(screen.getByTestId('verdict-title').textContent).toBe(
      'Not verified as this kind: a key verifies it as another',
    );
    expect(screen.getByTestId('verdict-detail').textContent).toMatch(
      /^A key given verifies it as a set_signed_cookie/,
    );
  });

  it('a weak-key warning is loud', () => {
    // Built by hand: a weak-key warning depends on the weak-key list, not on the value.
    const report: DecodeReport = {
      kind: 'signing',
      guessed: false,
      alternatives: [],
      format: 'signed-object',
      verified: true,
      code: null,
      message: null,
      data: { t: 'str', v: 'x' },
      text: null,
      matchedKey: 0,
      algorithm: 'sha1',
      timestamp: null,
      compressed: false,
      serializer: 'json',
      salt: 'django.core.signing',
      messages: null,
      messagesNotFinished: false,
      pickle: null,
      warnings: [
        {
          code: 'weak-key',
          message: "The verifying SECRET_KEY is weak: startproject's development key",
          reason: 'insecure-prefix',
          keyIndex: 0,
          detail: "startproject's development key",
        },
      ],
    };
    render(<ReportView report={report} now={NOW} />);
    expect(screen.getByTestId('warning-weak-key').getAttribute('role')).toBe('alert');
    expect(screen.getByTestId('meta-algorithm').textContent).toContain('legacy sha1');
  });
});
