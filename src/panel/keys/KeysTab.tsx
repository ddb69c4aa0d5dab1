import { useEffect, useState } from 'preact/hooks';
import { COMPANION_DEFAULT_PATH, DEFAULT_SESSION_COOKIE_NAME } from '../../core/index';
import type { KeysState } from '../hooks/useKeys';
import type { Settings } from '../hooks/useSettings';
import './keys.css';

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

/**
 * A site setting typed in full and committed on change (blur, Enter). What is typed lives in its
 * own draft: the panel re-renders every second (the clock) and on every cookie or companion
 * update, and a controlled input would be set back to the committed value mid-typing. The draft
 * follows the committed value whenever that changes, and shows the value as committed (normalized).
 */
function SettingInput({
  value,
  normalize,
  onCommit,
  secret = false,
  ...attrs
}: {
  id: string;
  'data-testid': string;
  value: string;
  normalize: (typed: string) => string;
  onCommit: (v: string) => void;
  /** A password field, never autocompleted. */
  secret?: boolean;
  size?: number;
}) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const props = {
    ...attrs,
    class: 'sl-mono',
    value: draft,
    onInput: (e: Event) => setDraft((e.currentTarget as HTMLInputElement).value),
    onChange: (e: Event) => {
      const committed = normalize((e.currentTarget as HTMLInputElement).value);
      setDraft(committed);
      onCommit(committed);
    },
  };
  // Two literal inputs: preact's typings tie each `type` to its own attribute set.
  return secret ? <input {...props} type="password" autocomplete="off" /> : <input {...props} type="text" />;
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
          <SettingInput
            id="session-cookie-name"
            data-testid="setting-session-cookie-name"
            value={settings.sessionCookieName}
            normalize={(v) => v.trim() || DEFAULT_SESSION_COOKIE_NAME}
            onCommit={(v) => onSettings({ sessionCookieName: v })}
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
          <SettingInput
            id="companion-path"
            data-testid="setting-companion-path"
            size={32}
            value={settings.companionPath}
            normalize={(typed) => {
              const v = typed.trim();
              return v.startsWith('/') ? v : COMPANION_DEFAULT_PATH;
            }}
            onCommit={(v) => onSettings({ companionPath: v })}
          />
        </div>
        <div class="sl-row">
          <label class="sl-label" for="companion-token">
            Companion token
          </label>
          <SettingInput
            id="companion-token"
            data-testid="setting-companion-token"
            secret
            value={settings.companionToken}
            normalize={(v) => v}
            onCommit={(v) => onSettings({ companionToken: v })}
          />
          <span class="sl-muted">SESSIONLENS["TOKEN"], if the site set one.</span>
        </div>
      </section>
    </div>
  );
}
