import { useState } from 'preact/hooks';
import { COMPANION_DEFAULT_PATH, DEFAULT_SESSION_COOKIE_NAME } from '../../core/index';
import type { KeysState } from '../hooks/useKeys';
import type { Settings } from '../hooks/useSettings';

interface Props {
  origin: string | null;
  keys: KeysState;
  settings: Settings;
  /** SESSION_COOKIE_NAME as the companion reported it; the field here overrides it. */
  companionCookieName?: string | null;
  onSettings: (patch: Partial<Settings>) => void;
}

function KeyRow({
  index,
  value,
  onChange,
  onRemove,
}: {
  index: number;
  value: string;
  onChange: (v: string) => void;
  onRemove: () => void;
}) {
  const [shown, setShown] = useState(false);
  const inputProps = {
    id: `key-${index}`,
    'data-testid': `key-input-${index}`,
    class: 'sl-mono',
    autocomplete: 'off',
    spellcheck: false,
    size: 52,
    value,
    onInput: (e: Event) => onChange((e.currentTarget as HTMLInputElement).value),
  };
  const label = index === 0 ? 'SECRET_KEY' : `SECRET_KEY_FALLBACKS[${index - 1}]`;
  return (
    <div class="sl-row" data-testid={`key-row-${index}`}>
      <label class="sl-label sl-mono" for={`key-${index}`}>
        {label}
      </label>
      {/* Two literal inputs: preact's typings tie each `type` to its own attribute set. */}
      {shown ? <input {...inputProps} type="text" /> : <input {...inputProps} type="password" />}
      <button
        type="button"
        class="sl-button"
        data-testid={`key-show-${index}`}
        aria-pressed={shown}
        onClick={() => setShown(!shown)}
      >
        {shown ? 'Hide' : 'Show'}
      </button>
      <button type="button" class="sl-button danger" data-testid={`key-remove-${index}`} onClick={onRemove}>
        Remove
      </button>
    </div>
  );
}

export function KeysTab({ origin, keys, settings, companionCookieName = null, onSettings }: Props) {
  if (origin === null) {
    return <div class="sl-notice">Open a http(s) page in this tab to set its keys.</div>;
  }
  const rows = keys.keys.length === 0 ? [''] : keys.keys;
  const change = (i: number, v: string) => void keys.setKeys(rows.map((k, j) => (j === i ? v : k)));
  const remove = (i: number) => void keys.setKeys(rows.filter((_, j) => j !== i));
  return (
    <div data-testid="keys-tab">
      <section class="sl-section">
        <h2>
          Keys for <span class="sl-mono">{origin}</span>
        </h2>
        <p class="sl-muted">
          SECRET_KEY first, then SECRET_KEY_FALLBACKS in order. Keys verify signatures here, in this panel;
          they never leave it.
        </p>
        {rows.map((k, i) => (
          <KeyRow
            // Keyed by position: a row IS a position (SECRET_KEY, fallback #n).
            key={i}
            index={i}
            value={k}
            onChange={(v) => change(i, v)}
            onRemove={() => remove(i)}
          />
        ))}
        <div class="sl-row">
          <button
            type="button"
            class="sl-button"
            data-testid="key-add"
            onClick={() => void keys.setKeys([...rows, ''])}
          >
            Add fallback key
          </button>
        </div>
        <div class="sl-row">
          <label>
            <input
              type="checkbox"
              data-testid="keys-remember"
              checked={keys.remember}
              onChange={(e) => void keys.setRemember(e.currentTarget.checked)}
            />{' '}
            Remember on this computer
          </label>
          <span class="sl-muted" data-testid="keys-storage-note">
            {keys.remember
              ? 'Stored in this browser profile (extension local storage), never synced.'
              : 'Kept in memory only: forgotten when the browser closes.'}
          </span>
        </div>
      </section>
      <section class="sl-section">
        <h2>Site settings</h2>
        <div class="sl-row">
          <label class="sl-label" for="session-cookie-name">
            SESSION_COOKIE_NAME
          </label>
          <input
            id="session-cookie-name"
            data-testid="setting-session-cookie-name"
            class="sl-mono"
            value={settings.sessionCookieName}
            onChange={(e) =>
              onSettings({ sessionCookieName: e.currentTarget.value.trim() || DEFAULT_SESSION_COOKIE_NAME })
            }
          />
          {companionCookieName !== null && (
            <span class="sl-muted" data-testid="setting-session-cookie-name-companion">
              The companion reports <code>{companionCookieName}</code>: used unless you type a name other than
              sessionid here.
            </span>
          )}
        </div>
        <div class="sl-row">
          <label class="sl-label" for="companion-path">
            Companion path
          </label>
          <input
            id="companion-path"
            data-testid="setting-companion-path"
            class="sl-mono"
            size={32}
            value={settings.companionPath}
            onChange={(e) => {
              const v = e.currentTarget.value.trim();
              onSettings({ companionPath: v.startsWith('/') ? v : COMPANION_DEFAULT_PATH });
            }}
          />
        </div>
        <div class="sl-row">
          <label class="sl-label" for="companion-token">
            Companion token
          </label>
          <input
            id="companion-token"
            data-testid="setting-companion-token"
            class="sl-mono"
            type="password"
            autocomplete="off"
            value={settings.companionToken}
            onChange={(e) => onSettings({ companionToken: e.currentTarget.value })}
          />
          <span class="sl-muted">SESSIONLENS["TOKEN"], if the site set one.</span>
        </div>
      </section>
    </div>
  );
}
