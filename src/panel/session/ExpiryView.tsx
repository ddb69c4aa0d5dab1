// The one reconciled answer to "when does this session end?" (src/core/expiry.ts): the countdown
// text the summary shows, and the sources it came from.

import { type ExpiryReport, formatDuration } from '../../core/index';
import { formatUnix } from '../decoded/verdict';
import { useStickyOpen } from '../ui/sticky';
import './session.css';

export function countdownText(r: ExpiryReport, now: number): string {
  if (r.expired || (r.endsAt !== null && now >= r.endsAt)) return 'expired';
  const left = r.endsAt === null ? null : `ends in ${formatDuration(r.endsAt - now)}`;
  if (r.atBrowserClose) {
    return left
      ? `ends when the browser closes (at the latest: ${left.slice(5)})`
      : 'ends when the browser closes';
  }
  return left ?? 'end unknown';
}

/** Sources disagreeing is worth the reader's attention: shown right under the summary. */
export function ExpiryDisagreement({ expiry }: { expiry: ExpiryReport }) {
  if (!expiry.disagreement) return null;
  return (
    <div class="sl-banner sl-banner-warn" data-testid="expiry-disagreement">
      Expiry sources disagree: {expiry.disagreement}
    </div>
  );
}

/** Where the countdown in the summary comes from, for anyone who wants to see why. */
export function ExpirySources({ expiry }: { expiry: ExpiryReport }) {
  const [open, setOpen] = useStickyOpen('expiry-sources');
  if (expiry.sources.length === 0) return null;
  return (
    <details
      class="sl-details"
      data-testid="expiry-details"
      open={open}
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary class="sl-section-title">
        Expiry sources <span class="sl-muted">({expiry.sources.length})</span>
      </summary>
      <table class="sl-table sl-kv" data-testid="expiry-sources">
        <tbody>
          {expiry.sources.map((s) => (
            <tr key={s.source} data-testid={`expiry-source-${s.source}`}>
              <th>{s.source}</th>
              <td>{s.endsAt !== null ? formatUnix(s.endsAt) : s.atBrowserClose ? 'browser close' : '—'}</td>
              <td class="sl-note">{s.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
