// The Timeline tab in the whole panel, with the real background router and request observer:
// requests arrive as webRequest events (test/fakes), carrying cookies real Django signed
// (test/vectors/expiry.*.json: a signed_cookies session saved by SessionMiddleware, before and
// after set_expiry(300)) and records built of the companion's real answers (test/contract/).
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import loggedIn from '../../../test/contract/logged-in.json';
import noSession from '../../../test/contract/no-session.json';
import writeSet from '../../../test/contract/write-set.json';
import { fake, withBackground } from '../../../test/unit/harness';
import expiryVectors from '../../../test/vectors/expiry.5.2.19.json';
import hostileVectors from '../../../test/vectors/hostile.5.2.19.json';
import sessionCookieVectors from '../../../test/vectors/session-cookie.5.2.19.json';
import { App } from '../App';

const ORIGIN = 'http://localhost:8000';
const TAB = 5;
const expiryVector = (id: string) => {
  const v = expiryVectors.vectors.find((x) => x.id === `expiry/5.2.19/${id}`);
  if (!v) throw new Error(id);
  return {
    value: v.value,
    setCookie: v.expiry.setCookie.replace(/^Set-Cookie: /, ''),
    key: v.options.keys[0],
  };
};
const loginVector = sessionCookieVectors.vectors.find((v) => v.id.endsWith('/auth_login'));

/** The panel on the Timeline tab, once it knows the inspected origin (and has loaded its keys). */
async function openTimeline(keys: string[] = []) {
  fake.state.tabs.set(TAB, { id: TAB, url: `${ORIGIN}/` });
  if (keys.length > 0) fake.state.session.set(`keys:${ORIGIN}`, keys); // where useKeys keeps a site's keys
  history.replaceState(null, '', `/src/panel/index.html?tabId=${TAB}&tab=timeline`);
  render(<App />);
  await waitFor(() => expect(screen.getByTestId('inspected-url').textContent).toBe(ORIGIN));
  await screen.findByTestId('timeline-empty');
  // The keys arrive from storage a round trip later; give them one.
  await new Promise((r) => setTimeout(r, 20));
}

const entries = () => screen.queryAllByTestId('timeline-entry');
const changesOf = (entry: HTMLElement) =>
  within(entry)
    .queryAllByTestId('timeline-change')
    .map((c) => c.textContent?.replace(/\s+/g, ' ').trim());

describe('Timeline tab', () => {
  withBackground();
  beforeEach(() => vi.stubGlobal('fetch', async () => new Response('', { status: 404 })));
  afterEach(() => vi.unstubAllGlobals());

  it('without the companion: a signed_cookies session read from the request and response cookies', async () => {
    const first = expiryVector('default');
    const second = expiryVector('set_expiry_300');
    await openTimeline([first.key as string]);
    expect(screen.getByTestId('timeline-recording')).toBeTruthy();
    fake.request({ tabId: TAB, url: `${ORIGIN}/counter/`, setCookies: [first.setCookie] });
    await waitFor(() =>
      expect(changesOf(entries()[0] as HTMLElement)).toEqual(['Session created', '+ visits: int 1']),
    );
    fake.request({
      tabId: TAB,
      method: 'POST',
      url: `${ORIGIN}/expiry/`,
      status: 302,
      cookie: `csrftoken=x; sessionid=${first.value}`,
      setCookies: [second.setCookie],
    });
    await waitFor(() => expect(entries()).toHaveLength(2));
    await waitFor(() =>
      expect(changesOf(entries()[1] as HTMLElement)).toEqual([
        expect.stringMatching(
          /^Expiry: set_expiry\(300\) — decided by set_expiry\(seconds\) after the last save; 5m 0s of inactivity/,
        ),
        '+ _session_expiry: int 300',
      ]),
    );
    expect(entries()[1]?.textContent).toMatch(/POST\s*\/expiry\/\s*302/);
    expect(screen.queryByTestId('timeline-note')?.textContent ?? null).toBeNull();
  });

  it('hides requests that change nothing until "All requests" is ticked; ignores other tabs and origins', async () => {
    const first = expiryVector('default');
    await openTimeline([first.key as string]);
    fake.request({ tabId: TAB, url: `${ORIGIN}/`, cookie: `sessionid=${first.value}` });
    fake.request({ tabId: TAB + 1, url: `${ORIGIN}/counter/`, setCookies: [first.setCookie] });
    fake.request({ tabId: TAB, url: 'http://127.0.0.1:9000/counter/', setCookies: [first.setCookie] });
    await waitFor(() => expect(screen.getByText(/1 unchanged hidden/)).toBeTruthy());
    expect(entries()).toHaveLength(0);
    fireEvent.click(screen.getByTestId('timeline-show-all'));
    expect(entries()).toHaveLength(1);
    expect(changesOf(entries()[0] as HTMLElement)).toEqual([]);
    expect(entries()[0]?.textContent).toMatch(/No change to the session/);
  });

  it('lists a session cookie deleted in the panel, and clears', async () => {
    await openTimeline();
    fake.setCookie({ name: 'sessionid', value: 'abc', domain: 'localhost' });
    fake.setCookie({ name: 'csrftoken', value: 'x', domain: 'localhost' });
    await browser_remove('csrftoken');
    await browser_remove('sessionid');
    await waitFor(() => expect(entries()).toHaveLength(1));
    expect(entries()[0]?.textContent).toMatch(/sessionid cookie removed/);
    expect(screen.getByTestId('timeline-note').textContent).toMatch(/deleted by the panel or an extension/);
    fireEvent.click(screen.getByTestId('timeline-clear'));
    expect(entries()).toHaveLength(0);
  });

  it('shows a hostile session as visible text, and a cookie too large to decode as a note', async () => {
    const hostile = (id: string) => {
      const v = hostileVectors.vectors.find((x) => x.id === `hostile/5.2.19/${id}`);
      if (!v) throw new Error(id);
      return v;
    };
    const escapes = hostile('json_terminal_escapes');
    await openTimeline(escapes.options.keys);
    fake.request({ tabId: TAB, url: `${ORIGIN}/a/`, setCookies: [`sessionid=${escapes.value}; Path=/`] });
    await waitFor(() => expect(changesOf(entries()[0] as HTMLElement)).toHaveLength(4));
    const lines = changesOf(entries()[0] as HTMLElement).join('\n');
    // Escapes spelled out as the tree spells them: nothing reaches the DOM raw.
    for (const raw of ['\u001b', '\u0007', '\u202e', '\u2066']) expect(lines).not.toContain(raw);
    expect(lines).toContain('+ title: str "\\x1b]0;owned\\x07"');
    fake.request({
      tabId: TAB,
      url: `${ORIGIN}/b/`,
      setCookies: [`sessionid=${hostile('json_1_3M_empty_lists').value}; Path=/`],
    });
    await waitFor(() => expect(entries()).toHaveLength(2));
    await waitFor(() =>
      expect(within(entries()[1] as HTMLElement).getByTestId('timeline-note').textContent).toMatch(
        /^The session cookie could not be read: /,
      ),
    );
    expect(changesOf(entries()[1] as HTMLElement)).toEqual([]);
    // 4 KB of cookie inflated to 3 MiB: decoded, but not kept 300 times over.
    const deep = hostile('json_900_deep_3MiB_string');
    fake.request({ tabId: TAB, url: `${ORIGIN}/c/`, setCookies: [`sessionid=${deep.value}; Path=/`] });
    await waitFor(() => expect(entries()).toHaveLength(3));
    await waitFor(() =>
      expect(within(entries()[2] as HTMLElement).getByTestId('timeline-note').textContent).toMatch(
        /too large to keep in the timeline/,
      ),
    );
  });

  it("leaves a removal to the response that deleted the cookie (Firefox calls both 'explicit')", async () => {
    await openTimeline();
    fake.setCookie({ name: 'sessionid', value: 'abcdefghijklmnopqrstuvwxyz012345', domain: 'localhost' });
    // The browser's removal first, the response's broadcast after it, as Firefox ESR orders them.
    await browser_remove('sessionid');
    fake.request({
      tabId: TAB,
      method: 'POST',
      url: `${ORIGIN}/logout/`,
      status: 302,
      cookie: 'sessionid=abcdefghijklmnopqrstuvwxyz012345',
      setCookies: ['sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax'],
    });
    await waitFor(() =>
      expect(changesOf(entries()[0] as HTMLElement)).toEqual([
        'Session flushed: the browser holds no session cookie now',
      ]),
    );
    // A delete in the panel right after is one of its own: the response explained one removal only.
    fake.setCookie({ name: 'sessionid', value: 'zyxwvutsrqponmlkjihgfedcba543210', domain: 'localhost' });
    await browser_remove('sessionid');
    await waitFor(() => expect(entries()).toHaveLength(2), { timeout: 3000 });
    expect(entries()[1]?.textContent).toMatch(/sessionid cookie removed/);
  });

  it('masks the auth hash where the tree masks it, reveals it on click, and filters by key', async () => {
    if (!loginVector) throw new Error('no auth_login vector');
    await openTimeline(loginVector.options.keys);
    fake.request({
      tabId: TAB,
      method: 'POST',
      url: `${ORIGIN}/login/`,
      status: 302,
      setCookies: [`sessionid=${loginVector.value}; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax`],
    });
    await waitFor(() => expect(changesOf(entries()[0] as HTMLElement)).toContain('Logged in: user id 42'));
    const hashLine = () => changesOf(entries()[0] as HTMLElement).find((t) => t?.includes('_auth_user_hash'));
    expect(hashLine()).toBe('+ _auth_user_hash: ••••••');
    fireEvent.click(screen.getByTestId('timeline-masked'));
    expect(hashLine()).toMatch(/^\+ _auth_user_hash: str "[0-9a-f]{64}"$/);
    fireEvent.input(screen.getByTestId('timeline-filter'), { target: { value: 'backend' } });
    expect(changesOf(entries()[0] as HTMLElement)).toEqual([
      '+ _auth_user_backend: str "django.contrib.auth.backends.ModelBackend"',
    ]);
    fireEvent.input(screen.getByTestId('timeline-filter'), { target: { value: 'cart' } });
    expect(entries()).toHaveLength(0);
    expect(screen.getByTestId('timeline-empty').textContent).toMatch(
      /No change touches a key matching “cart”/,
    );
  });

  it('reads the companion record the response named, shows the session then, and compares two entries', async () => {
    const record = (before: object | null, after: object | null, id: string) => ({
      protocol: 2,
      ok: true,
      kind: 'timeline-record',
      id,
      started: 1767225600,
      finished: 1767225600.2,
      method: 'POST',
      path: '/counter/',
      status: 200,
      before,
      after,
      keyChanged: false,
      cookie: null,
      truncated: false,
    });
    const state = (a: Record<string, unknown>) =>
      Object.fromEntries(['sessionKey', 'exists', 'corrupt', 'data', 'expiry', 'user'].map((k) => [k, a[k]]));
    const records: Record<string, object> = {
      '/__sessionlens__/timeline/aa11/': record(state(loggedIn), state(writeSet), 'aa11'),
      '/__sessionlens__/timeline/bb22/': record(state(writeSet), null, 'bb22'),
    };
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      const path = new URL(url).pathname;
      asked.push(path);
      const body =
        records[path] ??
        (path === '/__sessionlens__/session/'
          ? { ...noSession, timeline: { recording: true, reason: null } }
          : null);
      return body === null ? new Response('', { status: 404 }) : Response.json(body);
    });
    await openTimeline();
    await waitFor(() => expect(screen.queryByTestId('timeline-recording')).toBeNull());
    fake.request({ tabId: TAB, url: `${ORIGIN}/counter/`, record: '/__sessionlens__/timeline/aa11/' });
    fake.request({ tabId: TAB, url: `${ORIGIN}/logout/`, record: '/__sessionlens__/timeline/bb22/' });
    fake.request({ tabId: TAB, url: `${ORIGIN}/x/`, record: 'http://evil.example/steal' });
    await waitFor(() => expect(entries()).toHaveLength(3));
    await waitFor(() => expect(changesOf(entries()[0] as HTMLElement)).toEqual(['+ visits_counter: int 40']));
    expect(entries()[0]?.getAttribute('data-source')).toBe('companion');
    await waitFor(() =>
      expect(changesOf(entries()[1] as HTMLElement).slice(0, 2)).toEqual([
        'Session flushed: the browser holds no session cookie now',
        'Logged out: demo (id 1)',
      ]),
    );
    expect(entries()[2]?.textContent).toMatch(/names a path outside the companion: not fetched/);
    expect(asked).not.toContain('/steal');

    fireEvent.click(within(entries()[0] as HTMLElement).getByTestId('timeline-open'));
    const moment = screen.getByTestId('timeline-moment');
    expect(moment.textContent).toMatch(/Session after GET \/counter\//);
    expect(
      within(moment)
        .getAllByTestId('timeline-session-row')
        .map((r) => r.getAttribute('data-path')),
    ).toContain('/visits_counter');
    // Django's own keys carry the tree's notes, as in the Session tab.
    expect(
      within(moment)
        .getAllByTestId('timeline-session-note')
        .map((n) => n.textContent),
    ).toContainEqual(expect.stringMatching(/user/i));

    const [a, b] = entries();
    fireEvent.click(within(a as HTMLElement).getByTestId('timeline-compare-toggle'));
    fireEvent.click(within(b as HTMLElement).getByTestId('timeline-compare-toggle'));
    const compare = screen.getByTestId('timeline-compare');
    expect(within(compare).getAllByTestId('timeline-change')[0]?.textContent).toBe(
      'Session flushed: the browser holds no session cookie now',
    );
  });
});

/** cookies.remove as the Cookies tab calls it (cause "explicit"). */
async function browser_remove(name: string) {
  const { default: browser } = await import('../../../test/fakes/browser');
  await browser.cookies.remove({ url: `${ORIGIN}/`, name });
}
