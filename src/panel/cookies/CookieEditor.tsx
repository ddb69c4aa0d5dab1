// Editing a cookie's value and attributes, or adding one, in the Cookies tab. The name, domain
// and path identify a cookie: an edit keeps them (changing them would make a second cookie), an
// added cookie chooses them. Saved through applyWrite, with the reason shown when refused.
import { useState } from 'preact/hooks';
import type { CookieInfo } from '../../core/index';
import { applyWrite } from '../edit/apply-write';
import { blankForm, type CookieForm, cookieFromForm, formOf } from './cookie-form';
import { pageUrlFor } from './rows';
import './cookie-editor.css';

interface Props {
  /** The cookie to edit; null: add a new one. */
  cookie: CookieInfo | null;
  /** The inspected page: its host for host-only cookies, its origin to set them from. */
  pageUrl: string;
  onDone: () => void;
}

const SAME_SITES: Array<[CookieInfo['sameSite'], string]> = [
  ['lax', 'Lax'],
  ['strict', 'Strict'],
  ['no_restriction', 'None'],
  ['unspecified', 'unset'],
];

/** The fields that identify a cookie (fixed once it exists), with what an empty one means. */
const IDENTITY: Array<['name' | 'domain' | 'path', string | undefined]> = [
  ['name', undefined],
  ['domain', 'host-only'],
  ['path', undefined],
];

const FLAGS: Array<['secure' | 'httpOnly', string]> = [
  ['secure', 'Secure'],
  ['httpOnly', 'HttpOnly'],
];

export function CookieEditor({ cookie, pageUrl, onDone }: Props) {
  const [form, setForm] = useState<CookieForm>(() => (cookie ? formOf(cookie) : blankForm()));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const adding = cookie === null;
  const result = cookieFromForm(form, new URL(pageUrl).hostname, cookie);
  const set = <K extends keyof CookieForm>(name: K, value: CookieForm[K]) =>
    setForm({ ...form, [name]: value });

  const save = async () => {
    if (!result.ok) return;
    setBusy(true);
    const outcome = await applyWrite({
      via: 'cookie',
      url: pageUrlFor(result.cookie, pageUrl),
      cookie: result.cookie,
    });
    setBusy(false);
    if (outcome.ok) onDone();
    else setError(outcome.message);
  };

  return (
    <div class="sl-cookie-editor" data-testid="cookie-editor" data-mode={adding ? 'add' : 'edit'}>
      <strong>{adding ? 'Add a cookie' : `Edit ${cookie.name}`}</strong>
      <div class="sl-cookie-editor-grid">
        {IDENTITY.map(([field, placeholder]) => (
          <label key={field}>
            {field}
            <input
              type="text"
              class="sl-mono"
              data-testid={`cookie-editor-${field}`}
              value={form[field]}
              readOnly={!adding}
              placeholder={placeholder}
              spellcheck={false}
              onInput={(e) => set(field, e.currentTarget.value)}
            />
          </label>
        ))}
        <label>
          SameSite
          <select
            data-testid="cookie-editor-samesite"
            value={form.sameSite}
            onChange={(e) => set('sameSite', e.currentTarget.value as CookieInfo['sameSite'])}
          >
            {SAME_SITES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!adding && (
        <p class="sl-muted">Name, domain and path identify the cookie: to change them, add a new one.</p>
      )}
      <label class="sl-cookie-editor-value">
        value
        <textarea
          class="sl-mono"
          data-testid="cookie-editor-value"
          rows={3}
          spellcheck={false}
          value={form.value}
          onInput={(e) => set('value', e.currentTarget.value)}
        />
      </label>
      <div class="sl-edit-actions">
        <label>
          <input
            type="checkbox"
            data-testid="cookie-editor-session"
            checked={form.session}
            onChange={(e) => set('session', e.currentTarget.checked)}
          />{' '}
          ends with the browser session
        </label>
        {!form.session && (
          <input
            type="datetime-local"
            data-testid="cookie-editor-expires"
            aria-label="Expires (your time zone)"
            value={form.expires}
            onInput={(e) => set('expires', e.currentTarget.value)}
          />
        )}
        {FLAGS.map(([field, label]) => (
          <label key={field}>
            <input
              type="checkbox"
              data-testid={`cookie-editor-${field.toLowerCase()}`}
              checked={form[field]}
              onChange={(e) => set(field, e.currentTarget.checked)}
            />{' '}
            {label}
          </label>
        ))}
      </div>
      {!result.ok && (
        <p class="sl-tone-error" data-testid="cookie-editor-problem">
          {result.problem}
        </p>
      )}
      {error && (
        <p class="sl-banner sl-banner-error" data-testid="cookie-editor-error">
          {error}
        </p>
      )}
      <div class="sl-edit-actions">
        <button
          type="button"
          class="sl-button primary"
          data-testid="cookie-editor-save"
          disabled={!result.ok || busy}
          onClick={() => void save()}
        >
          {adding ? 'Add cookie' : 'Save cookie'}
        </button>
        <button type="button" class="sl-button" data-testid="cookie-editor-cancel" onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}
