// A DecodeReport for a reader: the verdict first, then how the value was made, what is wrong
// with it, and what it holds (messages, text, or the data tree).
import { Fragment } from 'preact';
import { type DecodeReport, type DjangoMessage, isSafeGlobal, type Kind, kindName } from '../../core/index';
import { sessionAnnotations } from './annotations';
import { ValueTree } from './ValueTree';
import { formatUnix, messageLevelName, timeAgo, verdictOf } from './verdict';
import './decoded.css';

export function ReportView({
  report,
  now,
  omitWarnings = [],
  onReadAs,
}: {
  report: DecodeReport;
  now: number;
  /** Warning codes the surrounding view already shows (the Session tab's one weak-key alert). */
  omitWarnings?: readonly string[];
  /** Read the same value as another kind: offered when `auto` only guessed the kind. */
  onReadAs?: (kind: Kind) => void;
}) {
  const verdict = verdictOf(report, now);
  return (
    <div class="sl-report" data-testid="report">
      <div
        class="sl-verdict"
        data-testid="verdict"
        data-verdict={verdict.kind}
        data-tone={verdict.tone}
        role="status"
      >
        <div class="sl-verdict-title" data-testid="verdict-title">
          {verdict.title}
        </div>
        {verdict.detail && <p data-testid="verdict-detail">{verdict.detail}</p>}
        {verdict.advice && (
          <p class="sl-muted" data-testid="verdict-advice">
            {verdict.advice}
          </p>
        )}
        {report.message && verdict.kind === 'unreadable' && (
          <p class="sl-muted sl-mono" data-testid="verdict-message">
            {report.message}
          </p>
        )}
      </div>
      {report.guessed && <KindGuess report={report} onReadAs={onReadAs} />}
      {report.pickle?.unsafe && <UnsafePickleBanner references={report.pickle.references} />}
      {/* A fallback verdict already names the key: its warning would say it a second time. */}
      <Warnings
        report={report}
        omit={verdict.kind === 'fallback' ? [...omitWarnings, 'fallback-key'] : omitWarnings}
      />
      <Metadata report={report} now={now} />
      {report.messages && <Messages messages={report.messages} notFinished={report.messagesNotFinished} />}
      {report.text !== null && (
        <>
          <div class="sl-section-title">Value</div>
          <div class="sl-mono" data-testid="report-text">
            {report.text}
          </div>
        </>
      )}
      {report.data && report.messages === null && (
        <>
          <div class="sl-section-title">Data</div>
          <ValueTree
            value={report.data}
            annotations={sessionAnnotations(report.data, { now, timestamp: report.timestamp })}
          />
        </>
      )}
    </div>
  );
}

/** Names only the globals that run code; the harmless ones (datetime.datetime…) go below, unmarked. */
function UnsafePickleBanner({ references }: { references: string[] }) {
  const dangerous = references.filter((ref) => !isSafeGlobal(ref));
  const safe = references.filter((ref) => isSafeGlobal(ref));
  return (
    <div class="sl-banner sl-banner-error" role="alert" data-testid="unsafe-pickle">
      This payload would run code if unpickled. Never load it in Python.
      <ul>
        {dangerous.map((ref) => (
          <li key={ref} data-testid="unsafe-pickle-ref" data-safe="false">
            {ref} ← runs code
          </li>
        ))}
      </ul>
      {safe.length > 0 && (
        <p class="sl-muted" data-testid="pickle-safe-refs">
          Also referenced, harmless: {safe.join(', ')}
        </p>
      )}
    </div>
  );
}

function Warnings({ report, omit }: { report: DecodeReport; omit: readonly string[] }) {
  // The unsafe-pickle warning has its own banner above.
  const shown = report.warnings.filter((w) => w.code !== 'unsafe-pickle' && !omit.includes(w.code));
  if (shown.length === 0) return null;
  return (
    <div data-testid="warnings">
      {shown.map((w) => (
        <div
          key={w.code + w.message}
          class={`sl-banner ${w.code === 'weak-key' ? 'sl-banner-error' : 'sl-banner-warn'}`}
          role={w.code === 'weak-key' ? 'alert' : undefined}
          data-testid={`warning-${w.code}`}
        >
          {w.message}
        </div>
      ))}
    </div>
  );
}

/** `auto` chose the kind from the value's shape: say so, and offer the other readings. */
function KindGuess({
  report,
  onReadAs,
}: {
  report: DecodeReport;
  onReadAs: ((kind: Kind) => void) | undefined;
}) {
  return (
    <div class="sl-banner sl-banner-info" data-testid="kind-guess">
      A guess: read as <strong>{kindName(report.kind).label}</strong> from its shape; no signature confirmed
      it.
      {report.alternatives.length > 0 && (
        <>
          {' '}
          It could also be:{' '}
          {report.alternatives.map((kind) =>
            onReadAs ? (
              <button
                key={kind}
                type="button"
                class="sl-link sl-read-as"
                data-testid={`read-as-${kind}`}
                onClick={() => onReadAs(kind)}
              >
                {kindName(kind).label}
              </button>
            ) : (
              <span key={kind} class="sl-read-as" data-testid={`read-as-${kind}`}>
                {kindName(kind).label}
              </span>
            ),
          )}
        </>
      )}
    </div>
  );
}

function Metadata({ report, now }: { report: DecodeReport; now: number }) {
  const rows: Array<[string, string, string]> = [
    ['kind', `${kindName(report.kind).label}${report.guessed ? ' (guessed)' : ''}`, 'meta-kind'],
    ['format', report.format, 'meta-format'],
  ];
  if (report.timestamp !== null) {
    rows.push([
      'signed',
      `${formatUnix(report.timestamp)} (signed ${timeAgo(now - report.timestamp)})`,
      'meta-signed',
    ]);
  }
  rows.push(['compressed', report.compressed ? 'yes (zlib)' : 'no', 'meta-compressed']);
  if (report.serializer) rows.push(['serializer', report.serializer, 'meta-serializer']);
  if (report.algorithm) {
    const legacy = report.algorithm === 'sha1' ? ' — legacy sha1 (Django ≤3.0, or 3.1/3.2 fallback)' : '';
    rows.push(['algorithm', report.algorithm + legacy, 'meta-algorithm']);
  }
  if (report.salt !== null) rows.push(['salt', report.salt, 'meta-salt']);
  return (
    <dl class="sl-meta" data-testid="metadata">
      {rows.map(([label, value, id]) => (
        <Fragment key={id}>
          <dt>{label}</dt>
          <dd data-testid={id}>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

function Messages({ messages, notFinished }: { messages: DjangoMessage[]; notFinished: boolean }) {
  return (
    <>
      <div class="sl-section-title">Messages ({messages.length})</div>
      <table class="sl-table" data-testid="messages">
        <thead>
          <tr>
            <th>level</th>
            <th>message</th>
            <th>tags</th>
            <th>safe</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((m, i) => (
            <tr key={i} data-testid="message-row">
              <td data-testid="message-level">{messageLevelName(m.level)}</td>
              <td data-testid="message-text">{m.message}</td>
              <td data-testid="message-tags">{m.extraTags ?? ''}</td>
              <td>{m.safe ? 'mark_safe' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {notFinished && (
        <p class="sl-muted" data-testid="messages-not-finished">
          More messages did not fit in the cookie: Django keeps the rest for the next response.
        </p>
      )}
    </>
  );
}
