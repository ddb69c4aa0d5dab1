import { act, renderHook, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import browser from '../../../test/fakes/browser';
import { errorAnswer, sessionAnswer, siteAnswer } from '../../../test/fixtures/companion-answers';
import { fake, settle, withBackground } from '../../../test/unit/harness';
import { COMPANION_DEFAULT_PATH, COMPANION_PROTOCOL } from '../../core/companion';
import { useCompanion } from './useCompanion';
import { useCookies } from './useCookies';
import { useInspectedSite } from './useInspectedSite';
import { useKeys } from './useKeys';
import { DEFAULT_SETTINGS, useSettings } from './useSettings';

const ORIGIN = 'http://localhost:8000';
// The storage key is a stored format: changing it forgets every key a user asked to remember.
const KEYS_STORED_AT = `keys:${ORIGIN}`;

describe('panel hooks', () => {
  withBackground();
  afterEach(() => vi.unstubAllGlobals());

  describe('useKeys', () => {
    it('keeps keys in storage.session until "remember" is checked, then moves them to storage.local', async () => {
      const { result } = renderHook(() => useKeys(ORIGIN));
      await waitFor(() => expect(result.current.loaded).toBe(true));
      await act(() => result.current.setKeys(['s3cret', 'old-key']));
      expect(fake.state.session.get(KEYS_STORED_AT)).toEqual(['s3cret', 'old-key']);
      expect(fake.state.local.has(KEYS_STORED_AT)).toBe(false);

      await act(() => result.current.setRemember(true));
      expect(fake.state.local.get(KEYS_STORED_AT)).toEqual(['s3cret', 'old-key']);
      expect(fake.state.session.has(KEYS_STORED_AT)).toBe(false);

      await act(() => result.current.setKeys(['s3cret']));
      expect(fake.state.local.get(KEYS_STORED_AT)).toEqual(['s3cret']);

      await act(() => result.current.setRemember(false));
      expect(fake.state.local.has(KEYS_STORED_AT)).toBe(false);
      expect(fake.state.session.get(KEYS_STORED_AT)).toEqual(['s3cret']);
    });

    it('loads remembered keys per origin, and none for another site', async () => {
      fake.state.local.set(KEYS_STORED_AT, ['remembered']);
      const { result, rerender } = renderHook(({ origin }) => useKeys(origin), {
        initialProps: { origin: ORIGIN },
      });
      await waitFor(() => expect(result.current.keys).toEqual(['remembered']));
      expect(result.current.remember).toBe(true);
      rerender({ origin: 'http://127.0.0.1:8000' });
      await waitFor(() => expect(result.current.loaded).toBe(true));
      expect(result.current.keys).toEqual([]);
      expect(result.current.remember).toBe(false);
    });
  });

  describe('useSettings', () => {
    it('defaults to sessionid and the companion default path, and persists overrides per origin', async () => {
      const { result } = renderHook(() => useSettings(ORIGIN));
      expect(result.current.settings).toEqual({
        sessionCookieName: 'sessionid',
        companionPath: COMPANION_DEFAULT_PATH,
        companionToken: '',
        cookieSalts: {},
      });
      await act(() => result.current.update({ sessionCookieName: 'app_session' }));
      expect(fake.state.local.get(`settings:${ORIGIN}`)).toMatchObject({ sessionCookieName: 'app_session' });
      const again = renderHook(() => useSettings(ORIGIN));
      await waitFor(() => expect(again.result.current.settings.sessionCookieName).toBe('app_session'));
    });
  });

  describe('useCookies', () => {
    it('refetches when a cookie of the inspected host changes', async () => {
      fake.setCookie({ name: 'sessionid', value: 'one', domain: 'localhost' });
      const { result } = renderHook(() => useCookies(`${ORIGIN}/`));
      await waitFor(() => expect(result.current.cookies.map((c) => c.value)).toEqual(['one']));
      fake.setCookie({ name: 'sessionid', value: 'two', domain: 'localhost' });
      await waitFor(() => expect(result.current.cookies.map((c) => c.value)).toEqual(['two']));
    });

    it('asks one getCookies at a time: a burst of changes ends in the whole list, not one request each', async () => {
      fake.setCookie({ name: 'sessionid', value: 'one', domain: 'localhost' });
      const { result } = renderHook(() => useCookies(`${ORIGIN}/`));
      await waitFor(() => expect(result.current.cookies).toHaveLength(1));
      const getAll = vi.spyOn(browser.cookies, 'getAll');
      await act(() => result.current.refresh());
      // One getCookies is several getAll calls (a loopback page's http and https forms, the host's own).
      const perFetch = getAll.mock.calls.length;
      getAll.mockClear();
      // A page setting 60 cookies at once: 60 cookiesChanged broadcasts.
      for (let i = 0; i < 60; i++) fake.setCookie({ name: `c${i}`, value: `v${i}`, domain: 'localhost' });
      await waitFor(() => expect(result.current.cookies).toHaveLength(61));
      await settle();
      expect(result.current.loading).toBe(false);
      // The fetch the first change starts, and one more for all that came while it was on its way
      // (a third at most, if the answers and the broadcasts interleave): not one each.
      expect(getAll.mock.calls.length).toBeLessThanOrEqual(3 * perFetch);
      // refresh() resolves with the list as it is after the call.
      fake.setCookie({ name: 'late', value: 'late', domain: 'localhost' });
      await act(() => result.current.refresh());
      expect(result.current.cookies.map((c) => c.name)).toContain('late');
    });

    it('reports a missing host permission as an error state', async () => {
      const { result } = renderHook(() => useCookies('https://example.com/'));
      await waitFor(() => expect(result.current.error?.code).toBe('no-permission'));
      expect(result.current.cookies).toEqual([]);
    });
  });

  describe('useInspectedSite', () => {
    it('takes the tab id from ?tabId= and follows the tab to a new URL', async () => {
      expect(renderHook(() => useInspectedSite('?tabId=12&theme=dark')).result.current.tabId).toBe(12);
      expect(renderHook(() => useInspectedSite('?tabId=x')).result.current.tabId).toBeNull();
      fake.state.tabs.set(12, { id: 12, url: 'http://localhost:8000/login/' });
      const { result } = renderHook(() => useInspectedSite('?tabId=12'));
      await waitFor(() => expect(result.current.origin).toBe(ORIGIN));
      fake.state.tabs.set(12, { id: 12, url: 'http://127.0.0.1:9000/' });
      fake.events.tabUpdated.emit(12, { url: 'http://127.0.0.1:9000/' }, {});
      await waitFor(() => expect(result.current.origin).toBe('http://127.0.0.1:9000'));
    });

    it('says where to open the panel when the browser hides the tab URL (site not allowed yet)', async () => {
      fake.state.tabs.set(9, { id: 9, url: '' });
      const { result } = renderHook(() => useInspectedSite('?tabId=9'));
      await waitFor(() => expect(result.current.error).toMatch(/open the panel from DevTools/));
      expect(result.current.origin).toBeNull();
    });

    it('has no origin for pages that are not http(s)', async () => {
      fake.state.tabs.set(4, { id: 4, url: 'chrome://settings/' });
      const { result } = renderHook(() => useInspectedSite('?tabId=4'));
      await waitFor(() => expect(result.current.url).toBe('chrome://settings/'));
      expect(result.current.origin).toBeNull();
    });
  });

  describe('useCompanion', () => {
    it('maps the companion answer to CompanionState', async () => {
      const session = sessionAnswer();
      vi.stubGlobal('fetch', async () => Response.json(session));
      const { result } = renderHook(() => useCompanion(ORIGIN, 'key', DEFAULT_SETTINGS));
      await waitFor(() => expect(result.current.companion.status).toBe('ok'));
      expect(result.current.companion).toEqual({ status: 'ok', response: session });
    });

    it('shows an answer outside the protocol as invalid, with the problem, and none of its content', async () => {
      vi.stubGlobal('fetch', async () => Response.json({ protocol: COMPANION_PROTOCOL, ok: true }));
      const { result } = renderHook(() => useCompanion(ORIGIN, 'key', DEFAULT_SETTINGS));
      await waitFor(() => expect(result.current.companion.status).toBe('invalid'));
      expect(result.current.companion).toEqual({
        status: 'invalid',
        problem: 'kind should be one of site, session, not missing',
        httpStatus: 200,
      });
    });

    it('calls a bare 404 absent, and a companion error an error with its code', async () => {
      vi.stubGlobal('fetch', async () => new Response('', { status: 404 }));
      const absent = renderHook(() => useCompanion(ORIGIN, 'key', DEFAULT_SETTINGS));
      await waitFor(() =>
        expect(absent.result.current.companion).toEqual({ status: 'absent', httpStatus: 404 }),
      );
      vi.stubGlobal('fetch', async () =>
        Response.json(errorAnswer({ code: 'missing-session', message: 'No session with this key.' })),
      );
      const error = renderHook(() => useCompanion(ORIGIN, 'key', DEFAULT_SETTINGS));
      await waitFor(() =>
        expect(error.result.current.companion).toEqual({
          status: 'error',
          code: 'missing-session',
          message: 'No session with this key.',
        }),
      );
      await settle();
    });

    /** A companion whose answer is the current visits_counter; records every status the hook showed. */
    function counterCompanion(tabId: number | null = null) {
      const server = { visits: 1, calls: 0 };
      vi.stubGlobal('fetch', async () => {
        server.calls++;
        return Response.json(sessionAnswer({ data: { visits_counter: server.visits } }));
      });
      const statuses: string[] = [];
      const hook = renderHook(() => {
        const h = useCompanion(ORIGIN, 'same-key', DEFAULT_SETTINGS, tabId);
        statuses.push(h.companion.status);
        return h;
      });
      const visits = () => {
        const c = hook.result.current.companion;
        return c.status === 'ok' ? (c.response.data as { visits_counter: number }).visits_counter : null;
      };
      return { server, statuses, hook, visits };
    }

    /**
     * `happen`, then a minute of (fake) time: every debounce has fired and every answer arrived, so
     * what was not asked by then is never asked. Knows no debounce length.
     */
    async function aMinuteAfter(happen: () => void): Promise<void> {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        happen();
        await vi.advanceTimersByTimeAsync(60_000);
      } finally {
        vi.useRealTimers();
      }
    }

    it('asks again when the site re-sets its session cookie with the same key, without a loading flash', async () => {
      const { server, statuses, hook, visits } = counterCompanion();
      await waitFor(() => expect(visits()).toBe(1));
      const settled = statuses.length;
      server.visits = 2;
      // db/cache/file engines: same key, new expiry; Django re-sends the cookie on a modified save.
      fake.setCookie({ name: 'sessionid', value: 'same-key', domain: 'localhost' });
      await waitFor(() => expect(visits()).toBe(2));
      expect(statuses.slice(settled)).not.toContain('loading');
      // A cookie of another site is not ours to follow.
      server.visits = 3;
      await aMinuteAfter(() => fake.setCookie({ name: 'sessionid', value: 'x', domain: 'example.com' }));
      expect(visits()).toBe(2);
      expect(hook.result.current.refreshing).toBe(false);
    });

    it('keeps a site answer (no session yet) on screen while asking again', async () => {
      vi.stubGlobal('fetch', async () => Response.json(siteAnswer()));
      const statuses: string[] = [];
      const hook = renderHook(() => {
        const h = useCompanion(ORIGIN, null, DEFAULT_SETTINGS);
        statuses.push(h.companion.status);
        return h;
      });
      await waitFor(() => expect(hook.result.current.companion.status).toBe('site'));
      const settled = statuses.length;
      fake.setCookie({ name: 'csrftoken', value: 'c', domain: 'localhost' });
      await waitFor(() => expect(statuses.length).toBeGreaterThan(settled));
      await settle();
      expect(statuses.slice(settled)).not.toContain('loading');
    });

    it('asks once per burst of cookie changes', async () => {
      const { server, visits } = counterCompanion();
      await waitFor(() => expect(visits()).toBe(1));
      const before = server.calls;
      server.visits = 2;
      await aMinuteAfter(() => {
        fake.setCookie({ name: 'sessionid', value: 'same-key', domain: 'localhost' });
        fake.setCookie({ name: 'csrftoken', value: 'c', domain: 'localhost' });
        fake.setCookie({ name: 'messages', value: 'm', domain: 'localhost' });
      });
      expect(visits()).toBe(2);
      expect(server.calls - before).toBe(1);
    });

    it('asks again when the inspected tab navigates (a session.pop() that leaves no cookie change)', async () => {
      const { server, visits } = counterCompanion(12);
      await waitFor(() => expect(visits()).toBe(1));
      server.visits = 7;
      await aMinuteAfter(() => fake.events.tabUpdated.emit(13, { status: 'complete' }, {}));
      expect(visits()).toBe(1); // another tab
      fake.events.tabUpdated.emit(12, { status: 'complete' }, {});
      await waitFor(() => expect(visits()).toBe(7));
    });

    it('drops an answer that arrives after a newer one', async () => {
      const answers: Array<(visits: number) => void> = [];
      vi.stubGlobal(
        'fetch',
        () =>
          new Promise<Response>((resolve) =>
            answers.push((v) => resolve(Response.json(sessionAnswer({ data: { visits_counter: v } })))),
          ),
      );
      const { result } = renderHook(() => useCompanion(ORIGIN, 'same-key', DEFAULT_SETTINGS));
      await waitFor(() => expect(answers).toHaveLength(1));
      fake.setCookie({ name: 'sessionid', value: 'same-key', domain: 'localhost' });
      await waitFor(() => expect(answers).toHaveLength(2));
      answers[1]?.(2);
      await waitFor(() => expect(result.current.companion.status).toBe('ok'));
      answers[0]?.(1);
      await settle();
      const c = result.current.companion;
      expect(c.status === 'ok' && c.response.data).toEqual({ visits_counter: 2 });
    });
  });
});
