// The Timeline tab: every request of the inspected tab that changed the session, with what it
// changed; a click shows the whole session at that moment, two ticked entries are compared.
import { useMemo, useState } from 'preact/hooks';
import { type CompanionSite, diffSessions } from '../../core/index';
import { sessionAnnotations } from '../decoded/annotations';
import { copyText } from '../decoded/clipboard';
import { ValueTree } from '../decoded/ValueTree';
import { ChangeLine } from './ChangeLine';
import { MAX_ENTRIES, type Timeline, type TimelineEntry } from './entries';
import { changesNothing, exportTimeline, matchingChanges, sessionAfter, visibleEntries } from './view';
import './timeline.css';

export interface TimelineTabProps {
  timeline: Timeline;
  onClear: () => void;
  /** The companion's site answer, when it answered: whether it records requests, and if not why. */
  site: CompanionSite | null;
}

const clock = (t: number) => new Date(t * 1000).toTimeString().slice(0, 8);

function pathOf(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}

export function TimelineTab({ timeline, onClear, site }: TimelineTabProps) {
  const [query, setQuery] = useState('');
  const [showAll, setShowAll] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  const [compared, setCompared] = useState<readonly number[]>([]);
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(new Set());
  const [exported, setExported] = useState<'idle' | 'copied' | 'failed'>('idle');
  const visible = useMemo(() => visibleEntries(timeline, showAll, query), [timeline, showAll, query]);
  const hidden = timeline.entries.filter(changesNothing).length;
  const bySeq = (seq: number | null) => timeline.entries.find((e) => e.seq === seq) ?? null;
  const chosen = bySeq(selected);
  const pair = compared.map(bySeq).filter((e): e is TimelineEntry => e !== null);

  const toggleCompare = (seq: number) =>
    setCompared((c) => (c.includes(seq) ? c.filter((s) => s !== seq) : [...c, seq].slice(-2)));
  const exportJson = async () =>
    setExported((await copyText(exportTimeline(timeline, revealed))) ? 'copied' : 'failed');
  const clear = () => {
    onClear();
    setSelected(null);
    setCompared([]);
    setRevealed(new Set());
  };

  return (
    <div class="sl-timeline" data-testid="timeline-tab">
      <RecordingNotice site={site} />
      <div class="sl-timeline-toolbar">
        <input
          type="search"
          class="sl-input"
          placeholder="Filter by key"
          aria-label="Filter by key"
          data-testid="timeline-filter"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        <label class="sl-timeline-toggle">
          <input
            type="checkbox"
            data-testid="timeline-show-all"
            checked={showAll}
            onChange={(e) => setShowAll(e.currentTarget.checked)}
          />{' '}
          All requests{hidden > 0 && !showAll ? ` (${hidden} unchanged hidden)` : ''}
        </label>
        <button type="button" class="sl-button" data-testid="timeline-export" onClick={exportJson}>
          Export JSON
        </button>
        <button type="button" class="sl-button" data-testid="timeline-clear" onClick={clear}>
          Clear
        </button>
        {exported !== 'idle' && (
          <span class="sl-muted" role="status" data-testid="timeline-export-status">
            {exported === 'copied' ? 'Copied (masked values stay masked)' : 'Copy failed'}
          </span>
        )}
      </div>
      {timeline.dropped > 0 && (
        <div class="sl-notice" data-testid="timeline-dropped">
          {timeline.dropped} older {timeline.dropped === 1 ? 'entry was' : 'entries were'} dropped: the
          timeline keeps the last {MAX_ENTRIES}.
        </div>
      )}
      <div class="sl-timeline-body">
        <ol class="sl-timeline-list" aria-label="Requests that changed the session">
          {visible.length === 0 && (
            <li class="sl-muted sl-timeline-empty" data-testid="timeline-empty">
              {timeline.entries.length === 0
                ? 'No request yet: use the site in this tab; each request that changes the session shows here.'
                : query.trim() !== ''
                  ? `No change touches a key matching “${query.trim()}”.`
                  : 'No request changed the session yet (tick “All requests” to see them all).'}
            </li>
          )}
          {visible.map((e) => (
            <Entry
              key={e.seq}
              entry={e}
              query={query}
              selected={e.seq === selected}
              compared={compared.includes(e.seq)}
              revealed={revealed}
              onSelect={() => setSelected(e.seq === selected ? null : e.seq)}
              onCompare={() => toggleCompare(e.seq)}
              onReveal={(id) => setRevealed(new Set(revealed).add(id))}
            />
          ))}
        </ol>
        <div class="sl-timeline-detail">
          {pair.length === 2 && (
            <Compare timeline={timeline} a={pair[0] as TimelineEntry} b={pair[1] as TimelineEntry} />
          )}
          {chosen !== null && <Moment timeline={timeline} entry={chosen} />}
          {chosen === null && pair.length < 2 && visible.length > 0 && (
            <p class="sl-muted">Click an entry for the whole session after it; tick two to compare them.</p>
          )}
        </div>
      </div>
    </div>
  );
}

function RecordingNotice({ site }: { site: CompanionSite | null }) {
  if (site === null)
    return (
      <div class="sl-notice" data-testid="timeline-recording" data-recording="false">
        Without the companion the timeline shows what the cookies show: a signed_cookies session is read from
        them, a store-backed one only by its key.
      </div>
    );
  if (site.timeline?.recording === true) return null;
  return (
    <div class="sl-notice" data-testid="timeline-recording" data-recording="false">
      The companion does not record requests here
      {site.timeline?.reason
        ? `: ${site.timeline.reason}`
        : ': add sessionlens.middleware.SessionTimelineMiddleware before SessionMiddleware'}
      . Until then the timeline shows what the cookies show.
    </div>
  );
}

interface EntryProps {
  entry: TimelineEntry;
  query: string;
  selected: boolean;
  compared: boolean;
  revealed: ReadonlySet<string>;
  onSelect: () => void;
  onCompare: () => void;
  onReveal: (id: string) => void;
}

function Entry({ entry, query, selected, compared, revealed, onSelect, onCompare, onReveal }: EntryProps) {
  const { event } = entry;
  const shown = matchingChanges(entry, query);
  return (
    <li
      class={`sl-timeline-entry${selected ? ' sl-selected' : ''}`}
      data-testid="timeline-entry"
      data-source={entry.source}
      aria-current={selected ? 'true' : undefined}
    >
      <div class="sl-timeline-head">
        <button
          type="button"
          class="sl-timeline-open"
          data-testid="timeline-open"
          aria-expanded={selected}
          onClick={onSelect}
          title={event.kind === 'request' ? event.url : undefined}
        >
          <span class="sl-timeline-time">{clock(entry.time)}</span>{' '}
          {event.kind === 'request' ? (
            <>
              <span class="sl-timeline-method">{event.method}</span>{' '}
              <span class="sl-timeline-path">{pathOf(event.url)}</span>{' '}
              <span class={`sl-timeline-status${event.status >= 400 ? ' sl-error' : ''}`}>
                {event.status}
              </span>
            </>
          ) : event.kind === 'panel-write' ? (
            <span class="sl-timeline-path">Panel edit: {writeLabel(event)}</span>
          ) : (
            <span class="sl-timeline-path">{event.name} cookie removed</span>
          )}
        </button>
        <label class="sl-timeline-compare" title="Compare with another entry">
          <input
            type="checkbox"
            data-testid="timeline-compare-toggle"
            checked={compared}
            onChange={onCompare}
          />{' '}
          compare
        </label>
      </div>
      {entry.source === 'pending' ? (
        <p class="sl-muted">Reading…</p>
      ) : (
        <ul class="sl-changes">
          {shown.map((c) => {
            const i = entry.changes.indexOf(c);
            const id = `${entry.seq}:${i}`;
            return (
              <ChangeLine key={id} change={c} revealed={revealed.has(id)} onReveal={() => onReveal(id)} />
            );
          })}
          {entry.omitted > 0 && <li class="sl-muted">… and {entry.omitted} more changes</li>}
          {entry.changes.length === 0 && entry.note === null && (
            <li class="sl-muted">No change to the session</li>
          )}
        </ul>
      )}
      {entry.note !== null && (
        <p class="sl-muted sl-timeline-note" data-testid="timeline-note">
          {entry.note}
        </p>
      )}
    </li>
  );
}

/** A panel edit as the code that did it: `set visits_counter`, `flush()`. */
function writeLabel(event: { op: string; key: string | null }): string {
  return event.key === null ? `${event.op}()` : `${event.op} ${event.key}`;
}

function describeEntry(e: TimelineEntry): string {
  switch (e.event.kind) {
    case 'request':
      return `${e.event.method} ${pathOf(e.event.url)} at ${clock(e.time)}`;
    case 'panel-write':
      return `the panel's ${writeLabel(e.event)} at ${clock(e.time)}`;
    case 'cookie-removed':
      return `the ${e.event.name} cookie's removal at ${clock(e.time)}`;
  }
}

/** The whole session after the entry's request: the tree, as the Session tab shows it. */
function Moment({ timeline, entry }: { timeline: Timeline; entry: TimelineEntry }) {
  const after = sessionAfter(timeline, entry);
  return (
    <section class="sl-timeline-moment" data-testid="timeline-moment">
      <h3>Session after {describeEntry(entry)}</h3>
      {after === undefined ? (
        <p class="sl-muted">No entry before this one read the session.</p>
      ) : after === null ? (
        <p class="sl-muted">No session after this request.</p>
      ) : after.data === null ? (
        <p class="sl-muted">
          The data of session{' '}
          <code>{after.key === null ? '' : `${after.key.slice(0, 4)}…${after.key.slice(-4)}`}</code> is on the
          server: the companion's timeline middleware records it.
        </p>
      ) : (
        <ValueTree
          value={after.data}
          testid="timeline-session"
          annotations={sessionAnnotations(after.data, { now: entry.time, timestamp: null })}
        />
      )}
    </section>
  );
}

/** What changed between two moments, older first. */
function Compare({ timeline, a, b }: { timeline: Timeline; a: TimelineEntry; b: TimelineEntry }) {
  const [older, newer] = a.seq < b.seq ? [a, b] : [b, a];
  const { changes, omitted } = diffSessions(
    sessionAfter(timeline, older) ?? null,
    sessionAfter(timeline, newer) ?? null,
  );
  const [revealed, setRevealed] = useState<ReadonlySet<number>>(new Set());
  return (
    <section class="sl-timeline-compare-pane" data-testid="timeline-compare">
      <h3>
        From {describeEntry(older)} to {describeEntry(newer)}
      </h3>
      <ul class="sl-changes">
        {changes.map((c, i) => (
          <ChangeLine
            key={i}
            change={c}
            revealed={revealed.has(i)}
            onReveal={() => setRevealed(new Set(revealed).add(i))}
          />
        ))}
        {omitted > 0 && <li class="sl-muted">… and {omitted} more changes</li>}
        {changes.length === 0 && <li class="sl-muted">The session is the same at both moments.</li>}
      </ul>
    </section>
  );
}
