import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import loggedIn from '../../test/contract/logged-in.json';
import noSession from '../../test/contract/no-session.json';
import { THEME_COOKIE } from '../../test/fixtures/panel-values';
import { fake, settle, withBackground } from '../../test/unit/harness';
import sessionCookieVectors from '../../test/vectors/session-cookie.5.2.19.json';
import { App } from './App';

/** A companion that answers like django-sessionlens: the site without a session header, else the session. */
function companionAnswers(cookieName: string) {
  const asked: Array<string | null> = [];
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
    const session = new Headers(init.headers).get('X-Sessionlens-Session');
    asked.push(session);
    const body =
      session === null
        ? { ...noSession, cookieName, settings: { ...noSession.settings, SESSION_COOKIE_NAME: cookieName } }
        : { ...loggedIn, cookieName };
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  return asked;
}

function openPanel(tabId: number, url: string, search = `?tabId=${tabId}`) {
  fake.state.tabs.set(tabId, { id: tabId, url });
  history.replaceState(null, '', `/src/panel/index.html${search}`);
  return render(<App />);
}

describe('App', () => {
  withBackground();
  beforeEach(() => vi.stubGlobal('fetch', async () => new Response('', { status: 404 })));
  afterEach(async () => {
    // A test may end before the background has asked the companion (the panel asks on open): let
    // that request meet this test's fetch, not the network, before the real fetch is back.
    cleanup();
    await settle();
    vi.unstubAllGlobals();
  });

  it('opens on the Session tab and mirrors its state in document.title', async () => {
    fake.setCookie({ name: 'sessionid', value: 'x3k9w2b8q7z1m4n6p5r0t2v8y1a3c5e7', domain: 'localhost' });
    fake.setCookie({ name: 'csrftoken', value: 'AbCdEfGhIjKlMnOpQrStUvWxYz012345', domain: 'localhost' });
    openPanel(5, 'http://localhost:8000/');
    expect(screen.getByTestId('tab-session').getAttribute('aria-selected')).toBe('true');
    await waitFor(() =>
      expect(document.title).toMatch(/^Django session — 2 cookies — sessionid .+ — companion absent$/),
    );
    expect(screen.getByTestId('inspected-url').textContent).toBe('http://localhost:8000');
  });

  it('switches tabs by click and by arrow keys', async () => {
    openPanel(5, 'http://localhost:8000/');
    fireEvent.click(screen.getByTestId('tab-keys'));
    expect(await screen.findByTestId('keys-tab')).toBeTruthy();
    fireEvent.keyDown(screen.getByTestId('tab-keys'), { key: 'ArrowLeft' });
    expect(screen.getByTestId('tab-decode').getAttribute('aria-selected')).toBe('true');
  });

  it('asks for the inspected origin with one button when it is not local, then reads its cookies', async () => {
    fake.setCookie({ name: 'sessionid', value: 'k', domain: 'shop.example', secure: true });
    openPanel(6, 'https://shop.example/cart/', '?tabId=6&tab=cookies');
    const allow = await screen.findByTestId('allow-origin');
    expect(allow.textContent).toBe('Allow Sessionlens on https://shop.example');
    expect(await screen.findByTestId('cookies-no-permission')).toBeTruthy();
    await waitFor(() =>
      expect(document.title).toMatch(
        /^Django session — cookies not readable until the site is allowed( — |$)/,
      ),
    );
    fireEvent.click(allow);
    await waitFor(() => expect(screen.queryByTestId('permission-banner')).toBeNull());
    expect(fake.state.granted.has('https://shop.example/*')).toBe(true);
    await waitFor(() => expect(screen.getAllByTestId('cookie-row')).toHaveLength(1));
  });

  it('keeps what was pasted in the Decode tab across tab switches', async () => {
    openPanel(5, 'http://localhost:8000/', '?tabId=5&tab=decode');
    fireEvent.input(screen.getByTestId('paste-input'), { target: { value: THEME_COOKIE } });
    fireEvent.input(screen.getByTestId('paste-salt'), { target: { value: 'themesalt' } });
    await screen.findByTestId('verdict');
    fireEvent.click(screen.getByTestId('tab-session'));
    expect(await screen.findByTestId('session-tab')).toBeTruthy();
    fireEvent.click(screen.getByTestId('tab-decode'));
    expect((screen.getByTestId('paste-input') as HTMLTextAreaElement).value).toBe(THEME_COOKIE);
    expect((screen.getByTestId('paste-salt') as HTMLInputElement).value).toBe('themesalt');
    expect((await screen.findByTestId('report-text')).textContent).toBe('dark');
  });

  it('with no session cookie, asks the companion for the site only and says no session exists yet', async () => {
    const asked = companionAnswers('sessionid');
    openPanel(5, 'http://localhost:8000/');
    await waitFor(() => expect(screen.getByTestId('companion').dataset.kind).toBe('site'));
    expect(asked.every((h) => h === null)).toBe(true);
    expect(screen.getByTestId('diagnosis').dataset.state).toBe('no-session');
    expect(screen.queryByTestId('companion-error')).toBeNull();
  });

  it('a sessionid the page is not sent is named with why, not taken for "no session yet"', async () => {
    companionAnswers('sessionid');
    fake.setCookie({
      name: 'sessionid',
      value: 'x3k9w2b8q7z1m4n6p5r0t2v8y1a3c5e7',
      domain: 'localhost',
      path: '/admin/',
    });
    openPanel(5, 'http://localhost:8000/');
    await waitFor(() => expect(screen.getByTestId('diagnosis').dataset.state).toBe('not-sent'));
    expect(screen.getByTestId('diagnosis-headline').textContent).toBe(
      'The sessionid cookie will not be sent to this page: its Path=/admin/ does not cover /.',
    );
    expect(screen.getByTestId('session-empty').textContent).toBe(
      'The browser holds a sessionid cookie (Path=/admin/) but does not send it to this page, so Django sees no session here (the line above says why).',
    );
  });

  it("passes the session's reconciled expiry to the Cookies tab: a cookie outliving the stored session is flagged", async () => {
    companionAnswers('sessionid');
    // The store's row ends at the contract's expire_date; the browser's cookie a year later.
    const rowEnds = Date.parse(loggedIn.expiry.server.expiresAt) / 1000;
    fake.setCookie({
      name: 'sessionid',
      value: 'x3k9w2b8q7z1m4n6p5r0t2v8y1a3c5e7',
      domain: 'localhost',
      expirationDate: rowEnds + 365 * 86400,
    });
    openPanel(5, 'http://localhost:8000/', '?tabId=5&tab=cookies');
    const warnings = () =>
      document
        .querySelector(
          '[data-testid="cookie-row"][data-cookie-name="sessionid"] [data-testid="cookie-warnings"]',
        )
        ?.getAttribute('title') ?? '';
    await waitFor(() =>
      expect(warnings()).toContain(
        "The cookie's expiry and the session's own disagree: server 2026-01-15 00:00:00 UTC, cookie 2027-01-15 00:00:00 UTC",
      ),
    );
  });

  it('learns a custom SESSION_COOKIE_NAME from the companion and reads that cookie', async () => {
    fake.setCookie({ name: 'demo_session', value: 'x3k9w2b8q7z1m4n6p5r0t2v8y1a3c5e7', domain: 'localhost' });
    const asked = companionAnswers('demo_session');
    openPanel(5, 'http://localhost:8000/');
    await waitFor(() => expect(asked).toContain('x3k9w2b8q7z1m4n6p5r0t2v8y1a3c5e7'));
    await waitFor(() => expect(screen.getByTestId('companion').dataset.kind).toBe('session'));
    expect(screen.getByTestId('session-cookie-name').textContent).toBe('demo_session');
    expect(asked[0]).toBeNull(); // the first question named no session: the name was not known yet
    fireEvent.click(screen.getByTestId('tab-keys'));
    expect((await screen.findByTestId('setting-session-cookie-name-companion')).textContent).toContain(
      'demo_session',
    );
  });

  it('reads a custom-named signed_cookies session as the session once the companion names the engine', async () => {
    // Django wrote this value as a signed_cookies session; under the name demo_session nothing in
    // the value says "session cookie": only the companion's engine and cookie name do.
    const signed = sessionCookieVectors.vectors.find((v) => v.id.endsWith('/basic'));
    if (!signed) throw new Error('the basic session-cookie vector is missing');
    fake.setCookie({ name: 'demo_session', value: signed.value, domain: 'localhost' });
    vi.stubGlobal('fetch', async () =>
      Response.json({
        ...loggedIn,
        engine: 'django.contrib.sessions.backends.signed_cookies',
        storeClass: 'django.contrib.sessions.backends.signed_cookies.SessionStore',
        cookieName: 'demo_session',
      }),
    );
    openPanel(5, 'http://localhost:8000/');
    await waitFor(() => expect(screen.getByTestId('session-cookie-name').textContent).toBe('demo_session'));
    await waitFor(() => expect(screen.getByTestId('meta-kind').textContent).toContain('signed_cookies'));
    expect(screen.getByTestId('meta-kind').textContent).not.toContain('(guessed)');
    expect(screen.queryByTestId('kind-guess')).toBeNull();
  });

  it('says a malformed companion answer is not understood, and every tab keeps working', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.stubGlobal('fetch', async () => Response.json({ ...loggedIn, engine: null, user: null }));
    fake.setCookie({ name: 'sessionid', value: 'x3k9w2b8q7z1m4n6p5r0t2v8y1a3c5e7', domain: 'localhost' });
    openPanel(5, 'http://localhost:8000/');
    expect((await screen.findByTestId('companion-invalid')).textContent).toMatch(
      /^The companion's answer is not understood \(HTTP 200\): engine should be a string, not null\./,
    );
    await waitFor(() => expect(document.title).toMatch(/ — companion invalid$/));
    fireEvent.click(screen.getByTestId('tab-cookies'));
    expect((await screen.findAllByTestId('cookie-row')).map((r) => r.textContent)).toEqual([
      expect.stringMatching(/^sessionid/),
    ]);
    expect(screen.queryByTestId('tab-failed')).toBeNull();
    expect(errors).not.toHaveBeenCalled();
  });

  it('says what to do on a page that is not http(s)', async () => {
    openPanel(7, 'chrome://newtab/');
    expect(await screen.findByTestId('not-http')).toBeTruthy();
  });
});
