// The session of the inspected site: why it is in its state (the "why" line, core/diagnosis.ts),
// a summary (kind and verdict, user, reconciled expiry, size), then the browser's cookie beside
// the server's view (from the companion), then where the expiry came from.
import { useState } from 'preact/hooks';
import {
  type CompanionSession,
  type CookieChoice,
  type CookieInfo,
  type DecodeReport,
  diagnose,
  duplicateMessage,
  isSignedCookiesSession,
  sessionExpiry,
} from '../../core/index';
import { ReportView } from '../decoded/ReportView';
import type { WriteOutcome } from '../edit/apply-write';
import { Resign } from '../edit/Resign';
import type { OnWrite } from '../edit/SessionEditor';
import { useNow } from '../hooks/useNow';
import { CompanionInvalid } from './CompanionInvalid';
import { CompanionView, SiteView } from './CompanionView';
import type { CompanionState } from './companion-state';
import { ExpiryDisagreement, ExpirySources } from './ExpiryView';
import { InstallHint } from './InstallHint';
import { SessionSummary } from './SessionSummary';
import { WhyLine } from './WhyLine';
import './session.css';

export interface SessionTabProps {
  /** The session cookie Django reads for the inspected URL (choice.read when a choice is given). */
  cookie: CookieInfo | null;
  /** Every same-named cookie, and which one Django reads (core/cookies/duplicates.ts). */
  choice?: CookieChoice;
  /** The inspected page: which cookies the browser sends depends on its path and scheme. */
  pageUrl?: string | null;
  /** false: the browser's cookies cannot be read yet (no host permission): say so, not "none". */
  cookiesReadable?: boolean;
  sessionCookieName: string;
  /** The session cookie decoded as a signed_cookies session (null: not decoded). */
  report: DecodeReport | null;
  companion: CompanionState;
  /** A refetch is under way while `companion` still shows the last answer. */
  refreshing?: boolean;
  now: number;
  onRefreshCompanion: () => void;
  /** Sends one write to the companion (applyWrite); absent: no editing controls. */
  onWrite?: OnWrite;
  /** SECRET_KEY from Keys: the re-signing editor of a signed_cookies session starts with it. */
  signingKey?: string;
  /** Sets the session cookie to a value re-signed in the panel (applyWrite). */
  onSetCookie?: (cookie: CookieInfo) => Promise<WriteOutcome>;
}

export function SessionTab({
  cookie,
  choice = { read: cookie, ignored: [], ambiguous: false, notSent: [] },
  pageUrl = null,
  cookiesReadable = true,
  sessionCookieName,
  report,
  companion,
  refreshing = false,
  now,
  onRefreshCompanion,
  onWrite,
  signingKey = '',
  onSetCookie,
}: SessionTabProps) {
  const live = useNow(now);
  const server = companion.status === 'ok' ? companion.response : null;
  const site = companion.status === 'ok' || companion.status === 'site' ? companion.response : null;
  const signed = isSignedCookiesSession(report, server);
  const expiry = sessionExpiry({ cookie, report, server, now: live });
  const weak = weakKey(signed ? report : null, server);
  const diagnosis =
    cookiesReadable && pageUrl !== null
      ? diagnose({
          pageUrl,
          cookieName: sessionCookieName,
          choice,
          report: signed ? report : null,
          signed,
          site,
          session: server,
          companionError:
            companion.status === 'error' ? { code: companion.code, message: companion.message } : null,
          expiry,
          now: live,
        })
      : null;
  const read = choice.read;
  const shadowing = read ? choice.ignored : [];
  return (
    <div class="sl-session" data-testid="session-tab">
      {diagnosis && <WhyLine diagnosis={diagnosis} />}
      {read &&
        shadowing.map((c) => (
          <div
            key={c.path}
            class="sl-banner sl-banner-warn"
            data-testid="finding-duplicate-cookie"
            data-path={c.path}
          >
            {duplicateMessage(c, read)}
          </div>
        ))}
      {expiry && (
        <>
          <SessionSummary report={report} server={server} signed={signed} expiry={expiry} now={live} />
          <ExpiryDisagreement expiry={expiry} />
        </>
      )}
      {weak}
      <div class="sl-session-columns">
        <section class="sl-panel-section sl-session-side" data-testid="session-cookie">
          <h2 class="sl-section-header">Browser cookie</h2>
          {!cookiesReadable ? (
            <p class="sl-empty" data-testid="session-cookies-unreadable">
              Sessionlens cannot read this site's cookies until you allow it (above): whether a{' '}
              <code>{sessionCookieName}</code> cookie exists is not known yet.
            </p>
          ) : cookie === null ? (
            <NoSessionCookie
              name={sessionCookieName}
              notSentPaths={choice.notSent.map((n) => n.cookie.path)}
            />
          ) : (
            <>
              <div class="sl-mono sl-cookie-line">
                <span data-testid="session-cookie-name">{cookie.name}</span>
                {shadowing.length > 0 && (
                  <span class="sl-muted"> (Path={cookie.path}, the one Django reads)</span>
                )}{' '}
                ={' '}
                {signed && report ? (
                  <span class="sl-muted">signed_cookies session (decoded below)</span>
                ) : (
                  <OpaqueKey value={cookie.value} />
                )}
              </div>
              {signed && report ? (
                <>
                  <ReportView report={report} now={live} omitWarnings={weak ? ['weak-key'] : []} />
                  <Resign
                    value={cookie.value}
                    report={report}
                    cookieName={cookie.name}
                    initialKey={signingKey}
                    now={live}
                    target={`the ${cookie.name} cookie`}
                    {...(onSetCookie ? { onSet: (value: string) => onSetCookie({ ...cookie, value }) } : {})}
                  />
                </>
              ) : (
                <p class="sl-muted" data-testid="session-server-side">
                  An opaque session key: the data lives on the server (db, cache or file engine).
                  {server ? ' The companion shows it.' : ' Ask the companion to see it.'}
                </p>
              )}
            </>
          )}
        </section>
        <section class="sl-panel-section sl-session-side" data-testid="session-companion">
          <h2 class="sl-section-header">
            Server (companion)
            {refreshing && <span class="sl-muted sl-refreshing">updating…</span>}
            {companion.status !== 'idle' &&
              companion.status !== 'loading' &&
              companion.status !== 'absent' && (
                <button
                  type="button"
                  class="sl-link sl-header-action"
                  data-testid="companion-refresh"
                  onClick={onRefreshCompanion}
                >
                  refresh
                </button>
              )}
          </h2>
          <CompanionPane companion={companion} onRefresh={onRefreshCompanion} onWrite={onWrite} />
        </section>
      </div>
      {expiry && <ExpirySources expiry={expiry} />}
    </div>
  );
}

/**
 * One weak-key alert for the tab, whichever side noticed: the cookie's own report (the key that
 * verified it is a known or placeholder key) or the companion (the site's SECRET_KEY looks weak).
 */
function weakKey(report: DecodeReport | null, server: CompanionSession | null) {
  const fromReport = report?.warnings.find((w) => w.code === 'weak-key') ?? null;
  // The structured reason's own sentence: the banner says "weak" and ends it itself.
  if (!fromReport && !server?.secretKey.looksWeak) return null;
  return (
    <div
      class="sl-banner sl-banner-error"
      role="alert"
      data-testid={server?.secretKey.looksWeak ? 'companion-weak-key' : 'warning-weak-key'}
    >
      <strong>Weak SECRET_KEY:</strong>{' '}
      {fromReport?.code === 'weak-key'
        ? fromReport.detail
        : "short, guessable, or Django's insecure placeholder"}
      . Anyone who knows it can forge sessions for this site.
    </div>
  );
}

function CompanionPane({
  companion,
  onRefresh,
  onWrite,
}: {
  companion: CompanionState;
  onRefresh: () => void;
  onWrite: OnWrite | undefined;
}) {
  switch (companion.status) {
    case 'idle':
      return (
        <p class="sl-muted" data-testid="companion-idle">
          Not asked yet.{' '}
          <button type="button" class="sl-link" onClick={onRefresh}>
            Ask the companion
          </button>
        </p>
      );
    case 'loading':
      return (
        <p class="sl-muted" data-testid="companion-loading">
          Asking the companion…
        </p>
      );
    case 'absent':
      return <InstallHint httpStatus={companion.httpStatus} onRetry={onRefresh} />;
    case 'error':
      return (
        <div class="sl-banner sl-banner-warn" data-testid="companion-error" data-code={companion.code}>
          The companion answered with an error ({companion.code}): {companion.message}{' '}
          <button type="button" class="sl-link" onClick={onRefresh}>
            Try again
          </button>
        </div>
      );
    case 'invalid':
      return (
        <CompanionInvalid problem={companion.problem} httpStatus={companion.httpStatus} onRetry={onRefresh} />
      );
    case 'ok':
      return <CompanionView response={companion.response} {...(onWrite ? { onWrite } : {})} />;
    case 'site':
      return <SiteView response={companion.response} />;
  }
}

function NoSessionCookie({ name, notSentPaths }: { name: string; notSentPaths: string[] }) {
  if (notSentPaths.length > 0) {
    // The browser holds one, just not for this page: "no cookie yet" would contradict the why line.
    return (
      <p class="sl-empty" data-testid="session-empty">
        The browser holds a <code>{name}</code> cookie (
        {notSentPaths.map((path) => `Path=${path}`).join(', ')}) but does not send it to this page, so Django
        sees no session here (the line above says why).
      </p>
    );
  }
  return (
    <p class="sl-empty" data-testid="session-empty">
      No <code>{name}</code> cookie for this site yet: log in or visit a page that writes to the session. A
      different SESSION_COOKIE_NAME? The companion tells the panel; without it, set it in Keys.
    </p>
  );
}

/** A session key is a bearer credential: shown as `abcd…wxyz` until asked for. */
function OpaqueKey({ value }: { value: string }) {
  const [revealed, setRevealed] = useState(false);
  if (revealed || value.length <= 8) return <span data-testid="session-cookie-value">{value}</span>;
  return (
    <button
      type="button"
      class="sl-masked"
      aria-label="Reveal the session key"
      data-testid="session-cookie-masked"
      onClick={() => setRevealed(true)}
    >
      {`${value.slice(0, 4)}…${value.slice(-4)}`}
    </button>
  );
}
