// The Session tab's first line: what kind of session this is and whether it checks out, who it
// belongs to, when it ends, and how much it holds — the four answers a developer opens the panel
// for, before any detail.
import {
  type CompanionSession,
  type DecodeReport,
  type ExpiryReport,
  fromTaggedJson,
  type PyValue,
} from '../../core/index';
import { verdictOf } from '../decoded/verdict';
import { countdownText } from './ExpiryView';

type Tone = 'ok' | 'warn' | 'error' | 'muted';

interface Fact {
  text: string;
  detail: string;
  tone: Tone;
}

export interface SummaryProps {
  /** The decoded signed_cookies session, when the cookie is one. */
  report: DecodeReport | null;
  server: CompanionSession | null;
  /** The session engine as far as the panel knows it without the companion. */
  signed: boolean;
  expiry: ExpiryReport;
  now: number;
}

/** "django.contrib.sessions.backends.cached_db" → "cached_db": the name the docs use. */
export function engineName(engine: string): string {
  return engine.startsWith('django.contrib.sessions.backends.')
    ? (engine.split('.').pop() ?? engine)
    : engine;
}

function sessionFact(
  report: DecodeReport | null,
  server: CompanionSession | null,
  signed: boolean,
  expiry: ExpiryReport,
  now: number,
): Fact {
  // Expired outranks "in the store": the row may linger (db rows stay until clearsessions), but
  // Django treats the session as new.
  if (countdownText(expiry, now) === 'expired') {
    const name = server ? engineName(server.engine) : signed ? 'signed_cookies' : 'session';
    return { text: `${name} · expired`, detail: 'Django starts a new, empty session', tone: 'error' };
  }
  // The server's verdict outranks the panel's keys: a key in Keys may be one the site dropped.
  if (server?.corrupt) {
    return {
      text: `${engineName(server.engine)} · unreadable`,
      detail: 'the server cannot decode it: Django starts an empty session',
      tone: 'error',
    };
  }
  if (signed && report) {
    const v = verdictOf(report, now);
    return { text: `signed_cookies · ${v.title}`, detail: v.detail ?? '', tone: v.tone };
  }
  if (server) {
    const name = engineName(server.engine);
    return server.exists
      ? { text: `${name} · in the store`, detail: server.storeClass, tone: 'ok' }
      : { text: `${name} · not in the store`, detail: 'expired, flushed or never saved', tone: 'warn' };
  }
  return {
    text: 'store-backed',
    detail: 'an opaque key: the companion shows the engine and the data',
    tone: 'muted',
  };
}

function dictKeys(value: PyValue | null): string[] | null {
  return value !== null && value.t === 'dict' ? value.entries.map(([k]) => (k.t === 'str' ? k.v : '')) : null;
}

function userFact(report: DecodeReport | null, server: CompanionSession | null, signed: boolean): Fact {
  if (server) {
    const u = server.user;
    if (!u.authenticated && u.id !== null && u.hashValid === false)
      return {
        text: `${u.username ?? '?'} (id ${u.id})`,
        detail: 'logged out by a password change',
        tone: 'error',
      };
    if (!u.authenticated) return { text: 'anonymous', detail: 'no user logged in', tone: 'muted' };
    return {
      text: `${u.username ?? '?'} (id ${u.id ?? '?'})`,
      detail: u.isStaff ? 'staff' : 'not staff',
      tone: 'ok',
    };
  }
  const keys = signed && report ? dictKeys(report.data) : null;
  if (keys === null) return { text: 'unknown', detail: 'needs the companion', tone: 'muted' };
  if (!keys.includes('_auth_user_id'))
    return { text: 'anonymous', detail: 'no _auth_user_id', tone: 'muted' };
  return { text: 'logged in', detail: 'user id in _auth_user_id', tone: 'ok' };
}

function keyCount(report: DecodeReport | null, server: CompanionSession | null, signed: boolean): string {
  const keys = server
    ? dictKeys(fromTaggedJson(server.data))
    : signed && report
      ? dictKeys(report.data)
      : null;
  if (keys === null) return '—';
  return `${keys.length} key${keys.length === 1 ? '' : 's'}`;
}

export function SessionSummary({ report, server, signed, expiry, now }: SummaryProps) {
  const session = sessionFact(report, server, signed, expiry, now);
  const user = userFact(report, server, signed);
  const countdown = countdownText(expiry, now);
  const expired = countdown === 'expired';
  return (
    <div class="sl-summary" data-testid="session-summary">
      <SummaryCell label="Session" fact={session} testid="summary-session" />
      <SummaryCell label="User" fact={user} testid="summary-user" />
      <div class="sl-summary-cell" data-testid="expiry">
        <div class="sl-summary-label">Ends</div>
        <div
          class={`sl-summary-value sl-countdown sl-tone-${expired ? 'error' : 'plain'}`}
          data-testid="expiry-countdown"
          data-expired={expired ? 'true' : 'false'}
          aria-live="off"
        >
          {countdown}
        </div>
      </div>
      <div class="sl-summary-cell">
        <div class="sl-summary-label">Data</div>
        <div class="sl-summary-value" data-testid="summary-keys">
          {keyCount(report, server, signed)}
        </div>
      </div>
    </div>
  );
}

function SummaryCell({ label, fact, testid }: { label: string; fact: Fact; testid: string }) {
  return (
    <div class="sl-summary-cell" data-testid={testid} title={fact.detail}>
      <div class="sl-summary-label">{label}</div>
      <div class={`sl-summary-value sl-tone-${fact.tone}`}>{fact.text}</div>
      {fact.detail && <div class="sl-summary-detail">{fact.detail}</div>}
    </div>
  );
}
