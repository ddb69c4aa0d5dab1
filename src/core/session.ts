// What the keys Django writes into a session mean, and when the session ends: pure data for the
// CLI and the panel (docs/formats.md §3.6–3.7; base.py@4.2.28 get_expiry_age/get_expiry_date).
import { parsePyJson } from './pyjson';
import type { PyValue } from './types';

/** global_settings.SESSION_COOKIE_AGE: two weeks. */
export const DEFAULT_SESSION_COOKIE_AGE = 1209600;

export interface SessionContext {
  /** Unix seconds. */
  now: number;
  /** The signing time of the value (signed_cookies, session_data): Django's "last modification". */
  timestamp: number | null;
  sessionCookieAge?: number;
  /** SESSION_EXPIRE_AT_BROWSER_CLOSE. */
  expireAtBrowserClose?: boolean;
}

export interface Explanation {
  /** The session key explained, or '(expiry)' for when the session ends. */
  key: string;
  title: string;
  text: string;
  fields: Record<string, string | number | boolean | null>;
}

export interface SessionEnd {
  atBrowserClose: boolean;
  /** Unix seconds, or null when it depends on an unknown modification time. */
  expiresAt: number | null;
  /** get_expiry_age(): seconds from the last modification. */
  age: number | null;
  expired: boolean | null;
}

function get(data: PyValue, key: string): PyValue | undefined {
  if (data.t !== 'dict') return undefined;
  for (const [k, v] of data.entries) if (k.t === 'str' && k.v === key) return v;
  return undefined;
}

function str(v: PyValue | undefined): string | null {
  return v?.t === 'str' ? v.v : null;
}

const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** datetime.fromisoformat (the forms isoformat() writes) to unix seconds; naive is taken as UTC. */
export function isoToUnix(iso: string): { seconds: number; naive: boolean } | null {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?(Z|[+-]\d{2}:\d{2}(?::\d{2})?)?$/.exec(
      iso,
    );
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', tz] = m;
  const year = Number(y);
  const month = Number(mo);
  if (month < 1 || month > 12) return null;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const prior = year - 1;
  const days =
    prior * 365 +
    Math.floor(prior / 4) -
    Math.floor(prior / 100) +
    Math.floor(prior / 400) -
    719162 +
    (DAYS_BEFORE_MONTH[month - 1] ?? 0) +
    (leap && month > 2 ? 1 : 0) +
    Number(d) -
    1;
  let seconds = days * 86400 + Number(h) * 3600 + Number(mi) * 60 + Number(s) + Number(`0.${frac || '0'}`);
  if (tz && tz !== 'Z') {
    const [oh = '0', om = '0', os = '0'] = tz.slice(1).split(':');
    const offset = Number(oh) * 3600 + Number(om) * 60 + Number(os);
    seconds -= tz.startsWith('-') ? -offset : offset;
  }
  return { seconds, naive: tz === undefined };
}

/** Unix seconds as `YYYY-MM-DD HH:MM:SS UTC` (the core has no Date: civil-from-days arithmetic). */
export function unixToUtc(seconds: number): string {
  const whole = Math.floor(seconds);
  const days = Math.floor(whole / 86400);
  const secs = whole - days * 86400;
  // Howard Hinnant's civil_from_days, shifted so the era starts on 0000-03-01.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(Math.floor(secs / 3600))}:${two(Math.floor((secs % 3600) / 60))}:${two(secs % 60)}`;
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)} ${time} UTC`;
}

/** get_expiry_age / get_expiry_date / get_expire_at_browser_close for the stored `_session_expiry`. */
export function sessionEnd(data: PyValue, ctx: SessionContext): SessionEnd {
  const cookieAge = ctx.sessionCookieAge ?? DEFAULT_SESSION_COOKIE_AGE;
  const expiry = get(data, '_session_expiry');
  const atBrowserClose =
    expiry === undefined || expiry.t === 'none'
      ? (ctx.expireAtBrowserClose ?? false)
      : expiry.t === 'int' && expiry.v === '0';
  let expiresAt: number | null = null;
  let age: number | null = null;
  if (expiry?.t === 'str') {
    const parsed = isoToUnix(expiry.v);
    if (parsed) {
      expiresAt = parsed.seconds;
      age = ctx.timestamp === null ? null : Math.floor(parsed.seconds - ctx.timestamp);
    }
  } else {
    // `if not expiry: return SESSION_COOKIE_AGE`; an int is seconds from the last modification.
    age = expiry?.t === 'int' && expiry.v !== '0' ? Number(expiry.v) : cookieAge;
    expiresAt = ctx.timestamp === null ? null : ctx.timestamp + age;
  }
  return { atBrowserClose, expiresAt, age, expired: expiresAt === null ? null : ctx.now > expiresAt };
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
  const end = sessionEnd(data, ctx);
  const when =
    end.expiresAt === null ? 'at an unknown time (no signing timestamp)' : `at ${unixToUtc(end.expiresAt)}`;
  out.push({
    key: '(expiry)',
    title: 'Session end',
    text: end.atBrowserClose
      ? 'The cookie has no Max-Age: the session ends when the browser closes'
      : `The session ends ${when}${end.expired ? ' — already expired' : ''}`,
    fields: { ...end },
  });
  return out;
}
