// What the keys Django writes into a session mean, and when the session ends: pure data for the
// CLI and the panel (docs/formats.md §3.6–3.7; base.py@4.2.28 get_expiry_age/get_expiry_date).
import { DEFAULT_SESSION_COOKIE_AGE } from './django-defaults';
import { EXPIRY_RULE_TEXT, reconcileExpiry } from './expiry';
import { parsePyJson } from './pyjson';
import { isoToUnix, unixToUtc } from './time';
import type { PyValue } from './types';

export interface SessionContext {
  /** Unix seconds. */
  now: number;
  /** The signing time of the value (signed_cookies, session_data): Django's "last modification". */
  timestamp: number | null;
  sessionCookieAge?: number;
  /** SESSION_EXPIRE_AT_BROWSER_CLOSE. */
  expireAtBrowserClose?: boolean;
  /** A signed_cookies session: its timestamp also anchors the signature's max_age. */
  signedCookie?: boolean;
}

export interface Explanation {
  /** The session key explained, or '(expiry)' for when the session ends. */
  key: string;
  title: string;
  text: string;
  fields: Record<string, string | number | boolean | null>;
}

function str(v: PyValue | undefined): string | null {
  return v?.t === 'str' ? v.v : null;
}

function explainExpiry(v: PyValue): Explanation {
  const fields: Explanation['fields'] = { stored: v.t === 'str' || v.t === 'int' ? v.v : null };
  let text: string;
  if (v.t === 'int') {
    text =
      v.v === '0'
        ? 'set_expiry(0): the session ends when the browser closes'
        : `set_expiry(${v.v}): ends ${v.v} s after the last modification`;
  } else if (v.t === 'str') {
    const parsed = isoToUnix(v.v);
    fields.expiresAt = parsed?.seconds ?? null;
    text = parsed
      ? `set_expiry(datetime): ends at ${v.v}${parsed.naive ? ' (naive: server local time, assumed UTC here)' : ''} — stored as isoformat() by Django 4.1+`
      : `unreadable expiry ${JSON.stringify(v.v)}`;
  } else if (v.t === 'datetime') {
    text = `set_expiry(datetime): ends at ${v.v} (a datetime object: pickle-serialized, Django ≤4.0)`;
  } else text = 'unexpected _session_expiry value';
  return { key: '_session_expiry', title: 'Custom expiry', text, fields };
}

function explainKey(key: string, v: PyValue): Explanation | null {
  const s = str(v);
  switch (key) {
    case '_auth_user_id':
      return {
        key,
        title: 'Logged-in user',
        text: `auth.login() stored the user's primary key ${s === null ? '(not a string: unusual)' : JSON.stringify(s)}`,
        fields: { userId: s },
      };
    case '_auth_user_backend':
      return {
        key,
        title: 'Authentication backend',
        text: `Authenticated by ${s ?? '?'}`,
        fields: { backend: s },
      };
    case '_auth_user_hash': {
      const algorithm = s?.length === 40 ? 'sha1' : s?.length === 64 ? 'sha256' : null;
      return {
        key,
        title: 'Session auth hash',
        text: `HMAC of the password hash (${algorithm ?? 'unknown algorithm'}${algorithm === 'sha1' ? ', Django ≤3.2' : ''}): changing the password logs this session out`,
        fields: { algorithm },
      };
    }
    case '_session_expiry':
      return explainExpiry(v);
    case '_csrftoken':
      return {
        key,
        title: 'CSRF secret',
        text: 'CSRF_USE_SESSIONS=True: the CSRF secret lives in the session instead of the csrftoken cookie',
        fields: { length: s?.length ?? null },
      };
    case '_messages': {
      const parsed = s === null ? null : parsePyJson(s, 100);
      const count = parsed?.ok && parsed.value.t === 'list' ? parsed.value.items.length : null;
      return {
        key,
        title: 'Pending messages',
        text: `contrib.messages SessionStorage: ${count ?? '?'} message(s) waiting to be shown`,
        fields: { count },
      };
    }
    case '_language':
      return {
        key,
        title: 'Language',
        text: `set_language chose ${s ?? '?'} (stored in the session by Django ≤3.2; a cookie since 4.0)`,
        fields: { language: s },
      };
    case 'testcookie':
      return {
        key,
        title: 'Test cookie',
        text: 'set_test_cookie(): checks the browser accepts cookies',
        fields: { worked: s === 'worked' },
      };
    default:
      return null;
  }
}

/** One explanation per Django-internal key present, then when the session ends. */
export function explainSession(data: PyValue, ctx: SessionContext): Explanation[] {
  const out: Explanation[] = [];
  if (data.t === 'dict') {
    for (const [k, v] of data.entries) {
      const e = k.t === 'str' ? explainKey(k.v, v) : null;
      if (e) out.push(e);
    }
  }
  out.push(explainEnd(data, ctx));
  return out;
}

/** When the session ends, from the one expiry model (expiry.ts), as the panel says it. */
function explainEnd(data: PyValue, ctx: SessionContext): Explanation {
  const end = reconcileExpiry({
    cookie: null,
    sessionData: data,
    settings: {
      SESSION_COOKIE_AGE: ctx.sessionCookieAge ?? DEFAULT_SESSION_COOKIE_AGE,
      SESSION_EXPIRE_AT_BROWSER_CLOSE: ctx.expireAtBrowserClose ?? false,
    },
    server: null,
    signedAt: ctx.signedCookie ? ctx.timestamp : null,
    savedAt: ctx.timestamp,
    now: ctx.now,
  });
  const assumed = ctx.sessionCookieAge === undefined ? " (Django's default SESSION_COOKIE_AGE assumed)" : '';
  const when =
    end.endsAt === null ? 'at an unknown time (no signing timestamp)' : `at ${unixToUtc(end.endsAt)}`;
  const text = end.atBrowserClose
    ? `The cookie has no Max-Age: the session ends when the browser closes${end.endsAt === null ? '' : ` (the server keeps it until ${unixToUtc(end.endsAt)})`}`
    : `The session ends ${when}, by ${EXPIRY_RULE_TEXT[end.rule]}${assumed}${end.expired ? ' — already expired' : ''}`;
  return {
    key: '(expiry)',
    title: 'Session end',
    text,
    fields: {
      atBrowserClose: end.atBrowserClose,
      expiresAt: end.endsAt,
      rule: end.rule,
      expired: end.endsAt === null ? null : end.expired,
    },
  };
}
