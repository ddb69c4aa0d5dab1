import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { describe, expect, it } from 'vitest';
import { THEME_COOKIE } from '../../../test/fixtures/panel-values';
import { fake, settle, withBackground } from '../../../test/unit/harness';
import expiryFile from '../../../test/vectors/expiry.5.2.19.json';
import djangoCookies from '../../../test/vectors/fixtures/django-cookies.5.2.19.json' with { type: 'json' };
import type { CookieInfo } from '../../core/cookies/index';
import { reconcileExpiry } from '../../core/expiry';
import { decode } from '../../core/index';
import type { DecodeOptions } from '../../core/types';
import { request } from '../../messaging/request';
import type { CookiesState } from '../hooks/useCookies';
import { CookiesTab } from './CookiesTab';
import { siteCookieSettings } from './site-settings';

const NOW = 1_800_000_000;

interface ExpiryVector {
  id: string;
  value: string;
  options: DecodeOptions;
  expiry: {
    cookie: { session: boolean; expirationDate?: number };
    settings: { SESSION_COOKIE_AGE: number; SESSION_EXPIRE_AT_BROWSER_CLOSE: boolean };
  };
}
const EXPIRY_VECTORS = (expiryFile as { vectors: ExpiryVector[] }).vectors;

function cookie(over: Partial<CookieInfo> & { name: string; value: string }): CookieInfo {
  return {
    domain: 'localhost',
    hostOnly: true,
    path: '/',
    secure: false,
    httpOnly: false,
    sameSite: 'lax',
    session: true,
    partitionKey: null,
    partitioned: false,
    storeId: '0',
    ...over,
  };
}

function state(cookies: CookieInfo[]): CookiesState {
  return { cookies, loading: false, error: null, refresh: async () => undefined };
}

const SESSION = cookie({
  name: 'sessionid',
  value: 'x3k9w2b8q7z1m4n6p5r0t2v8y1a3c5e7',
  httpOnly: true,
  session: false,
  expirationDate: NOW + 299,
});
const HOSTILE = cookie({ name: 'evil', value: '<img src=x onerror=alert(1)>' });
const CHIPS = cookie({
  name: 'embed',
  value: '1',
  secure: true,
  sameSite: 'no_restriction',
  partitionKey: { topLevelSite: 'http://localhost' },
  partitioned: true,
});
const GONE = cookie({ name: 'old', value: 'v', session: false, expirationDate: NOW - 120 });

function renderTab(cookies: CookieInfo[]) {
  return render(
    <CookiesTab
      url="http://localhost:8000/"
      state={state(cookies)}
      sessionCookieName="sessionid"
      keys={[]}
      now={NOW}
      salts={{}}
      onSalt={() => undefined}
    />,
  );
}

/** The tab as the shell holds it: salts live in the site settings, per cookie name. */
function SaltedTab({ cookies, saved }: { cookies: CookieInfo[]; saved: Array<[string, string]> }) {
  const [salts, setSalts] = useState<{ [name: string]: string }>({});
  return (
    <CookiesTab
      url="http://localhost:8000/"
      state={state(cookies)}
      sessionCookieName="sessionid"
      keys={['k']}
      now={NOW}
      salts={salts}
      onSalt={(name, salt) => {
        saved.push([name, salt]);
        setSalts({ ...salts, [name]: salt });
      }}
    />
  );
}

const rowOf = (name: string) => {
  const row = screen.getAllByTestId('cookie-row').find((r) => r.dataset.cookieName === name);
  if (!row) throw new Error(`no row ${name}`);
  return within(row);
};

describe('CookiesTab', () => {
  withBackground();

  it('shows flags, SameSite, partitioning and the live expiry of each cookie', () => {
    renderTab([HOSTILE, SESSION, CHIPS, GONE]);
    // Django's session cookie sorts first.
    expect(screen.getAllByTestId('cookie-row')[0]?.dataset.cookieName).toBe('sessionid');
    expect(rowOf('sessionid').getByTestId('cookie-expires').textContent).toBe('in 4m 59s');
    expect(rowOf('sessionid').getByTestId('cookie-httponly').textContent).toBe('✓');
    expect(rowOf('sessionid').getByTestId('cookie-label').textContent).toBe('session');
    expect(rowOf('evil').getByTestId('cookie-expires').textContent).toBe('Session');
    expect(rowOf('evil').getByTestId('cookie-httponly').textContent).toBe('');
    expect(rowOf('embed').getByTestId('cookie-samesite').textContent).toBe('None');
    expect(rowOf('embed').getByTestId('cookie-partitioned').textContent).toBe('✓');
    expect(rowOf('embed').getByTestId('cookie-secure').textContent).toBe('✓');
    expect(rowOf('old').getByTestId('cookie-expires').textContent).toBe('expired 2m ago');
    expect(rowOf('old').getByTestId('cookie-expires').className).toBe('sl-error');
    expect(rowOf('sessionid').getByTestId('cookie-size').textContent).toBe(String('sessionid'.length + 32));
  });

  it('renders a hostile value as literal text, never as markup', () => {
    const { container } = renderTab([HOSTILE]);
    expect(container.querySelector('img')).toBeNull();
    expect(rowOf('evil').getByTestId('cookie-value').textContent).toBe('<img src=x onerror=alert(1)>');
    fireEvent.click(screen.getByTestId('cookie-row'));
    expect(screen.getByTestId('cookie-detail-value').textContent).toBe('<img src=x onerror=alert(1)>');
    expect(container.querySelector('img')).toBeNull();
  });

  it('shows the bidi and control characters a site put in a cookie as escapes, so a value cannot pass for another', () => {
    renderTab([cookie({ name: 'file', value: 'invoice\u202efdp.exe\u001b[2J' })]);
    expect(rowOf('file').getByTestId('cookie-value').textContent).toBe('invoice\\u202efdp.exe\\x1b[2J');
    fireEvent.click(screen.getByTestId('cookie-row'));
    expect(screen.getByTestId('cookie-detail-value').textContent).toBe('invoice\\u202efdp.exe\\x1b[2J');
  });

  it('lists audit findings in the warnings column', () => {
    renderTab([cookie({ name: 'sessionid', value: 'k', sameSite: 'no_restriction' })]);
    const cell = rowOf('sessionid').getByTestId('cookie-warnings');
    expect(cell.textContent).toBe('⚠ 2 warnings');
    expect(cell.title).toContain('SameSite=None without Secure');
  });

  it("flags a cookie that differs from the companion's settings, with the setting and its docs", () => {
    const defaults = djangoCookies.scenarios.defaults;
    const site = { settings: defaults.settings, cookieName: 'sessionid', messagesCookieName: 'messages' };
    render(
      <CookiesTab
        url="http://localhost:8000/counter/"
        state={state([{ ...SESSION, path: '/counter/' }])}
        sessionCookieName="sessionid"
        keys={[]}
        now={NOW}
        salts={{}}
        onSalt={() => undefined}
        site={site}
        sessionCustomExpiry={false}
      />,
    );
    expect(rowOf('sessionid').getByTestId('cookie-warnings').textContent).toBe(
      '⚠ Path ≠ SESSION_COOKIE_PATH',
    );
    fireEvent.click(screen.getByTestId('cookie-row'));
    const finding = screen.getByTestId('cookie-findings').querySelector('[data-finding="setting-path"]');
    expect(finding?.textContent).toMatch(/Path=\/counter\/ but SESSION_COOKIE_PATH = '\/'/);
    const docs = screen.getByTestId('finding-docs') as HTMLAnchorElement;
    expect(docs.href).toBe('https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-path');
    expect(docs.textContent).toBe("SESSION_COOKIE_PATH in Django's docs");
  });

  it('learns the cookie names from the companion, or from SESSION_COOKIE_NAME, and never guesses', () => {
    const settings = djangoCookies.scenarios.custom.settings;
    expect(
      siteCookieSettings({ settings, cookieName: 'app_session', messagesCookieName: 'messages' }),
    ).toEqual({
      settings,
      cookieName: 'app_session',
      messagesCookieName: 'messages',
    });
    expect(siteCookieSettings({ settings })).toEqual({
      settings,
      cookieName: 'app_session',
      messagesCookieName: null,
    });
    expect(siteCookieSettings({ settings: {} })).toBeNull();
  });

  it('says a missing HttpOnly once, as the setting that explains it', () => {
    const defaults = djangoCookies.scenarios.defaults;
    const site = { settings: defaults.settings, cookieName: 'sessionid', messagesCookieName: 'messages' };
    render(
      <CookiesTab
        url="http://localhost:8000/"
        state={state([{ ...SESSION, httpOnly: false }])}
        sessionCookieName="sessionid"
        keys={[]}
        now={NOW}
        salts={{}}
        onSalt={() => undefined}
        site={site}
      />,
    );
    expect(rowOf('sessionid').getByTestId('cookie-warnings').textContent).toBe(
      '⚠ HttpOnly ≠ SESSION_COOKIE_HTTPONLY',
    );
  });

  it('labels the cookie the companion names CSRF_COOKIE_NAME as the CSRF cookie, whatever its name', () => {
    const defaults = djangoCookies.scenarios.defaults;
    // CSRF_COOKIE_NAME = "xsrf": no "csrf" in the name for the shape rules to go by.
    const settings = { ...defaults.settings, CSRF_COOKIE_NAME: 'xsrf' };
    const site = { settings, cookieName: 'sessionid', messagesCookieName: 'messages' };
    const csrf = { ...(defaults.cookies.find((c) => c.name === 'csrftoken') as CookieInfo), name: 'xsrf' };
    render(
      <CookiesTab
        url="http://testserver/"
        state={state([csrf])}
        sessionCookieName="sessionid"
        keys={[]}
        now={defaults.now}
        salts={{}}
        onSalt={() => undefined}
        site={site}
      />,
    );
    expect(rowOf('xsrf').getByTestId('cookie-label').textContent).toBe('csrf');
    fireEvent.click(screen.getByTestId('cookie-row'));
    expect(screen.getByTestId('cookie-explain').textContent).toMatch(
      /^The CSRF cookie \(CSRF_COOKIE_NAME = 'xsrf'\), not signed/,
    );
    expect(screen.queryByTestId('report')).toBeNull();
  });

  it('checks nothing against settings without a companion answer', () => {
    renderTab([{ ...SESSION, path: '/counter/' }]);
    expect(rowOf('sessionid').getByTestId('cookie-warnings').textContent).toBe('');
  });

  it('flags the session cookie when the expiry model finds it disagreeing (real Django cookies)', async () => {
    const read = async (id: string) => {
      const v = EXPIRY_VECTORS.find((x) => x.id.endsWith(`/5.2.19/${id}`));
      if (!v) throw new Error(`no vector ${id}`);
      const report = await decode(v.value, v.options);
      const jar = cookie({ name: 'sessionid', value: v.value, httpOnly: true, ...v.expiry.cookie });
      const expiry = reconcileExpiry({
        cookie: v.expiry.cookie,
        sessionData: report.data,
        settings: v.expiry.settings,
        server: null,
        signedAt: report.timestamp,
        now: v.options.now,
      });
      return { jar, expiry, now: v.options.now };
    };
    // Set under SESSION_COOKIE_AGE = 3600, read with the default two weeks: the cookie goes first.
    const changed = await read('cookie_age_changed');
    const { unmount } = render(
      <CookiesTab
        url="http://localhost:8000/"
        state={state([changed.jar])}
        sessionCookieName="sessionid"
        keys={[]}
        now={changed.now}
        sessionExpiry={changed.expiry}
        salts={{}}
        onSalt={() => undefined}
      />,
    );
    expect(rowOf('sessionid').getByTestId('cookie-warnings').title).toContain(
      "The cookie's expiry and the session's own disagree",
    );
    unmount();
    const agreeing = await read('set_expiry_300');
    render(
      <CookiesTab
        url="http://localhost:8000/"
        state={state([agreeing.jar])}
        sessionCookieName="sessionid"
        keys={[]}
        now={agreeing.now}
        sessionExpiry={agreeing.expiry}
        salts={{}}
        onSalt={() => undefined}
      />,
    );
    expect(rowOf('sessionid').queryByTestId('cookie-warnings')?.textContent ?? '').toBe('');
  });

  it('moves the selection with the arrow keys and opens the detail with Enter', () => {
    renderTab([SESSION, HOSTILE, GONE]);
    const grid = screen.getByTestId('cookie-table');
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(screen.getByTestId('cookie-detail-name').textContent).toBe('sessionid');
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'ArrowDown' }); // stays on the last row
    const selected = screen
      .getAllByTestId('cookie-row')
      .filter((r) => r.getAttribute('aria-selected') === 'true');
    expect(selected.map((r) => r.dataset.cookieName)).toEqual(['old']);
    fireEvent.keyDown(grid, { key: 'Enter' });
    expect(document.activeElement).toBe(screen.getByTestId('cookie-detail'));
    fireEvent.keyDown(grid, { key: 'Escape' });
    expect(screen.queryByTestId('cookie-detail')).toBeNull();
  });

  it('explains what the CSRF cookie is instead of decoding it', () => {
    renderTab([cookie({ name: 'csrftoken', value: 'AbCdEfGhIjKlMnOpQrStUvWxYz012345' })]);
    fireEvent.click(screen.getByTestId('cookie-row'));
    expect(screen.getByTestId('cookie-explain').textContent).toMatch(/CSRF secret, not signed/);
    expect(screen.queryByTestId('report')).toBeNull();
  });

  it('asks before deleting, deletes through the background, and undoes it with every attribute', async () => {
    const held = fake.setCookie({
      name: 'sessionid',
      value: SESSION.value,
      domain: 'localhost',
      httpOnly: true,
      sameSite: 'strict',
      expirationDate: NOW + 299,
    });
    const res = await request('getCookies', { url: 'http://localhost:8000/' });
    if (!res.ok) throw new Error(res.message);
    renderTab(res.value);
    fireEvent.click(screen.getByTestId('cookie-row'));
    fireEvent.click(screen.getByTestId('cookie-delete'));
    await settle();
    expect(fake.state.cookies).toEqual([held]); // nothing happens before the confirmation
    expect(screen.getByTestId('cookie-delete-question').textContent).toMatch(
      /^Delete sessionid \(the site forgets who you are\)\?/,
    );
    fireEvent.click(screen.getByTestId('cookie-delete-confirm'));
    await settle();
    expect(fake.state.cookies).toEqual([]);
    expect(screen.queryByTestId('cookie-delete-error')).toBeNull();
    expect(screen.getByTestId('cookie-undo-bar').textContent).toMatch(/^Deleted sessionid\./);
    fireEvent.click(screen.getByTestId('cookie-undo'));
    await settle();
    expect(fake.state.cookies).toEqual([held]);
    expect(screen.queryByTestId('cookie-undo-bar')).toBeNull();
  });

  it('keeps the cookie when the deletion is cancelled', async () => {
    fake.setCookie({ name: 'sessionid', value: SESSION.value, domain: 'localhost' });
    renderTab([SESSION]);
    fireEvent.click(screen.getByTestId('cookie-row'));
    fireEvent.click(screen.getByTestId('cookie-delete'));
    fireEvent.click(screen.getByTestId('cookie-delete-cancel'));
    await settle();
    expect(fake.state.cookies.map((c) => c.name)).toEqual(['sessionid']);
    expect(screen.getByTestId('cookie-delete').textContent).toBe('Delete cookie');
  });

  it('verifies a salted set_signed_cookie once its salt is typed in the detail', async () => {
    const saved: Array<[string, string]> = [];
    render(<SaltedTab cookies={[cookie({ name: 'theme', value: THEME_COOKIE })]} saved={saved} />);
    fireEvent.click(screen.getByTestId('cookie-row'));
    // set_signed_cookie("theme", "dark", salt="themesalt"): without the salt the signature cannot
    // match, and that is not the key's fault: the verdict says a salt may be needed (issue 10).
    await waitFor(() => expect(screen.getByTestId('verdict').dataset.verdict).toBe('salt-unknown'));
    expect(screen.getByTestId('verdict-title').textContent).toBe(
      'Not verified: a set_signed_cookie salt may be needed',
    );
    expect(screen.getByTestId('verdict-detail').textContent).toMatch(
      /^None of your keys verifies it as set_signed_cookie\("theme", …, salt=""\)/,
    );
    expect(screen.getByTestId('verdict').textContent).not.toMatch(/Bad signature/);
    // A salt typed in is a claim: with a wrong one, the signature is bad.
    fireEvent.input(screen.getByTestId('cookie-salt'), { target: { value: 'not-the-salt' } });
    await waitFor(() => expect(screen.getByTestId('verdict').dataset.verdict).toBe('bad-signature'));
    fireEvent.input(screen.getByTestId('cookie-salt'), { target: { value: 'themesalt' } });
    await waitFor(() => expect(screen.getByTestId('verdict').dataset.verdict).toBe('verified'));
    expect(screen.getByTestId('report-text').textContent).toBe('dark');
    expect(saved).toEqual([
      ['theme', 'not-the-salt'],
      ['theme', 'themesalt'],
    ]);
  });

  it('offers a salt only for set_signed_cookie values', () => {
    renderTab([SESSION]);
    fireEvent.click(screen.getByTestId('cookie-row'));
    expect(screen.queryByTestId('cookie-salt')).toBeNull();
  });

  it('says what to do when the page has no cookies', () => {
    renderTab([]);
    expect(screen.getByTestId('cookies-empty').textContent).toMatch(
      /Load a view that touches request.session/,
    );
  });
});
