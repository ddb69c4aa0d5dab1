// The server's side of the session, as django-sessionlens reports it: what it knows about the
// site (engine, store, cookie names, key health, settings), and for a named session the store's
// copy, the user get_user() would return, and the data.
import {
  type CompanionSession,
  type CompanionSite,
  type CompanionSiteOnly,
  fromTaggedJson,
} from '../../core/index';
import { sessionAnnotations } from '../decoded/annotations';
import { ValueTree } from '../decoded/ValueTree';
import type { OnWrite } from '../edit/SessionEditor';
import { lazyComponent } from '../ui/lazy';
import { SettingsTable } from './SettingsTable';

/** Loaded when a writable session is first shown: the panel's first load carries no editor. */
const SessionEditor = lazyComponent(async () => (await import('../edit/SessionEditor')).SessionEditor);

/** Shared by both answers: what the companion knows whoever asks. */
function SiteFacts({ site }: { site: CompanionSite }) {
  return (
    <dl class="sl-meta">
      <dt>companion</dt>
      <dd data-testid="companion-installed">installed (protocol {site.protocol})</dd>
      <dt>engine</dt>
      <dd data-testid="companion-engine">{site.engine}</dd>
      <dt>store</dt>
      <dd data-testid="companion-store">{site.storeClass}</dd>
      <dt>session cookie</dt>
      <dd data-testid="companion-cookie-name">{site.cookieName}</dd>
      <dt>messages cookie</dt>
      <dd data-testid="companion-messages-cookie">{site.messagesCookieName ?? 'not used'}</dd>
      <dt>Django</dt>
      <dd>{site.django}</dd>
      <dt>key fallbacks</dt>
      <dd data-testid="companion-fallbacks">
        {site.secretKey.fallbacks === 0
          ? 'none in SECRET_KEY_FALLBACKS'
          : `${site.secretKey.fallbacks} in SECRET_KEY_FALLBACKS`}
      </dd>
    </dl>
  );
}

/**
 * The answer to a request that named no session: no session cookie is sent to this page (none yet,
 * or one at another Path the why line names), so the server was asked about the site only.
 */
export function SiteView({ response }: { response: CompanionSiteOnly }) {
  return (
    <div class="sl-companion" data-testid="companion" data-kind="site">
      <SiteFacts site={response} />
      <p class="sl-muted" data-testid="companion-no-session">
        No session was named: no <code>{response.cookieName}</code> cookie is sent to this page, so the
        companion answered for the site only.
      </p>
      <SettingsTable settings={response.settings} />
    </div>
  );
}

export function CompanionView({ response, onWrite }: { response: CompanionSession; onWrite?: OnWrite }) {
  const data = fromTaggedJson(response.data);
  // signed_cookies: the "session key" is the cookie itself, and the data is what the Browser
  // cookie side already decoded; the server's view adds whether Django accepts it.
  const signed = response.engine.endsWith('signed_cookies');
  return (
    <div class="sl-companion" data-testid="companion" data-kind="session">
      <SiteFacts site={response} />
      <dl class="sl-meta">
        <dt>{signed ? 'cookie value' : 'session key'}</dt>
        <dd data-testid="companion-session-key">{response.sessionKey}</dd>
      </dl>
      <div class="sl-badges" data-testid="companion-status">
        {response.corrupt ? (
          <span class="sl-badge sl-badge-error" data-testid="companion-corrupt">
            {signed
              ? 'not accepted: Django starts an empty session'
              : 'corrupt: Django starts an empty session'}
          </span>
        ) : (
          <span class={`sl-badge ${response.exists ? 'sl-badge-ok' : 'sl-badge-warn'}`}>
            {response.exists ? (signed ? 'accepted by the server' : 'in the store') : 'not in the store'}
          </span>
        )}
        {response.expiry.expired && <span class="sl-badge sl-badge-error">expired</span>}
      </div>
      {!response.exists && (
        <p class="sl-muted" data-testid="companion-missing">
          The store has no session under this key: it expired, was flushed, or was never saved.
        </p>
      )}
      <div class="sl-section-title">User</div>
      <UserView user={response.user} />
      {signed ? (
        <p class="sl-muted" data-testid="companion-data-in-cookie">
          Server-side data: none, the cookie carries it (decoded under Browser cookie).
        </p>
      ) : (
        <>
          <div class="sl-section-title">Server-side data</div>
          <ValueTree
            value={data}
            annotations={sessionAnnotations(data, { now: response.serverTime, timestamp: null })}
            testid="companion-tree"
          />
        </>
      )}
      {response.writable === true && onWrite ? (
        <SessionEditor session={response} onWrite={onWrite} />
      ) : (
        <WritesOff writable={response.writable} />
      )}
      <SettingsTable settings={response.settings} />
    </div>
  );
}

/** Why there are no editing controls: the site refuses writes, or its companion predates them. */
function WritesOff({ writable }: { writable: boolean | undefined }) {
  return (
    <p
      class="sl-muted sl-edit-off"
      data-testid="edit-off"
      data-reason={writable === false ? 'refused' : 'old-companion'}
    >
      {writable === false
        ? 'Editing is off: this site refuses writes (SESSIONLENS["ALLOW_WRITES"] is off; by default it is on only with DEBUG).'
        : 'Editing needs a newer django-sessionlens: this companion predates writes.'}
    </p>
  );
}

/**
 * get_user() as the companion resolved it. A stale auth hash is not "anonymous": the session
 * still names a user, whom a password change logged out (src/core/companion.ts, `user`).
 */
function UserView({ user }: { user: CompanionSession['user'] }) {
  if (!user.authenticated && user.id !== null && user.hashValid === false) {
    return (
      <p data-testid="companion-user" data-authenticated="false" data-stale="true" class="sl-tone-error">
        user <span data-testid="companion-user-username">{user.username ?? '?'}</span> (id{' '}
        <span data-testid="companion-user-id">{user.id}</span>) — logged out by a password change: the auth
        hash no longer matches.
      </p>
    );
  }
  if (!user.authenticated) {
    return (
      <p data-testid="companion-user" data-authenticated="false">
        {user.id === null
          ? 'Anonymous: no user is logged in with this session.'
          : `Anonymous: _auth_user_id is ${user.id}, but get_user() resolves no user (deleted, or its backend is no longer in AUTHENTICATION_BACKENDS).`}
      </p>
    );
  }
  return (
    <dl class="sl-meta" data-testid="companion-user" data-authenticated="true">
      <dt>id</dt>
      <dd data-testid="companion-user-id">{user.id ?? '—'}</dd>
      <dt>username</dt>
      <dd data-testid="companion-user-username">{user.username ?? '—'}</dd>
      <dt>staff</dt>
      <dd>{user.isStaff === null ? '—' : user.isStaff ? 'yes' : 'no'}</dd>
      <dt>backend</dt>
      <dd>{user.backend ?? '—'}</dd>
      <dt>auth hash</dt>
      <dd data-testid="companion-user-hash" data-valid={String(user.hashValid)}>
        {user.hashValid === null ? 'not checked (the user model has no get_session_auth_hash())' : 'valid'}
      </dd>
    </dl>
  );
}
