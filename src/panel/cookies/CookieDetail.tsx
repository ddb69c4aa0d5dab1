import type { Ref } from 'preact';
import { useState } from 'preact/hooks';
import { ReportView } from '../decoded/ReportView';
import { applyWrite } from '../edit/apply-write';
import { Resign } from '../edit/Resign';
import { useDecoded } from '../hooks/useDecoded';
import { visibleText } from '../ui/visible-text';
import { type CookieRow, cookieUrl, pageUrlFor } from './rows';
import './cookies.css';

interface Props {
  row: CookieRow;
  url: string;
  keys: readonly string[];
  now: number;
  /** The salt remembered for this cookie name (signed cookies). */
  salt: string;
  onSalt: (salt: string) => void;
  /** The detail's container, for focus: a plain prop, as forwardRef would need preact/compat. */
  containerRef?: Ref<HTMLDivElement>;
  /** Called with the cookie as it was once the browser deleted it, so the tab can offer an undo. */
  onDeleted: (cookie: CookieRow['cookie']) => void;
  /** Opens the editor on this cookie. */
  onEdit: (cookie: CookieRow['cookie']) => void;
}

/** The selected cookie: full value, what Django uses it for, its findings, and its decoded report. */
export function CookieDetail({ row, url, keys, now, salt, onSalt, containerRef, onDeleted, onEdit }: Props) {
  const c = row.cookie;
  // Only set_signed_cookie takes a caller's salt; session and messages cookies have fixed ones.
  const salted = row.kind === 'signed';
  const report = useDecoded(row.decodable ? c.value : null, c.name, keys, now, salted ? salt : '');
  const [deleteError, setDeleteError] = useState<string | null>(null);
  // Deleting the session cookie logs the user out: the button asks once before it acts.
  const [confirming, setConfirming] = useState(false);

  const onDelete = async () => {
    setConfirming(false);
    setDeleteError(null);
    const res = await applyWrite({
      via: 'remove-cookie',
      url: cookieUrl(c),
      name: c.name,
      partitionKey: row.partitionKey,
    });
    if (res.ok) onDeleted(c);
    else setDeleteError(res.message);
  };

  return (
    <div class="sl-cookie-detail" data-testid="cookie-detail" tabIndex={-1} ref={containerRef}>
      <div class="sl-cookie-detail-head">
        <strong class="sl-mono" data-testid="cookie-detail-name">
          {visibleText(c.name)}
        </strong>
        {row.label && <span class="sl-badge">{row.label}</span>}
        <span class="sl-muted">{row.size} bytes</span>
        <button
          type="button"
          class="sl-button sl-cookie-edit"
          data-testid="cookie-edit"
          onClick={() => onEdit(c)}
        >
          Edit cookie
        </button>
        {confirming ? (
          <span class="sl-confirm" data-testid="cookie-delete-question">
            Delete {c.name}
            {row.kind === 'session' ? ' (the site forgets who you are)' : ''}?{' '}
            <button
              type="button"
              class="sl-button danger"
              data-testid="cookie-delete-confirm"
              onClick={() => void onDelete()}
            >
              Delete
            </button>
            <button
              type="button"
              class="sl-button"
              data-testid="cookie-delete-cancel"
              onClick={() => setConfirming(false)}
            >
              Cancel
            </button>
          </span>
        ) : (
          <button
            type="button"
            class="sl-button danger"
            data-testid="cookie-delete"
            onClick={() => setConfirming(true)}
          >
            Delete cookie
          </button>
        )}
        {deleteError && (
          <span class="sl-error" data-testid="cookie-delete-error">
            {deleteError}
          </span>
        )}
      </div>
      {row.labelHelp && (
        <p class="sl-muted" data-testid="cookie-explain">
          {row.labelHelp}
        </p>
      )}
      <div class="sl-cookie-value" data-testid="cookie-detail-value">
        {visibleText(c.value)}
      </div>
      <div class="sl-muted sl-cookie-expires" data-testid="cookie-detail-scope">
        Domain: {c.domain}
        {c.hostOnly ? ' (host-only)' : ''} · Path: {c.path}
      </div>
      <div class="sl-muted sl-cookie-expires" data-testid="cookie-detail-expires">
        Expires: {row.expiry.title}
      </div>
      {row.findings.length > 0 && (
        <ul class="sl-findings" data-testid="cookie-findings">
          {row.findings.map((f) => (
            <li key={f.code} class={f.severity === 'error' ? 'sl-error' : 'sl-warn'} data-finding={f.code}>
              <strong>{f.title}</strong> — {f.message}
              {f.setting && f.docs && (
                <>
                  {' '}
                  <a href={f.docs} target="_blank" rel="noreferrer" data-testid="finding-docs">
                    {f.setting} in Django's docs
                  </a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {salted && (
        <label class="sl-field" title="The salt= argument of set_signed_cookie / get_signed_cookie">
          salt
          <input
            type="text"
            data-testid="cookie-salt"
            value={salt}
            placeholder="none (set_signed_cookie's salt=…)"
            spellcheck={false}
            onInput={(e) => onSalt(e.currentTarget.value)}
          />
        </label>
      )}
      {row.decodable && report && <ReportView report={report} now={now} />}
      {row.decodable && report && (
        // Keyed by name: setting the re-signed value keeps the editor open on the new value.
        <Resign
          key={c.name}
          value={c.value}
          report={report}
          cookieName={c.name}
          salt={salted ? salt : ''}
          initialKey={keys[0] ?? ''}
          now={now}
          target={`the ${c.name} cookie`}
          onSet={(value) => applyWrite({ via: 'cookie', url: pageUrlFor(c, url), cookie: { ...c, value } })}
        />
      )}
      {row.decodable && !report && <p class="sl-muted">Decoding…</p>}
    </div>
  );
}
