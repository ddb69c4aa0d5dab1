// SESSION_ENGINE = signed_cookies: signing.dumps(session, compress=True, salt=…) with the bare
// SECRET_KEY; max_age is SESSION_COOKIE_AGE, applied only when the caller passes maxAge
// (signed_cookies.py@4.2.28 load(); docs/formats.md §3.5).
import type { ReadContext } from '../report';
import type { DecodeReport } from '../types';
import { readSignedObject } from './common';

export const SESSION_COOKIE_SALT = 'django.contrib.sessions.backends.signed_cookies';

export function readSessionCookie(value: string, ctx: ReadContext): Promise<DecodeReport> {
  return readSignedObject(
    value,
    {
      kind: 'session-cookie',
      format: 'signed-object',
      salts: [SESSION_COOKIE_SALT],
      keys: ctx.keys,
      timestamped: true,
      checkAge: true,
    },
    ctx,
  );
}
