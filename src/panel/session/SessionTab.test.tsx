import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cookieInfo } from '../../../test/fixtures/cookie-info';
import { SESSION_COOKIE, SIGNED_AT } from '../../../test/fixtures/panel-values';
import type { CompanionSession } from '../../core/companion';
import type { CookieInfo } from '../../core/cookies/index';
import { decode } from '../../core/index';
import type { CompanionState } from './companion-state';
import { SessionTab } from './SessionTab';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const NOW = 1_700_000_000;
const KEY = 'q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6';

function cookie(over: Partial<CookieInfo> = {}): CookieInfo {
  return cookieInfo({ value: KEY, expirationDate: NOW + 299, ...over });
}

/** A db-engine answer after the demo's set_expiry(300) story, as the companion protocol shapes it. */
function companionSession(over: Partial<CompanionSession> = {}): CompanionSession {
  return {
    protocol: 1,
    ok: true,
    kind: 'session',
    cookieName: 'sessionid',
    messagesCookieName: 'messages',
    django: '5.2.8',
    serverTime: NOW,
    engine: 'django.contrib.sessions.backends.db',
    storeClass: 'django.contrib.sessions.backends.db.SessionStore',
    sessionKey: 'q1w2…g5h6',
    exists: true,
    corrupt: false,
    data: {
      visits_counter: 3,
      big: { $py: 'int', value: '123456789012345678901' },
      _auth_user_id: '1',
      _auth_user_backend: 'django.contrib.auth.backends.ModelBackend',
      _auth_user_hash: 'f'.repeat(64),
      _session_expiry: 300,
    },
    expiry: {
      age: 300,
      date: '2023-11-14T22:18:19+00:00',
      atBrowserClose: false,
      custom: 300,
      server: { source: 'db', expiresAt: '2023-11-14T22:18:19+00:00', ttl: null },
      expired: false,
    },
    user: {
      authenticated: true,
      id: '1',
      username: 'alice',
      isStaff: true,
      backend: 'django.contrib.auth.backends.ModelBackend',
      hashValid: true,
    },
    settings: {
      SESSION_COOKIE_AGE: 1209600,
      SESSION_COOKIE_NAME: 'sessionid',
      SESSION_EXPIRE_AT_BROWSER_CLOSE: false,
      CSRF_COOKIE_NAME: 'csrftoken',
      'MESSAGE_STORAGE.cookie_name': 'messages',
    },
    secretKey: { looksWeak: true, fallbacks: 1 },
    readOnly: true,
    ...over,
  };
}

function tab(props: {
  cookie?: CookieInfo | null;
  companion?: CompanionState;
  report?: Parameters<typeof SessionTab>[0]['report'];
}) {
  const onRefresh = vi.fn();
  render(
    <SessionTab
      cookie={props.cookie === undefined ? cookie() : props.cookie}
      pageUrl="http://localhost:8000/"
      sessionCookieName="sessionid"
      report={props.report ?? null}
      companion={props.companion ?? { status: 'idle' }}
      now={NOW}
      onRefreshCompanion={onRefresh}
    />,
  );
  return onRefresh;
}

describe('SessionTab', () => {
  it('no session cookie: an empty state that says what to do', () => {
    tab({ cookie: null, companion: { status: 'absent', httpStatus: 404 } });
    const empty = screen.getByTestId('session-empty');
    expect(empty.textContent).toContain('No sessionid cookie for this site yet');
    expect(empty.textContent).toContain('SESSION_COOKIE_NAME');
    expect(screen.queryByTestId('expiry')).toBeNull();
  });

  it('companion ok: store, server data, the resolved user, settings, key health, one expiry', () => {
    tab({ companion: { status: 'ok', response: companionSession() } });
    expect(screen.getByTestId('session-cookie-masked').textContent).toBe('q1w2…g5h6');
    expect(screen.getByTestId('companion-engine').textContent).toBe('django.contrib.sessions.backends.db');
    const tree = screen.getByTestId('companion-tree');
    const row = (p: string) => tree.querySelector(`[data-path="${p}"]`) as HTMLElement;
    expect(within(row('/visits_counter')).getByTestId('companion-tree-value').textContent).toBe('3');
    expect(within(row('/big')).getByTestId('companion-tree-value').textContent).toBe('123456789012345678901');
    expect(within(row('/_auth_user_id')).getByTestId('companion-tree-note').textContent).toContain(
      'Logged-in user',
    );
    expect(within(row('/_auth_user_hash')).getByTestId('companion-tree-masked')).toBeTruthy();
    expect(screen.getByTestId('companion-user-username').textContent).toBe('alice');
    expect(screen.getByTestId('companion-user-id').textContent).toBe('1');
    expect(screen.getByTestId('companion-user-hash').textContent).toBe('valid');
    expect(screen.getByTestId('companion-weak-key').getAttribute('role')).toBe('alert');
    expect(screen.getByTestId('companion-fallbacks').textContent).toContain('1');
    // Grouped as Django's settings reference groups them, alphabetical within a group; the
    // messages cookie name is a class attribute, shown beside the cookie names, not as a setting.
    const settings = screen.getAllByTestId('companion-setting').map((r) => r.dataset.name);
    expect(settings).toEqual([
      'SESSION_COOKIE_AGE',
      'SESSION_COOKIE_NAME',
      'SESSION_EXPIRE_AT_BROWSER_CLOSE',
      'CSRF_COOKIE_NAME',
    ]);
    expect(screen.getAllByTestId('companion-settings-group').map((g) => g.dataset.group)).toEqual([
      'Sessions',
      'CSRF',
    ]);
    expect(screen.getByTestId('companion-messages-cookie').textContent).toBe('messages');
    expect(screen.getByTestId('companion-settings').textContent).toContain("'csrftoken'");
    // cookie Max-Age, set_expiry and the db row agree: no disagreement, a five-minute countdown
    expect(screen.getByTestId('expiry-countdown').textContent).toBe('ends in 4m 59s');
    expect(screen.queryByTestId('expiry-disagreement')).toBeNull();
  });

  it('the countdown runs between the shell updates', () => {
    vi.useFakeTimers();
    tab({ companion: { status: 'ok', response: companionSession() } });
    expect(screen.getByTestId('expiry-countdown').textContent).toBe('ends in 4m 59s');
    act(() => {
      vi.advanceTimersByTime(2000);
    });
    expect(screen.getByTestId('expiry-countdown').textContent).toBe('ends in 4m 57s');
  });

  it('a cache TTL answer stays in agreement while the panel stays open (no creeping disagreement)', () => {
    vi.useFakeTimers();
    // A cache-engine session saved just now: Max-Age and the TTL were both get_expiry_age() = 300.
    const response = companionSession({
      engine: 'django.contrib.sessions.backends.cache',
      expiry: {
        ...companionSession().expiry,
        server: { source: 'cache', expiresAt: null, ttl: 299 },
      },
    });
    tab({ cookie: cookie({ expirationDate: NOW + 299 }), companion: { status: 'ok', response } });
    expect(screen.queryByTestId('expiry-disagreement')).toBeNull();
    act(() => {
      vi.advanceTimersByTime(120_000);
    });
    // The TTL counts from the answer's serverTime; it used to count from the ticking clock.
    expect(screen.getByTestId('expiry-countdown').textContent).toBe('ends in 2m 59s');
    expect(screen.queryByTestId('expiry-disagreement')).toBeNull();
  });

  it('sources that disagree are named', () => {
    tab({
      cookie: cookie({ expirationDate: NOW + 1209600 }),
      companion: { status: 'ok', response: companionSession() },
    });
    expect(screen.getByTestId('expiry-countdown').textContent).toBe('ends in 4m 59s');
    expect(screen.getByTestId('expiry-disagreement').textContent).toContain(
      'cookie 2023-11-28 22:13:20 UTC (13d 23h later)',
    );
  });

  it('set_expiry(0): ends when the browser closes', () => {
    const response = companionSession({
      data: { _session_expiry: 0 },
      expiry: {
        ...companionSession().expiry,
        custom: 0,
        atBrowserClose: true,
        server: { source: 'db', expiresAt: null, ttl: null },
      },
    });
    tab({
      cookie: cookie({ session: true, expirationDate: undefined }),
      companion: { status: 'ok', response },
    });
    expect(screen.getByTestId('expiry-countdown').textContent).toBe('ends when the browser closes');
  });

  it('companion absent: a short install hint and a retry', () => {
    const onRefresh = tab({ companion: { status: 'absent', httpStatus: 404 } });
    const hint = screen.getByTestId('install-hint');
    // Not on any package index: install from the repository (issue 10).
    expect(hint.textContent).not.toContain('pip install django-sessionlens');
    expect(hint.textContent).toContain('pip install path/to/sessionlens/companion');
    expect(hint.textContent).toContain(
      'urlpatterns.insert(0, path("__sessionlens__/", include("sessionlens.urls")))',
    );
    expect(hint.textContent).toMatch(/before any catch-all route \(Wagtail's serve/);
    // A TOKEN does not open the endpoint with DEBUG off: the default callback needs DEBUG.
    const access = screen.getByTestId('install-access').textContent ?? '';
    expect(access).toMatch(/^What opens it: DEBUG = True and a request from this computer/);
    expect(access).toContain('SESSIONLENS["SHOW_SESSION_CALLBACK"]');
    expect(access).toContain('never a key by itself');
    expect(access).not.toMatch(/or to requests carrying/);
    expect(hint.textContent).toContain('(HTTP 404)');
    fireEvent.click(screen.getByTestId('companion-retry'));
    expect(onRefresh).toHaveBeenCalledOnce();
    expect(screen.getByTestId('session-server-side').textContent).toContain('Ask the companion');
    // the browser cookie alone still gives an end
    expect(screen.getByTestId('expiry-countdown').textContent).toBe('ends in 4m 59s');
  });

  it('companion error: the code and message, and a retry', () => {
    const onRefresh = tab({ companion: { status: 'error', code: 'network', message: 'connection refused' } });
    const error = screen.getByTestId('companion-error');
    expect(error.dataset.code).toBe('network');
    expect(error.textContent).toContain('connection refused');
    fireEvent.click(within(error).getByText('Try again'));
    expect(onRefresh).toHaveBeenCalledOnce();
  });

  it('signed_cookies without the companion: the decoded cookie, its expiry from the signature', async () => {
    const now = SIGNED_AT + 60;
    const report = await decode(SESSION_COOKIE, { kind: 'session-cookie', keys: ['k'], now });
    render(
      <SessionTab
        cookie={cookie({ value: SESSION_COOKIE, expirationDate: SIGNED_AT + 300 })}
        sessionCookieName="sessionid"
        report={report}
        companion={{ status: 'loading' }}
        now={now}
        onRefreshCompanion={() => {}}
      />,
    );
    expect(screen.getByTestId('verdict').dataset.verdict).toBe('verified');
    expect(screen.queryByTestId('session-cookie-masked')).toBeNull();
    expect(screen.getByTestId('companion-loading')).toBeTruthy();
    // set_expiry(300) in the cookie, anchored at its signing time
    expect(screen.getByTestId('expiry-countdown').textContent).toBe('ends in 4m 0s');
  });

  it('opens with a summary: engine and state, user, the reconciled end, how much it holds', () => {
    tab({ companion: { status: 'ok', response: companionSession() } });
    const root = screen.getByTestId('session-tab');
    expect([...root.children].slice(0, 2).map((c) => c.getAttribute('data-testid'))).toEqual([
      'diagnosis',
      'session-summary',
    ]);
    expect(screen.getByTestId('summary-session').textContent).toContain('db · in the store');
    expect(screen.getByTestId('summary-user').textContent).toContain('alice (id 1)');
    expect(screen.getByTestId('summary-user').textContent).toContain('staff');
    expect(screen.getByTestId('summary-keys').textContent).toBe('6 keys');
    expect(within(screen.getByTestId('session-summary')).getByTestId('expiry-countdown').textContent).toBe(
      'ends in 4m 59s',
    );
  });

  it('settings are collapsed, and mark what differs from Django defaults', () => {
    const response = companionSession({
      settings: { SESSION_COOKIE_AGE: 300, SESSION_COOKIE_NAME: 'sessionid', SESSION_FILE_PATH: null },
    });
    tab({ companion: { status: 'ok', response } });
    const details = screen.getByTestId('companion-settings-details') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(details.querySelector('summary')?.textContent).toContain("1 changed from Django's default");
    const changed = screen.getAllByTestId('companion-setting').filter((r) => r.dataset.changed === 'true');
    expect(changed.map((r) => r.dataset.name)).toEqual(['SESSION_COOKIE_AGE']);
  });

  it('a weak key seen by both the cookie report and the companion is one alert', async () => {
    const now = SIGNED_AT + 60;
    // 'k' is far below security.W009's 50 characters: the cookie's report flags it too.
    const report = await decode(SESSION_COOKIE, { kind: 'session-cookie', keys: ['k'], now });
    expect(report.warnings.map((w) => w.code)).toContain('weak-key');
    const response = companionSession({ engine: 'django.contrib.sessions.backends.signed_cookies' });
    render(
      <SessionTab
        cookie={cookie({ value: SESSION_COOKIE, expirationDate: SIGNED_AT + 300 })}
        sessionCookieName="sessionid"
        report={report}
        companion={{ status: 'ok', response }}
        now={now}
        onRefreshCompanion={() => {}}
      />,
    );
    const alerts = screen.getAllByRole('alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.textContent).toContain('security.W009');
    expect(screen.queryByTestId('warning-weak-key')).toBeNull();
    expect(screen.getByTestId('verdict').dataset.verdict).toBe('verified');
  });

  it("a weak fallback key: the banner says why from the structured reason, without the core's preamble", async () => {
    const now = SIGNED_AT + 60;
    const strong = 'p8#Qz!v2Lr@x7Ke$Wm4Ny^Tb6Hc*Jd9Fg(Ss1Aa)Uu3Ii-Oo5Ee+Yy0Rr=Tt8';
    const report = await decode(SESSION_COOKIE, { kind: 'session-cookie', keys: [strong, 'k'], now });
    expect(report.warnings.find((w) => w.code === 'weak-key')).toMatchObject({
      reason: 'w009-length',
      keyIndex: 1,
    });
    render(
      <SessionTab
        cookie={cookie({ value: SESSION_COOKIE, expirationDate: SIGNED_AT + 300 })}
        sessionCookieName="sessionid"
        report={report}
        companion={{ status: 'idle' }}
        now={now}
        onRefreshCompanion={() => {}}
      />,
    );
    const banner = screen.getByTestId('warning-weak-key').textContent ?? '';
    // It used to strip "The verifying SECRET_KEY is weak:" by regex, so a fallback's preamble stayed.
    expect(banner).not.toContain('The verifying');
    expect(banner).toContain("1 characters, 1 distinct: Django's check security.W009");
  });
});
