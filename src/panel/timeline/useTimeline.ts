import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import {
  type CompanionSession,
  type CompanionSiteOnly,
  type CompanionWrite,
  isCompanionRecordPath,
} from '../../core/index';
import type { CompletedRequest } from '../../messaging/protocol';
import { request } from '../../messaging/request';
import { decodeOffThread } from '../decode/off-thread';
import { useBroadcast } from '../hooks/broadcasts';
import { concerns } from '../hooks/useCookies';
import type { TimelineContext, TimelineReaders } from './describe-request';
import { addEntry, completeEntry, EMPTY_TIMELINE, type Timeline, type TimelineEntry } from './entries';

/** work.ts, loaded with the first event: kept, as a module loader may resolve each import() anew. */
let work: Promise<typeof import('./work')> | null = null;
const loadWork = () => {
  work ??= import('./work');
  return work;
};

/**
 * Why a cookie disappeared, in cookies.onChanged's words, for the causes that are no request's
 * doing (a response deleting it is that request's entry: `expired_overwrite`; a new value is `overwrite`).
 */
const REMOVAL_CAUSES: Readonly<Record<string, string>> = {
  explicit: 'deleted by the panel or an extension',
  expired: 'expired: the browser dropped it',
  evicted: 'evicted by the browser (too many cookies)',
};

/**
 * A response that deletes the cookie fires cookies.onChanged too, and Firefox calls that removal
 * `explicit` like an extension's (measured, ESR 140: logout's `Max-Age=0`), in either order with
 * the request's broadcast. A removal waits this long for such a response, which is then its entry.
 */
const REMOVAL_SETTLE_MS = 1000;
/** How close (seconds) a response's deletion must be to the removal to be its cause. */
const REMOVAL_WINDOW_S = 2;

export interface TimelineHook {
  timeline: Timeline;
  clear: () => void;
  /** An edit the panel wrote through the companion: the session it answered before, and after. */
  recordWrite: (
    write: CompanionWrite,
    before: CompanionSession | null,
    after: CompanionSiteOnly | CompanionSession,
  ) => void;
}

export interface TimelineSource extends TimelineContext {
  tabId: number | null;
  origin: string | null;
  companionPath: string;
  companionToken: string;
}

/** The record fetch (through the background) and the decode (in a worker, here in the panel). */
function readersFor(at: TimelineSource): TimelineReaders {
  return {
    async fetchRecord(path) {
      if (at.origin === null) return { ok: false, why: 'No site to ask.' };
      if (!isCompanionRecordPath(path, at.companionPath))
        return { ok: false, why: 'X-Sessionlens-Record names a path outside the companion: not fetched.' };
      const res = await request('fetchTimelineRecord', {
        origin: at.origin,
        path,
        companionPath: at.companionPath,
        token: at.companionToken,
      });
      if (!res.ok) return { ok: false, why: `The companion's record could not be read: ${res.message}` };
      const lookup = res.value;
      if (lookup.status === 'found') return { ok: true, record: lookup.response };
      if (lookup.status === 'invalid')
        return { ok: false, why: `The companion's record is not understood: ${lookup.problem}.` };
      return {
        ok: false,
        why: `The companion's record is gone (older than SESSIONLENS["TIMELINE_TTL"], or refused${lookup.httpStatus === null ? '' : `: HTTP ${lookup.httpStatus}`}).`,
      };
    },
    decode: (value, options) => decodeOffThread(value, options),
  };
}

/**
 * The inspected tab's timeline, kept in the panel for the DevTools session: the panel outlives
 * the page's reloads, so the entries do too. Each request of the inspected origin becomes an
 * entry at once (in arrival order) and is filled in when its record or its cookies are read.
 */
export function useTimeline(source: TimelineSource): TimelineHook {
  const [timeline, setTimeline] = useState<Timeline>(EMPTY_TIMELINE);
  const seq = useRef(0);
  // Broadcasts are read with what the panel knows when each arrives (keys, cookie name, engine).
  const latest = useRef(source);
  latest.current = source;

  const add = (entry: TimelineEntry) => setTimeline((t) => addEntry(t, entry));
  // When responses deleted the session cookie (browser seconds), and the removals still settling.
  const deletedByResponse = useRef<number[]>([]);
  const settling = useRef(new Set<ReturnType<typeof setTimeout>>());
  useEffect(
    () => () => {
      for (const timer of settling.current) clearTimeout(timer);
    },
    [],
  );

  const onRequest = (r: CompletedRequest) => {
    const at = latest.current;
    if (at.tabId === null || r.tabId !== at.tabId || at.origin === null) return;
    if (!URL.canParse(r.url) || new URL(r.url).origin !== at.origin) return;
    const mine = ++seq.current;
    add({
      seq: mine,
      time: r.time,
      event: { kind: 'request', method: r.method, url: r.url, status: r.status, type: r.type },
      source: 'pending',
      changes: [],
      omitted: 0,
      after: null,
      note: null,
    });
    // A deletion is noted before the read: a removal waits REMOVAL_SETTLE_MS for it, far longer
    // than the module takes to load.
    void loadWork()
      .then((w) => {
        if (w.deletesCookie(r, at.sessionCookieName))
          deletedByResponse.current = [...deletedByResponse.current.slice(-20), r.time];
        return w.describeRequest(r, at, readersFor(at));
      })
      .then(
        (body) => setTimeline((t) => completeEntry(t, mine, body)),
        (error: unknown) =>
          setTimeline((t) =>
            completeEntry(t, mine, {
              source: 'cookie',
              changes: [],
              omitted: 0,
              after: null,
              note: `This request could not be read: ${String(error)}`,
            }),
          ),
      );
  };

  useBroadcast((message) => {
    if (message.broadcast === 'requestCompleted') onRequest(message);
    else if (message.broadcast === 'cookiesChanged') {
      const at = latest.current;
      if (
        !message.removed ||
        message.cause === 'overwrite' || // a new value replaced it: the response's entry says so
        at.origin === null ||
        message.name !== at.sessionCookieName ||
        !concerns(message.domain, new URL(at.origin).hostname)
      )
        return;
      const mine = ++seq.current;
      const removedAt = Date.now() / 1000;
      const timer = setTimeout(() => {
        settling.current.delete(timer);
        // Each response's deletion explains one removal (Chrome calls it expired_overwrite,
        // Firefox explicit): that one is the response's entry; a later removal is one of its own.
        const explained = deletedByResponse.current.findIndex(
          (t) => Math.abs(t - removedAt) <= REMOVAL_WINDOW_S,
        );
        if (explained !== -1) {
          deletedByResponse.current = deletedByResponse.current.filter((_, i) => i !== explained);
          return;
        }
        const cause = REMOVAL_CAUSES[message.cause];
        if (cause === undefined) return;
        add({
          seq: mine,
          time: removedAt,
          event: { kind: 'cookie-removed', name: message.name, cause: message.cause },
          source: 'cookie',
          changes: [],
          omitted: 0,
          after: null,
          note: `The ${message.name} cookie was ${cause}: the next request starts without a session.`,
        });
      }, REMOVAL_SETTLE_MS);
      settling.current.add(timer);
    }
  });

  const recordWrite: TimelineHook['recordWrite'] = (write, before, after) => {
    const site = latest.current.site;
    // Its place and time now; entries are kept in seq order whenever they are added.
    const mine = ++seq.current;
    const time = Date.now() / 1000;
    void loadWork().then((w) =>
      add({
        seq: mine,
        time,
        event: { kind: 'panel-write', op: write.op, key: 'key' in write ? write.key : null },
        ...w.describeWrite(before, after, site),
      }),
    );
  };

  const clear = useCallback(() => setTimeline(EMPTY_TIMELINE), []);
  return { timeline, clear, recordWrite };
}
