// Key material as each Django code path feeds it to the Signer.
import { concatBytes, forceBytes } from '../bytes';
import type { Secret } from '../types';

export const COOKIE_KEY_PREFIX = forceBytes('django.http.cookies');

/**
 * signing._cookie_signer_key / get_cookie_signer (§2.5): `b"django.http.cookies" + key`, for
 * SECRET_KEY and every fallback alike. Used by set_signed_cookie and the messages cookie only.
 */
export function cookieSignerKeys(keys: readonly Secret[]): Secret[] {
  return keys.map(cookieSignerKey);
}

/** signing._cookie_signer_key(key), for the one key a writer signs with. */
export function cookieSignerKey(key: Secret): Secret {
  return concatBytes(COOKIE_KEY_PREFIX, forceBytes(key));
}
