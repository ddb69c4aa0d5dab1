// Cookies that carry nothing to decode: a server-side session's key and the CSRF cookie.
import { blankReport } from '../report';
import type { DecodeReport } from '../types';

/**
 * A db/cache/file/cached_db session cookie holds only the key: 32 chars of [a-z0-9]
 * (VALID_KEY_CHARS, base.py). The data lives on the server (the companion can fetch it).
 */
export function readSessionKey(value: string): DecodeReport {
  const report = blankReport('session-key', 'session-key');
  report.text = value;
  report.message = 'Server-side session key: the data is stored on the server, not in the cookie';
  return report;
}

/**
 * The CSRF cookie is not signed (middleware/csrf.py): a 32-char secret (4.1+) or a 64-char masked
 * token (≤4.0).
 */
export function readCsrfToken(value: string): DecodeReport {
  const report = blankReport('csrf-token', 'csrf-token');
  report.text = value;
  report.message =
    value.length === 64
      ? 'CSRF cookie: masked token (Django ≤4.0), not signed'
      : 'CSRF cookie: the CSRF secret, not signed';
  return report;
}
