// The Cookies tab's editor form as the CookieInfo the browser's cookies API sets, checked first
// against what browsers accept (RFC 6265bis: name and value characters, the __Secure-/__Host-
// prefixes, SameSite=None only with Secure), so a refusal is a reason, not a silent no-op.
import type { CookieInfo } from '../../core/index';

export interface CookieForm {
  name: string;
  value: string;
  /** '' : host-only (no Domain attribute). */
  domain: string;
  path: string;
  /** true: a browser-session cookie (no Expires). */
  session: boolean;
  /** datetime-local text, the user's wall clock; used when `session` is false. */
  expires: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite: CookieInfo['sameSite'];
}

export type FormResult = { ok: true; cookie: CookieInfo } | { ok: false; problem: string };

/** A cookie's attributes as the form shows them (datetime-local in the user's time zone). */
export function formOf(c: CookieInfo): CookieForm {
  return {
    name: c.name,
    value: c.value,
    domain: c.hostOnly ? '' : c.domain,
    path: c.path,
    session: c.session || c.expirationDate === undefined,
    expires: c.expirationDate === undefined ? '' : localInput(c.expirationDate),
    secure: c.secure,
    httpOnly: c.httpOnly,
    sameSite: c.sameSite,
  };
}

/** A new cookie on the page's host: host-only, Path=/, Lax, ending with the browser session. */
export function blankForm(): CookieForm {
  return {
    name: '',
    value: '',
    domain: '',
    path: '/',
    session: true,
    expires: '',
    secure: false,
    httpOnly: false,
    sameSite: 'lax',
  };
}

// A token (RFC 9110 §5.6.2): no separators, spaces or controls. Browsers accept a little more;
// what they accept differently is refused here.
const NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// cookie-octet plus the space and comma browsers keep: no controls, no ";", no backslash or quote.
const VALUE = /^[\x20-\x7e]*$/;

/** The cookie the form describes for a page on `host`, or the first reason a browser would refuse it. */
export function cookieFromForm(
  form: CookieForm,
  host: string,
  /** The cookie being edited: its partition and (unless changed) its exact expiry are kept. */
  original: CookieInfo | null = null,
): FormResult {
  const refuse = (problem: string): FormResult => ({ ok: false, problem });
  if (!NAME.test(form.name)) {
    return refuse(
      form.name === '' ? 'Name the cookie.' : "A cookie name is letters, digits and !#$%&'*+-.^_`|~ only.",
    );
  }
  if (!VALUE.test(form.value) || /[;"\\]/.test(form.value)) {
    return refuse('A cookie value cannot hold ";", quotes, backslashes or control characters (encode them).');
  }
  if (!form.path.startsWith('/')) return refuse('The path starts with "/".');
  const domain = form.domain.trim().replace(/^\./, '').toLowerCase();
  if (domain !== '' && host !== domain && !host.endsWith(`.${domain}`)) {
    return refuse(`Domain=${domain} does not cover this page's host ${host}: the browser would refuse it.`);
  }
  if (form.sameSite === 'no_restriction' && !form.secure) {
    return refuse('SameSite=None needs Secure: current browsers reject it otherwise.');
  }
  if (form.name.startsWith('__Secure-') && !form.secure) return refuse('A __Secure- cookie needs Secure.');
  if (form.name.startsWith('__Host-') && (!form.secure || domain !== '' || form.path !== '/')) {
    return refuse('A __Host- cookie needs Secure, Path=/ and no Domain.');
  }
  const cookie: CookieInfo = {
    name: form.name,
    value: form.value,
    domain: domain === '' ? host : `.${domain}`,
    hostOnly: domain === '',
    path: form.path,
    secure: form.secure,
    httpOnly: form.httpOnly,
    sameSite: form.sameSite,
    session: form.session,
    // An edit stays in the cookie's partition (CHIPS).
    partitionKey: original?.partitionKey ?? null,
    storeId: '',
  };
  if (!form.session) {
    // The minute the input shows, unless it is the one the cookie already had: an edit of the
    // value alone keeps the expiry to the second.
    const kept = original?.expirationDate;
    if (kept !== undefined && form.expires === localInput(kept)) cookie.expirationDate = kept;
    else {
      const at = new Date(form.expires).getTime();
      if (form.expires === '' || Number.isNaN(at)) {
        return refuse('Give the expiry date, or tick "ends with the browser session".');
      }
      cookie.expirationDate = Math.floor(at / 1000);
    }
  }
  return { ok: true, cookie };
}

/** Unix seconds as a datetime-local value in the user's time zone. */
function localInput(seconds: number): string {
  const d = new Date(seconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
