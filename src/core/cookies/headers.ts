// The session cookie as one request carried it and its response set it, read from the raw
// headers the background observed: the Cookie header as Django parses it, and a Set-Cookie line
// as SessionMiddleware writes it (HttpResponse.set_cookie / delete_cookie through SimpleCookie).
import { isoToUnix } from '../time';

/**
 * django/http/cookie.py parse_cookie: split on ";", a chunk without "=" is a value with an empty
 * name, keys and values stripped, the last chunk of a repeated name wins; values are unquoted
 * as http.cookies._unquote does.
 */
export function parseCookieHeader(header: string): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const chunk of header.split(';')) {
    const at = chunk.indexOf('=');
    const [key, val] = at === -1 ? ['', chunk] : [chunk.slice(0, at), chunk.slice(at + 1)];
    const name = key.trim();
    const value = val.trim();
    if (name !== '' || value !== '') cookies.set(name, unquote(value));
  }
  return cookies;
}

/** http.cookies._unquote: a value in double quotes loses them, `\"`, `\\` and `\ooo` escapes read. */
function unquote(value: string): string {
  if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return value;
  return value
    .slice(1, -1)
    .replace(/\\([0-3][0-7][0-7])|\\(.)/g, (_, octal: string | undefined, ch: string | undefined) =>
      octal !== undefined ? String.fromCharCode(Number.parseInt(octal, 8)) : (ch ?? ''),
    );
}

export interface SetCookie {
  name: string;
  value: string;
  /** delete_cookie(): `Max-Age=0` and an Expires in 1970 — the browser drops the cookie. */
  deleted: boolean;
  /** No Max-Age and no Expires: a browser-session cookie (get_expire_at_browser_close()). */
  session: boolean;
  /** Unix seconds when the browser drops it, from Max-Age counted from `receivedAt`, else Expires. */
  expirationDate?: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The HTTP date http_date() writes (`Thu, 01 Jan 1970 00:00:00 GMT`), as unix seconds. */
function httpDate(text: string): number | null {
  const m = /(\d{1,2})[ -]([a-z]{3})[ -](\d{2,4}) (\d{2}):(\d{2}):(\d{2})/i.exec(text);
  if (!m) return null;
  const [, d = '', mon = '', y = '', h, mi, s] = m;
  const month = MONTHS.indexOf(mon.toLowerCase()) + 1;
  if (month === 0) return null;
  const year = y.length === 2 ? 2000 + Number(y) : Number(y);
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${d.padStart(2, '0')}T${h}:${mi}:${s}Z`;
  return isoToUnix(iso)?.seconds ?? null;
}

/** One Set-Cookie line; null when it is not a cookie at all. `receivedAt` anchors Max-Age. */
export function parseSetCookie(line: string, receivedAt: number): SetCookie | null {
  const [pair = '', ...attributes] = line.split(';');
  const at = pair.indexOf('=');
  if (at === -1) return null;
  const name = pair.slice(0, at).trim();
  if (name === '') return null;
  const value = unquote(pair.slice(at + 1).trim());
  let maxAge: number | null = null;
  let expires: number | null = null;
  for (const attribute of attributes) {
    const eq = attribute.indexOf('=');
    const key = (eq === -1 ? attribute : attribute.slice(0, eq)).trim().toLowerCase();
    const val = eq === -1 ? '' : attribute.slice(eq + 1).trim();
    if (key === 'max-age' && /^-?\d+$/.test(val)) maxAge = Number(val);
    else if (key === 'expires') expires = httpDate(val);
  }
  // RFC 6265 §5.3 step 3: Max-Age wins over Expires.
  const end = maxAge !== null ? receivedAt + maxAge : expires;
  const out: SetCookie = {
    name,
    value,
    deleted: end !== null && end <= receivedAt,
    session: end === null,
  };
  if (end !== null) out.expirationDate = end;
  return out;
}
