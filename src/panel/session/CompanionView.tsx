// The server's side of the session, as django-sessionlens reports it: store, data, user,
// settings, key health.
import type { CompanionSession, TaggedJson } from '../../core/companion';
import { fromTaggedJson, pyRepr } from '../../core/pyvalue';
import { sessionAnnotations } from '../decoded/annotations';
import { ValueTree } from '../decoded/ValueTree';
import { differsFromDefault } from './django-defaults';

export function CompanionView({ response }: { response: CompanionSession }) {
  const data = fromTaggedJson(response.data);
  return (
    <div class="sl-companion" data-testid="companion">
      <dl class="sl-meta">
        <dt>engine</dt>
        <dd data-testid="companion-engine">{response.engine}</dd>
        <dt>store</dt>
        <dd data-testid="companion-store">{response.storeClass}</dd>
        <dt>session key</dt>
        <dd>{response.sessionKey}</dd>
        <dt>Django</dt>
        <dd>{response.django}</dd>
      </dl>
      <div class="sl-badges" data-testid="companion-status">
        <Badge on={response.exists} ok="exists" bad="not in the store" />
        {response.corrupt && (
          <span class="sl-badge sl-badge-error">corrupt: Django starts an empty session</span>
        )}
        {response.expiry.expired && <span class="sl-badge sl-badge-error">expired</span>}
      </div>
      {!response.exists && (
        <p class="sl-muted" data-testid="companion-missing">
          The store has no session under this key: it expired, was flushed, or was never saved.
        </p>
      )}
      <p class="sl-muted" data-testid="companion-fallbacks">
        SECRET_KEY_FALLBACKS: {response.secretKey.fallbacks === 0 ? 'none' : response.secretKey.fallbacks}
      </p>
      <div class="sl-section-title">User</div>
      <UserView user={response.user} />
      <div class="sl-section-title">Server-side data</div>
      <ValueTree
        value={data}
        annotations={sessionAnnotations(data, { now: response.serverTime, timestamp: null })}
        testid="companion-tree"
      />
      <Settings settings={response.settings} />
    </div>
  );
}

function Badge({ on, ok, bad }: { on: boolean; ok: string; bad: string }) {
  return <span class={`sl-badge ${on ? 'sl-badge-ok' : 'sl-badge-warn'}`}>{on ? ok : bad}</span>;
}

function UserView({ user }: { user: CompanionSession['user'] }) {
  if (!user.authenticated) {
    return (
      <p data-testid="companion-user" data-authenticated="false">
        Anonymous: no user is logged in with this session.
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
        {user.hashValid === null
          ? 'not checked'
          : user.hashValid
            ? 'valid'
            : 'stale: a password change logged this session out'}
      </dd>
    </dl>
  );
}

/** The cookie names a developer looks for first, then every SESSION_* setting. */
const COOKIE_NAME_SETTINGS = /^(SESSION_COOKIE_NAME|CSRF_COOKIE_NAME|MESSAGE_STORAGE(\.cookie_name)?)$/;

function Settings({ settings }: { settings: { [name: string]: TaggedJson } }) {
  const names = Object.keys(settings).sort(
    (a, b) =>
      Number(!COOKIE_NAME_SETTINGS.test(a)) - Number(!COOKIE_NAME_SETTINGS.test(b)) || a.localeCompare(b),
  );
  const rows = names.map((name) => {
    const repr = pyRepr(fromTaggedJson(settings[name] ?? null));
    return { name, repr, changed: differsFromDefault(name, repr) === true };
  });
  const changed = rows.filter((r) => r.changed).length;
  return (
    // Rarely the first thing to read: collapsed, with a count of what the project changed.
    <details class="sl-details" data-testid="companion-settings-details">
      <summary class="sl-section-title">
        Settings{' '}
        <span class="sl-muted">
          ({rows.length}, {changed === 0 ? 'all Django defaults' : `${changed} changed from Django's default`}
          )
        </span>
      </summary>
      <table class="sl-table sl-kv" data-testid="companion-settings">
        <tbody>
          {rows.map(({ name, repr, changed }) => (
            <tr
              key={name}
              data-testid="companion-setting"
              data-name={name}
              data-changed={changed ? 'true' : 'false'}
              class={changed ? 'sl-changed' : undefined}
            >
              <th>{name}</th>
              <td title={repr}>
                {repr}
                {changed && (
                  <span class="sl-badge sl-badge-accent" title="Differs from Django's default">
                    changed
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
