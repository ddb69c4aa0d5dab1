// The timeline's entries, kept in the panel for the DevTools session: one per completed request
// of the inspected tab (a redirect's hops apart), one per session cookie the browser or the
// panel deleted, and one per edit the panel wrote through the companion. Pure: what an entry holds, the cap, the filter, the export. No DOM here.
import {
  type CompanionWrite,
  type PyValue,
  type SessionChange,
  type SessionSnapshot,
  toExactJson,
} from '../../core/index';
import { isSensitiveKey, MASK, maskedValue, rootNode } from '../decoded/tree-model';

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

/** A request whose read is done and which changed nothing: hidden unless "all requests" is on. */
export const changesNothing = (e: TimelineEntry): boolean =>
  e.event.kind === 'request' && e.source !== 'pending' && e.changes.length === 0 && e.note === null;

/** The entry read the session after its request (a record, or a cookie the response set). */
const knowsSession = (e: TimelineEntry): boolean =>
  e.event.kind === 'cookie-removed' || e.source === 'companion' || e.changes.length > 0;

/**
 * The session after an entry: its own `after` when it read one, else what the last entry before
 * it that did read one left (a request that set no session cookie left the session as it was).
 * undefined: nothing before it tells.
 */
export function sessionAfter(timeline: Timeline, entry: TimelineEntry): SessionSnapshot | null | undefined {
  if (knowsSession(entry)) return entry.after;
  const earlier = timeline.entries.filter((e) => e.seq < entry.seq && knowsSession(e)).at(-1);
  return earlier === undefined ? undefined : earlier.after;
}

/** The change lines a key filter keeps: the ones whose path names a key containing the query. */
export function matchingChanges(e: TimelineEntry, query: string): SessionChange[] {
  const q = query.trim().toLowerCase();
  if (q === '') return e.changes;
  return e.changes.filter((c) => 'path' in c && c.path.some((segment) => segment.toLowerCase().includes(q)));
}

export function visibleEntries(timeline: Timeline, showAll: boolean, query: string): TimelineEntry[] {
  return timeline.entries.filter(
    (e) => (showAll || !changesNothing(e)) && (query.trim() === '' || matchingChanges(e, query).length > 0),
  );
}

/** A change's value is masked when a key on its path names a secret (the tree's own rule). */
export const isSensitivePath = (path: readonly string[]): boolean => path.some(isSensitiveKey);

/**
 * A value as a change line or the export shows it: MASK on a sensitive path (until revealed), and
 * inside containers every sensitive key masked as the tree masks it.
 */
export function shownValue(path: readonly string[], value: PyValue, revealed: boolean): PyValue {
  if (revealed) return value;
  if (isSensitivePath(path)) return { t: 'str', v: MASK };
  return maskedValue(rootNode(value), new Set());
}

/** `revealed`: the change lines the user unmasked, as `${seq}:${index}`. */
export function exportTimeline(timeline: Timeline, revealed: ReadonlySet<string>): string {
  // toExactJson keeps big ints exact as JSON number text; the export is assembled as text for that.
  const value = (path: readonly string[], v: PyValue, id: string): RawJson =>
    new RawJson(toExactJson(shownValue(path, v, revealed.has(id))));
  const entries = timeline.entries.map((e) => ({
    time: e.time,
    ...e.event,
    source: e.source,
    note: e.note,
    omitted: e.omitted,
    changes: e.changes.map((c, i) => {
      const id = `${e.seq}:${i}`;
      switch (c.kind) {
        case 'added':
          return { kind: c.kind, path: c.path, value: value(c.path, c.value, id) };
        case 'removed':
          return { kind: c.kind, path: c.path, old: value(c.path, c.old, id) };
        case 'changed':
          return {
            kind: c.kind,
            path: c.path,
            old: value(c.path, c.old, id),
            value: value(c.path, c.value, id),
          };
        case 'key-rotated':
          // Session keys are credentials: never exported whole.
          return { kind: c.kind, before: shortKey(c.before), after: shortKey(c.after) };
        case 'expiry':
          return {
            kind: c.kind,
            before: c.before === null ? null : { rule: c.before.rule, endsAt: c.before.endsAt },
            after: { rule: c.after.rule, endsAt: c.after.endsAt, atBrowserClose: c.after.atBrowserClose },
          };
        case 'user':
          return { kind: c.kind, change: c.change, before: c.before, after: c.after };
        default:
          return { kind: c.kind };
      }
    }),
  }));
  return writeJson({ dropped: timeline.dropped, entries });
}

/** JSON text already written (toExactJson), placed as is. */
class RawJson {
  constructor(readonly text: string) {}
}

function writeJson(v: unknown, pad = ''): string {
  const inner = `${pad}  `;
  if (v instanceof RawJson) return v.text;
  if (Array.isArray(v))
    return v.length === 0 ? '[]' : `[\n${v.map((x) => inner + writeJson(x, inner)).join(',\n')}\n${pad}]`;
  if (typeof v === 'object' && v !== null) {
    const fields = Object.entries(v).filter(([, x]) => x !== undefined);
    if (fields.length === 0) return '{}';
    return `{\n${fields.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${writeJson(x, inner)}`).join(',\n')}\n${pad}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** A session key as the Session tab shows it; the companion's keys come masked already. */
export function shortKey(key: string | null): string | null {
  if (key === null || key.includes('…')) return key;
  return key.length > 12 ? `${key.slice(0, 4)}…${key.slice(-4)}` : MASK;
}
