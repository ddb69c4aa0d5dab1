// HttpResponse.set_signed_cookie / HttpRequest.get_signed_cookie (§4): a TimestampSigner with
// key b"django.http.cookies" + SECRET_KEY and salt S(name, salt). Since 5.2.15/6.0.6 (CVE-2026-6873)
// S is `django.http.cookies.v2:{len(salt)}:{salt}{name}`, tried first, then the legacy
// `name + salt` (signing._unsign_cookie@5.2.19:118-130).
import type { ReadContext } from '../report';
import type { DecodeReport } from '../types';
import { readSignedText } from './common';
import { cookieSignerKeys } from './keys';

/** signing._cookie_signer_salt: len(salt) counts code points, as Python's len(str). */
export function cookieSignerSalt(cookieName: string, salt = ''): string {
  return `django.http.cookies.v2:${[...salt].length}:${salt}${cookieName}`;
}

/** A Python string literal as the reader would type it in a view. */
const pyStr = (s: string) => `"${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

export function cookieSignerLegacySalt(cookieName: string, salt = ''): string {
  return cookieName + salt;
}

export async function readSignedCookie(
  value: string,
  cookieName: string | undefined,
  salt: string | undefined,
  ctx: ReadContext,
): Promise<DecodeReport> {
  const name = cookieName ?? '';
  const v2 = cookieSignerSalt(name, salt);
  const legacy = cookieSignerLegacySalt(name, salt);
  const read = (salts: string[]) =>
    readSignedText(
      value,
      {
        kind: 'signed-cookie',
        format: 'signed-cookie',
        salts,
        keys: cookieSignerKeys(ctx.keys),
        timestamped: true,
        checkAge: true,
      },
      ctx,
    );
  const report = await read([v2, legacy]);
  if (report.verified) {
    report.format = report.salt === v2 ? 'signed-cookie-v2' : 'signed-cookie-legacy';
    if (report.salt !== v2) {
      report.warnings.push({
        code: 'legacy-format',
        message:
          'Legacy name+salt signing: rejected by Django 6.1 defaults (SIGNED_COOKIE_LEGACY_SALT_FALLBACK)',
      });
    }
  } else if (report.verified === false && report.code === 'bad-signature') {
    // The signature covers the salt, and salts cannot be searched: with none given, "bad
    // signature" would blame a key that may be right (http/response.py set_signed_cookie).
    const call = `set_signed_cookie(${pyStr(name)}, …, salt=${pyStr(salt ?? '')})`;
    if (!salt) {
      report.warnings.push({
        code: 'salt-unknown',
        message: `None of your keys verifies it as ${call}: if the view passes a salt=, enter it; only with the right salt does a failure mean the key is wrong.`,
      });
    } else {
      // The one other salt there is to try: none at all.
      const unsalted = await read([cookieSignerSalt(name), cookieSignerLegacySalt(name)]);
      if (unsalted.verified && unsalted.matchedKey !== null) {
        const which =
          unsalted.matchedKey === 0 ? 'SECRET_KEY' : `SECRET_KEY_FALLBACKS[${unsalted.matchedKey - 1}]`;
        report.warnings.push({
          code: 'salt-mismatch',
          message: `${which} verifies it as set_signed_cookie(${pyStr(name)}, …) with no salt: the salt entered (${pyStr(salt)}) is not the view's.`,
        });
      }
    }
    report.message = `none of your keys verifies it as ${call}${cookieName === undefined ? ' (no cookie name given: it is part of the salt)' : ''}`;
  }
  return report;
}
