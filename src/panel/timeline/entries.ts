// The timeline's entries, kept in the panel for the DevTools session: one per completed request
// of the inspected tab (a redirect's hops apart), one per session cookie the browser or the
// panel deleted, and one per edit the panel wrote through the companion. Pure: what an entry
// holds, the cap, the arrival order: what recording needs, in the panel's first load (what the
// tab makes of them is view.ts, loaded with the tab). No DOM here.
import type { CompanionWrite, SessionChange, SessionSnapshot } from '../../core/index';

/** Oldest entries are dropped beyond this, and the tab says how many. */
export const MAX_ENTRIES = 300;

export type EntrySource =
  /** The companion's record: the stored session before the view ran and after the save. */
  | 'companion'
  /** The request's cookie and the response's cookie (signed_cookies: the session itself). */
  | 'cookie'
  /** Still being read (the record fetch or the cookie decode is under way). */
  | 'pending';

export interface TimelineEntry {
  /** Arrival order: entries keep it whatever order their reads finish in. */
  seq: number;
  /** Unix seconds, the browser's clock (the response's headers, or the cookie's removal). */
  time: number;
  event:
    | { kind: 'request'; method: string; url: string; status: number; type: string }
    | { kind: 'cookie-removed'; name: string; cause: string }
    /** An edit made in the panel through the companion (issue 12): no request of the tab carries it. */
    | { kind: 'panel-write'; op: CompanionWrite['op']; key: string | null };
  source: EntrySource;
  changes: SessionChange[];
  /** Changes beyond the diff's cap, counted only. */
  omitted: number;
  /** The session after the request (the one before it is the previous entry's): null, none. */
  after: SessionSnapshot | null;
  /** What limits this entry: no record, a record expired or too large, a cookie no key verified… */
  note: string | null;
}

export interface Timeline {
  entries: TimelineEntry[];
  /** How many of the oldest entries the cap dropped. */
  dropped: number;
}

export const EMPTY_TIMELINE: Timeline = { entries: [], dropped: 0 };

/** In `seq` order: a removal that waited to settle goes where it happened, not at the end. */
export function addEntry(timeline: Timeline, entry: TimelineEntry): Timeline {
  let at = timeline.entries.length;
  while (at > 0 && (timeline.entries[at - 1] as TimelineEntry).seq > entry.seq) at--;
  const entries = [...timeline.entries.slice(0, at), entry, ...timeline.entries.slice(at)];
  const over = Math.max(0, entries.length - MAX_ENTRIES);
  return { entries: over > 0 ? entries.slice(over) : entries, dropped: timeline.dropped + over };
}

/** Fills in an entry once its read finished; an entry the cap dropped meanwhile stays dropped. */
export function completeEntry(
  timeline: Timeline,
  seq: number,
  body: Pick<TimelineEntry, 'source' | 'changes' | 'omitted' | 'after' | 'note'>,
): Timeline {
  if (!timeline.entries.some((e) => e.seq === seq)) return timeline;
  return { ...timeline, entries: timeline.entries.map((e) => (e.seq === seq ? { ...e, ...body } : e)) };
}
