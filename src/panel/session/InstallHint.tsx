// Shown when nothing answers at the companion path: how to add it, not an error. Every claim here
// matches companion/README.md and companion/src/sessionlens/{conf,access}.py: no PyPI package yet,
// the default callback wants DEBUG and a local client, TOKEN only narrows access further.
import { COMPANION_DEFAULT_PATH } from '../../core/index';

// The companion's URLconf serves "session/" under the prefix it is included at.
const PREFIX = COMPANION_DEFAULT_PATH.replace(/^\/|session\/$/g, '');

export function InstallHint({ httpStatus, onRetry }: { httpStatus: number | null; onRetry: () => void }) {
  return (
    <div class="sl-install" data-testid="install-hint">
      <p>
        No companion answered at <code>{COMPANION_DEFAULT_PATH}</code>
        {httpStatus !== null ? ` (HTTP ${httpStatus})` : ''}. Add it to see the server-side session:
      </p>
      <pre class="sl-mono sl-code" data-testid="install-snippet">
        {`# not on PyPI: install it from a Sessionlens checkout (or a wheel
# built there with: pip wheel path/to/sessionlens/companion)
pip install path/to/sessionlens/companion

# settings.py
INSTALLED_APPS += ["sessionlens"]

# urls.py: before any catch-all route (Wagtail's serve, a CMS
# page view, a SPA fallback), which would otherwise answer first
urlpatterns.insert(0, path("${PREFIX}", include("sessionlens.urls")))`}
      </pre>
      <p class="sl-muted" data-testid="install-access">
        What opens it: DEBUG = True and a request from this computer (loopback or INTERNAL_IPS) — the default
        SESSIONLENS["SHOW_SESSION_CALLBACK"] — or your own callback in its place, on a host name of this
        machine (localhost, 127.0.0.1, INTERNAL_IPS or SESSIONLENS["ALLOWED_HOSTS"]). SESSIONLENS["TOKEN"] is
        an extra lock on top, never a key by itself: with a token set, requests must also carry it (set it in
        Keys). Anyone refused gets a plain 404. It never saves or extends a session.
      </p>
      <button type="button" class="sl-button" data-testid="companion-retry" onClick={onRetry}>
        Check again
      </button>
    </div>
  );
}
