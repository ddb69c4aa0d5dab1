// The one reconciled answer to "when does this session end?" with a live countdown, and the
// sources it came from (src/core/expiry.ts) for anyone who wants to see why.
import { formatDuration } from '../../core/cookies/index';
import type { ExpiryReport } from '../../core/expiry';
import { formatUnix } from '../decoded/verdict';

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

export function ExpiryView({ expiry, now }: { expiry: ExpiryReport; now: number }) {
  const text = countdownText(expiry, now);
  return (
    <section class="sl-expiry" data-testid="expiry">
      <div class="sl-section-title">Expiry</div>
      <div
        class={`sl-countdown${text === 'expired' ? ' sl-unsafe' : ''}`}
        data-testid="expiry-countdown"
        data-expired={text === 'expired' ? 'true' : 'false'}
        aria-live="off"
      >
        {text}
      </div>
      {expiry.disagreement && (
        <div class="sl-banner sl-banner-warn" data-testid="expiry-disagreement">
          Sources disagree: {expiry.disagreement}
        </div>
      )}
      {expiry.sources.length > 0 && (
        <table class="sl-table" data-testid="expiry-sources">
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
      )}
    </section>
  );
}
