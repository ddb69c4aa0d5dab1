// The Session tab in the states issue 10 found misleading, rendered from the companion's own
// answers (test/contract/*.json: the same JSON the companion's tests produce).
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import fallbackKey from '../../../test/contract/fallback-key.json';
import loggedIn from '../../../test/contract/logged-in.json';
import noSession from '../../../test/contract/no-session.json';
import staleHash from '../../../test/contract/stale-hash.json';
import { cookieInfo } from '../../../test/fixtures/cookie-info';
import type { CompanionSession, CompanionSiteOnly } from '../../core/companion';
import { cookieDjangoReads } from '../../core/cookies/duplicates';
import type { CookieInfo } from '../../core/cookies/index';
import { StickyOpenMemory } from '../ui/sticky';
import type { CompanionState } from './companion-state';
import { SessionTab } from './SessionTab';

afterEach(() => {
  cleanup();
});

const LOGGED_IN = loggedIn as CompanionSession;
const STALE = staleHash as CompanionSession;
const SITE = noSession as CompanionSiteOnly;
const NOW = LOGGED_IN.serverTime;
const PAGE = 'http://localhost:8000/counter/';

const cookie = (over: Partial<CookieInfo> = {}): CookieInfo =>
  cookieInfo({ value: 'klzbq1w2e3r4t5y6u7i8o9p0a1s2kz2z', expirationDate: NOW + 1209600, ...over });

function show(cookies: CookieInfo[], companion: CompanionState, extra: { cookiesReadable?: boolean } = {}) {
  const choice = cookieDjangoReads(cookies, 'sessionid', PAGE);
  // The App's memory of open sections, fresh for each panel this test opens.
  const memory = new Map<string, boolean>();
  const wrapper = ({ children }: { children: ComponentChildren }) => (
    <StickyOpenMemory.Provider value={memory}>{children}</StickyOpenMemory.Provider>
  );
  return render(
    <SessionTab
      cookie={choice.read}
      choice={choice}
      pageUrl={PAGE}
      cookiesReadable={extra.cookiesReadable ?? true}
      sessionCookieName="sessionid"
      report={null}
      companion={companion}
      now={NOW}
      onRefreshCompanion={() => {}}
    />,
    { wrapper },
  );
}

describe('Session tab: the why line and the states it names', () => {
  it('a stale _auth_user_hash names the user a password change logged out (contract: stale-hash.json)', () => {
    show([cookie()], { status: 'ok', response: STALE });
    expect(screen.getByTestId('companion-user').textContent).toBe(
      'user demo (id 1) — logged out by a password change: the auth hash no longer matches.',
    );
    expect(screen.getByTestId('companion-user').textContent).not.toContain('Anonymous');
    expect(screen.getByTestId('summary-user').textContent).toContain('demo (id 1)');
    expect(screen.getByTestId('summary-user').textContent).toContain('logged out by a password change');
    expect(screen.getByTestId('diagnosis').dataset.state).toBe('stale-auth-hash');
    expect(screen.getByTestId('diagnosis-headline').textContent).toBe(
      'User demo (id 1) — logged out by a password change: the auth hash no longer matches.',
    );
  });

  it('a valid login reads as the user, with a live session (contract: logged-in.json)', () => {
    show([cookie()], { status: 'ok', response: LOGGED_IN });
    expect(screen.getByTestId('companion-user-username').textContent).toBe('demo');
    expect(screen.getByTestId('companion-user-hash').textContent).toBe('valid');
    expect(screen.getByTestId('diagnosis').dataset.state).toBe('live');
    expect(screen.getByTestId('diagnosis-headline').textContent).toMatch(
      /^Live until 2026-01-15 00:00:00 UTC/,
    );
  });

  it('no session yet: the site answer, plainly, with what creates one (contract: no-session.json)', () => {
    show([], { status: 'site', response: SITE });
    expect(screen.queryByTestId('companion-error')).toBeNull();
    expect(screen.getByTestId('diagnosis').dataset.state).toBe('no-session');
    expect(screen.getByTestId('diagnosis-headline').textContent).toMatch(/^No session yet: /);
    expect(screen.getByTestId('diagnosis-detail').textContent).toMatch(/writes to request\.session/);
    expect(screen.getByTestId('companion').dataset.kind).toBe('site');
    expect(screen.getByTestId('companion-engine').textContent).toBe('django.contrib.sessions.backends.db');
    expect(screen.getByTestId('companion-cookie-name').textContent).toBe('sessionid');
    expect(screen.getByTestId('companion-installed').textContent).toBe('installed (protocol 2)');
    expect(screen.getByTestId('companion-no-session').textContent).toContain('no sessionid cookie');
    expect(screen.getAllByTestId('companion-setting').length).toBeGreaterThan(5);
    expect(screen.getByTestId('session-empty')).toBeTruthy();
  });

  it('two sessionid cookies: the one Django reads is shown, the other flagged as ignored', () => {
    const root = cookie({ value: 'klzbq1w2e3r4t5y6u7i8o9p0a1s2kz2z' });
    const counter = cookie({ value: 'zzzzq1w2e3r4t5y6u7i8o9p0a1s2aaaa', path: '/counter/' });
    show([counter, root], { status: 'ok', response: LOGGED_IN });
    expect(screen.getByTestId('session-cookie-masked').textContent).toBe('klzb…kz2z');
    const finding = screen.getByTestId('finding-duplicate-cookie');
    expect(finding.dataset.path).toBe('/counter/');
    expect(finding.textContent).toContain('reads Path=/ and ignores this one');
    expect(screen.getByTestId('diagnosis').dataset.state).toBe('shadowed');
    // The finding is said once in full (the banner); the evidence line is short.
    expect(document.body.textContent?.match(/Delete the Path=\/counter\/ cookie/g)).toHaveLength(1);
  });

  it('a corrupt session reads "corrupt", never "exists" beside it', () => {
    show([cookie()], { status: 'ok', response: { ...LOGGED_IN, corrupt: true, data: {} } });
    const status = screen.getByTestId('companion-status');
    expect(status.textContent).toContain('corrupt');
    expect(status.textContent).not.toMatch(/exists|in the store/);
    expect(screen.getByTestId('diagnosis').dataset.state).toBe('unknown-key');
    expect(screen.getByTestId('summary-session').textContent).toContain('unreadable');
  });

  it('after the cookie expired the summary is not green "in the store"', () => {
    show([cookie({ expirationDate: NOW - 30 })], { status: 'ok', response: LOGGED_IN });
    const summary = screen.getByTestId('summary-session');
    expect(summary.textContent).not.toContain('in the store');
    expect(summary.textContent).toContain('expired');
    expect(summary.querySelector('.sl-tone-error')).not.toBeNull();
    expect(screen.getByTestId('diagnosis').dataset.state).toBe('expired');
  });

  it('signed_cookies: the data once (in the cookie), and the value not labelled "session key"', () => {
    const response = { ...LOGGED_IN, engine: 'django.contrib.sessions.backends.signed_cookies' };
    show([cookie()], { status: 'ok', response });
    expect(screen.queryByTestId('companion-tree')).toBeNull();
    expect(screen.getByTestId('companion-data-in-cookie')).toBeTruthy();
    const meta = screen.getByTestId('companion-session-key').previousElementSibling;
    expect(meta?.textContent).toBe('cookie value');
  });

  it('Settings and Expiry sources stay open across a companion refetch', () => {
    const { rerender } = show([cookie()], { status: 'ok', response: LOGGED_IN });
    const open = (id: string) => {
      const d = screen.getByTestId(id) as HTMLDetailsElement;
      d.open = true;
      fireEvent(d, new Event('toggle'));
    };
    open('companion-settings-details');
    open('expiry-details');
    const again = (companion: CompanionState) =>
      rerender(
        <SessionTab
          cookie={cookie()}
          pageUrl={PAGE}
          sessionCookieName="sessionid"
          report={null}
          companion={companion}
          now={NOW}
          onRefreshCompanion={() => {}}
        />,
      );
    again({ status: 'loading' });
    expect(screen.queryByTestId('companion-settings-details')).toBeNull();
    again({ status: 'ok', response: LOGGED_IN });
    expect((screen.getByTestId('companion-settings-details') as HTMLDetailsElement).open).toBe(true);
    expect((screen.getByTestId('expiry-details') as HTMLDetailsElement).open).toBe(true);
  });

  it('before the site is allowed, it does not claim there is no session cookie', () => {
    show([], { status: 'idle' }, { cookiesReadable: false });
    expect(screen.queryByTestId('session-empty')).toBeNull();
    expect(screen.getByTestId('session-cookies-unreadable').textContent).toContain('cannot read');
    expect(screen.queryByTestId('diagnosis')).toBeNull();
  });

  it('a db session signed by a SECRET_KEY_FALLBACKS key: rotate soon, from the server', () => {
    show([cookie()], { status: 'ok', response: fallbackKey as CompanionSession });
    expect(screen.getByTestId('diagnosis').dataset.state).toBe('fallback-key');
    expect(screen.getByTestId('diagnosis-headline').textContent).toMatch(
      /^Signed by SECRET_KEY_FALLBACKS\[0\], not the current SECRET_KEY: .*rotate soon/,
    );
    const fact = screen
      .getAllByTestId('diagnosis-fact')
      .find((f) => /SECRET_KEY_FALLBACKS\[0\] signed it/.test(f.textContent ?? ''));
    expect(fact?.dataset.from).toBe('server');
  });

  it('the evidence under the why line says where each fact comes from', () => {
    show([cookie()], { status: 'ok', response: STALE });
    const facts = screen.getAllByTestId('diagnosis-fact');
    expect(facts.map((f) => f.dataset.from)).toEqual(expect.arrayContaining(['browser', 'server', 'expiry']));
    const user = facts.find((f) => /_auth_user_hash/.test(f.textContent ?? ''));
    expect(within(user as HTMLElement).getByText(/get_user\(\) returns AnonymousUser/)).toBeTruthy();
  });
});
