import { useEffect, useRef, useState } from 'preact/hooks';
import type { CookieInfo, ExpiryReport, SiteCookieSettings } from '../../core/index';
import { applyWrite } from '../edit/apply-write';
import type { CookiesState } from '../hooks/useCookies';
import { visibleText } from '../ui/visible-text';
import { CookieDetail } from './CookieDetail';
import { CookieEditor } from './CookieEditor';
import { type CookieRow, cookieId, cookieRows, pageUrlFor } from './rows';
import './cookies.css';

interface Props {
  url: string | null;
  state: CookiesState;
  sessionCookieName: string;
  keys: readonly string[];
  now: number;
  /** set_signed_cookie salts by cookie name (site settings). */
  salts: { readonly [cookieName: string]: string };
  onSalt: (cookieName: string, salt: string) => void;
  /** The companion's settings, to check Django's cookies against; null without a companion answer. */
  site?: SiteCookieSettings | null;
  /** Whether the session has its own set_expiry() (the companion's expiry.custom); undefined: unknown. */
  sessionCustomExpiry?: boolean;
  /** The session's reconciled expiry: the session cookie is flagged when it disagrees. */
  sessionExpiry?: ExpiryReport | null;
}

const VALUE_CHARS = 48;

function truncate(value: string): string {
  return value.length > VALUE_CHARS ? `${value.slice(0, VALUE_CHARS)}…` : value;
}

/**
 * A flag column's heading: the full word, or one letter in a narrow dock, where the Value, Domain
 * and Size columns (all in the detail below) give way so the flags stay in view (theme.css).
 */
function Header({ full, short, help, col }: { full: string; short: string; help: string; col: string }) {
  return (
    <th class={col} title={help}>
      <span class="sl-wide">{full}</span>
      <span class="sl-narrow">{short}</span>
    </th>
  );
}

/**
 * One cookie's row. A plain function, not a component: the tab mounts afresh each time it is shown,
 * and ~180 component instances (with a click closure and a ref callback each, and three Flag
 * components per row) were most of the script time of its paint (make bench). Clicks are handled
 * once on the tbody, the selected row is scrolled to by the tab's effect.
 */
function cookieRowView(row: CookieRow, selected: boolean) {
  const c = row.cookie;
  // Each shown twice (the cell and its title): made visible once per render.
  const name = visibleText(c.name);
  const value = visibleText(c.value);
  return (
    <tr key={cookieId(c)} data-testid="cookie-row" data-cookie-name={c.name} aria-selected={selected}>
      <td class="sl-mono" data-testid="cookie-name" title={name}>
        {name}
        {row.label && (
          <>
            {' '}
            <span class="sl-badge sl-muted" data-testid="cookie-label" title={row.labelHelp}>
              {row.label}
            </span>
          </>
        )}
      </td>
      <td class="sl-mono sl-col-value" data-testid="cookie-value" title={value}>
        {truncate(value)}
      </td>
      <td class="sl-col-domain" data-testid="cookie-domain" title={c.domain}>
        {c.domain}
      </td>
      <td data-testid="cookie-path" title={c.path}>
        {c.path}
      </td>
      <td
        data-testid="cookie-expires"
        class={row.expiry.expired ? 'sl-error' : undefined}
        title={row.expiry.title}
      >
        {row.expiry.text}
      </td>
      <td class="sl-col-size" data-testid="cookie-size">
        {row.size}
      </td>
      {/* An unset flag is an empty cell with no text node at all: most are empty, ~180 rows each. */}
      <td data-testid="cookie-httponly">{c.httpOnly ? '✓' : null}</td>
      <td data-testid="cookie-secure">{c.secure ? '✓' : null}</td>
      <td data-testid="cookie-samesite">{row.sameSite || null}</td>
      <td data-testid="cookie-partitioned">{row.partitioned ? '✓' : null}</td>
      <td data-testid="cookie-warnings" title={row.findings.map((f) => f.message).join('\n')}>
        {row.findings.length > 0 && (
          <span class={row.findings.some((f) => f.severity === 'error') ? 'sl-error' : 'sl-warn'}>
            ⚠ {row.findings.length === 1 ? row.findings[0]?.title : `${row.findings.length} warnings`}
          </span>
        )}
      </td>
    </tr>
  );
}

/** A DevTools-like grid of every cookie the inspected URL receives, and the selected one's detail. */
export function CookiesTab({
  url,
  state,
  sessionCookieName,
  keys,
  now,
  salts,
  onSalt,
  site = null,
  sessionCustomExpiry,
  sessionExpiry = null,
}: Props) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const detailRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  // The last cookie deleted here, kept whole so one click sets it back as it was.
  const [deleted, setDeleted] = useState<CookieInfo | null>(null);
  const [undoError, setUndoError] = useState<string | null>(null);
  // The cookie being edited, or null for a new one; undefined: no editor open.
  const [editing, setEditing] = useState<CookieInfo | null | undefined>(undefined);
  const onUndo = async (cookie: CookieInfo) => {
    const res = await applyWrite({ via: 'cookie', url: pageUrlFor(cookie, url), cookie });
    if (res.ok) {
      setDeleted(null);
      setUndoError(null);
    } else setUndoError(res.message);
  };
  const undoBar = deleted && (
    <div class="sl-notice" data-testid="cookie-undo-bar">
      Deleted <span class="sl-mono">{deleted.name}</span>.{' '}
      <button type="button" class="sl-button" data-testid="cookie-undo" onClick={() => void onUndo(deleted)}>
        Undo
      </button>
      {undoError && (
        <span class="sl-error" data-testid="cookie-undo-error">
          {' '}
          Could not set it back: {undoError}
        </span>
      )}
    </div>
  );
  const rows = cookieRows(state.cookies, {
    sessionCookieName,
    url: url ?? '',
    now,
    site,
    sessionExpiry,
    ...(sessionCustomExpiry === undefined ? {} : { sessionCustomExpiry }),
  });
  const index = rows.findIndex((r) => cookieId(r.cookie) === selectedId);
  const selected: CookieInfo | null = rows[index]?.cookie ?? null;

  // A selection whose cookie disappeared (deleted, expired) is dropped.
  useEffect(() => {
    if (selectedId !== null && index === -1 && !state.loading) setSelectedId(null);
  }, [selectedId, index, state.loading]);

  // The selected row stays in view (arrow keys past the grid's edge, a row that moved).
  useEffect(() => {
    if (index !== -1) bodyRef.current?.children[index]?.scrollIntoView?.({ block: 'nearest' });
  }, [index]);

  if (url === null) return null;
  if (state.error?.code === 'no-permission') {
    return (
      <div class="sl-notice" data-testid="cookies-no-permission">
        Sessionlens may not read this site's cookies yet: use the Allow button above.
      </div>
    );
  }
  if (state.error) {
    return (
      <div class="sl-notice error" data-testid="cookies-error">
        <p>Could not read the cookies: {state.error.message}</p>
      </div>
    );
  }
  // Keyed by the cookie: another cookie's Edit starts from that cookie's attributes.
  const editor =
    editing === undefined ? (
      <div class="sl-cookies-actions">
        <button type="button" class="sl-button" data-testid="cookie-add" onClick={() => setEditing(null)}>
          Add a cookie
        </button>
      </div>
    ) : (
      <CookieEditor
        key={editing === null ? '' : cookieId(editing)}
        cookie={editing}
        pageUrl={url}
        onDone={() => setEditing(undefined)}
      />
    );
  if (rows.length === 0) {
    return (
      <>
        {undoBar}
        {editor}
        <div class="sl-notice" data-testid="cookies-empty">
          {state.loading
            ? 'Reading cookies…'
            : `This page receives no cookies. Load a view that touches request.session (a Django session is created on the first write) and this table updates by itself.`}
        </div>
      </>
    );
  }

  // One handler for every row: the clicked row's place in the tbody is its place in `rows`.
  const onRowClick = (e: MouseEvent) => {
    const body = e.currentTarget as Element;
    const tr = (e.target as Element | null)?.closest?.('tr');
    const row =
      tr?.parentElement === body ? rows[Array.prototype.indexOf.call(body.children, tr)] : undefined;
    if (row) setSelectedId(cookieId(row.cookie));
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next =
        index === -1 ? 0 : Math.min(rows.length - 1, Math.max(0, index + (e.key === 'ArrowDown' ? 1 : -1)));
      const row = rows[next];
      if (row) setSelectedId(cookieId(row.cookie));
    } else if (e.key === 'Enter' && selected) {
      e.preventDefault();
      detailRef.current?.focus();
    } else if (e.key === 'Escape') {
      setSelectedId(null);
    }
  };

  return (
    <div class="sl-cookies" data-testid="cookies-tab">
      {undoBar}
      {editor}
      {/* biome-ignore lint/a11y/useSemanticElements: the grid role sits on the scrolling, focusable wrapper that owns the keyboard handler; the <table> inside carries the rows. */}
      <div
        class="sl-cookies-grid"
        // The grid is one focusable widget: arrows move the selection, Enter opens the detail.
        tabIndex={0}
        role="grid"
        aria-label="Cookies"
        data-testid="cookie-table"
        onKeyDown={onKeyDown}
      >
        <table class="sl-table">
          <thead>
            <tr>
              <th class="sl-col-name">Name</th>
              <th class="sl-col-value">Value</th>
              <th class="sl-col-domain">Domain</th>
              <th class="sl-col-path">Path</th>
              <th class="sl-col-expires">Expires</th>
              <th class="sl-col-size">Size</th>
              <Header
                col="sl-col-httponly"
                full="HttpOnly"
                short="H"
                help="HttpOnly: not readable from JavaScript"
              />
              <Header
                col="sl-col-secure"
                full="Secure"
                short="S"
                help="Secure: sent over https only (and to loopback)"
              />
              <Header col="sl-col-samesite" full="SameSite" short="SS" help="SameSite" />
              <Header
                col="sl-col-partitioned"
                full="Partitioned"
                short="P"
                help="Partitioned (CHIPS): keyed to the top-level site"
              />
              <th class="sl-col-warnings">Warnings</th>
            </tr>
          </thead>
          {/* biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard works the same selection on the grid wrapper above (onKeyDown). */}
          <tbody ref={bodyRef} onClick={onRowClick}>
            {rows.map((row, i) => cookieRowView(row, i === index))}
          </tbody>
        </table>
      </div>
      {selected && rows[index] ? (
        <CookieDetail
          containerRef={detailRef}
          row={rows[index]}
          url={url}
          keys={keys}
          now={now}
          salt={salts[rows[index].cookie.name] ?? ''}
          onSalt={(salt) => onSalt(rows[index]?.cookie.name ?? '', salt)}
          onEdit={(cookie) => setEditing(cookie)}
          onDeleted={(cookie) => {
            setUndoError(null);
            setDeleted(cookie);
          }}
        />
      ) : (
        <div class="sl-cookies-hint sl-muted">
          Select a cookie (arrow keys, Enter) to see its full value and decode it.
        </div>
      )}
    </div>
  );
}
