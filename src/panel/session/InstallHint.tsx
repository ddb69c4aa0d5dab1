// Shown when nothing answers at the companion path: how to add it, in four lines, not an error.
import { COMPANION_DEFAULT_PATH } from '../../core/companion';

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
        {`pip install django-sessionlens

# settings.py
INSTALLED_APPS += ["sessionlens"]

# urls.py
urlpatterns += [path("${PREFIX}", include("sessionlens.urls"))]`}
      </pre>
      <p class="sl-muted">
        It answers only while DEBUG = True, or to requests carrying SESSIONLENS["TOKEN"] (set the token in
        Keys). It never saves or extends a session.
      </p>
      <button type="button" class="sl-button" data-testid="companion-retry" onClick={onRetry}>
        Check again
      </button>
    </div>
  );
}
