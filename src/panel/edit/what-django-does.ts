// The confirmation's sentence for each write: the SessionBase call the companion makes, then what
// Django does with it (contrib/sessions/backends/base.py, middleware.py), so nothing is a surprise.
import type { CompanionWrite } from '../../core/index';

/** The call as Python, e.g. `session["cart"] = [...]`, `set_expiry(300)`, `flush()`. */
export function writeCall(write: CompanionWrite): string {
  switch (write.op) {
    case 'set':
      return `session[${JSON.stringify(write.key)}] = ${short(JSON.stringify(write.value))}`;
    case 'delete':
      return `del session[${JSON.stringify(write.key)}]`;
    case 'set_expiry':
      return `set_expiry(${write.value === null ? 'None' : typeof write.value === 'string' ? `datetime ${write.value}` : write.value})`;
    case 'flush':
      return 'flush()';
    case 'cycle_key':
      return 'cycle_key()';
  }
}

/**
 * What Django will do. `engine` is SESSION_ENGINE: a signed_cookies session lives in the cookie,
 * so "saved" there means the site re-signs the cookie with its own SECRET_KEY.
 */
export function whatDjangoDoes(write: CompanionWrite, engine: string): string {
  const cookieOnly = engine.endsWith('signed_cookies');
  const saved = cookieOnly
    ? 'the site re-signs the session cookie with its SECRET_KEY and the panel sets it'
    : 'saved through the SessionStore, and the panel sets the cookie SessionMiddleware would send';
  switch (write.op) {
    case 'set':
      return `${writeCall(write)}: the key holds this value from the next request on; ${saved}.`;
    case 'delete':
      return `${writeCall(write)}: the key is gone from the next request on; ${saved}.`;
    case 'set_expiry':
      return `${writeCall(write)}: ${expiryMeaning(write.value)}; ${saved}.`;
    case 'flush':
      return cookieOnly
        ? 'flush(): empties the session and deletes the cookie; the next request starts a new, empty session.'
        : 'flush(): deletes the stored session and the cookie; the next request starts a new, empty session under a new key.';
    case 'cycle_key':
      return cookieOnly
        ? 'cycle_key(): keeps the data and re-signs the cookie now (a signed_cookies session has no key of its own to replace).'
        : 'cycle_key(): keeps the data, saves it under a new key and deletes the old one (what login() does against session fixation); the cookie gets the new key.';
  }
}

function expiryMeaning(value: number | string | null): string {
  if (value === null)
    return 'back to the site default, SESSION_COOKIE_AGE (or SESSION_EXPIRE_AT_BROWSER_CLOSE)';
  if (value === 0) return 'the session ends when the browser closes (the cookie loses its Expires)';
  if (typeof value === 'number')
    return `the session ends ${value} s after this save (and after each later save)`;
  return `the session ends at ${value}, whatever later saves do`;
}

function short(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
