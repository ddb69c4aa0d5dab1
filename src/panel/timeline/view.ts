// What the Timeline tab makes of the entries: which it shows, the session after one, masking, the
// export. Pure, no DOM; loaded with the tab, not in the panel's first load as entries.ts is.
import { type PyValue, type SessionChange, type SessionSnapshot, toExactJson } from '../../core/index';
import { isSensitiveKey, MASK, maskedValue, rootNode } from '../decoded/tree-model';
import type { Timeline, TimelineEntry } from './entries';

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
