// kind 'signing': signing.dumps objects, TimestampSigner strings and Signer strings. The three
// differ only in how the text before the signature is read, and in their default salts, so the
// signature is checked first and its salt, when it is a default, says which one wrote the value.
import { b62Decode } from '../base62';
import type { ReadContext } from '../report';
import { rsplitOnce } from '../signing';
import type { DecodeReport } from '../types';
import { verifySigned } from '../verify';
import { applyObjectPayload, loadPayloadOnce, splitVerified } from './common';

export const DUMPS_SALT = 'django.core.signing';
export const TIMESTAMP_SIGNER_SALT = 'django.core.signing.TimestampSigner';
export const SIGNER_SALT = 'django.core.signing.Signer';

type Shape = 'signed-object' | 'timestamp-signed' | 'signed';

interface Guess {
  shape: Shape;
  /** TimestampSigner (dumps, TimestampSigner.sign): a base62 time before the signature. */
  timestamped: boolean;
}

/**
 * Without a telling salt: `X:TS:SIG` with a base62 TS is timestamped; X is an object when it
 * loads as one. The same holds for `X:SIG`: Signer.sign_object (3.1+) signs an object without a
 * timestamp, and its text is the object, not base64 to show as a string.
 */
function guessShape(value: string, salt: string | null, ctx: ReadContext): Guess {
  if (salt === DUMPS_SALT) return { shape: 'signed-object', timestamped: true };
  const inner = rsplitOnce(value, ':')?.[0] ?? '';
  const split = salt === SIGNER_SALT ? null : rsplitOnce(inner, ':');
  const timestamped = split !== null && b62Decode(split[1]).ok;
  const text = timestamped ? split[0] : inner;
  // Loaded through the decode's memo, so applyObjectPayload below reuses it.
  if (loadPayloadOnce(text, ctx).payload.ok) return { shape: 'signed-object', timestamped };
  return { shape: timestamped ? 'timestamp-signed' : 'signed', timestamped };
}

export async function readSigning(
  value: string,
  salt: string | undefined,
  ctx: ReadContext,
): Promise<DecodeReport> {
  const salts = salt ? [salt] : [DUMPS_SALT, TIMESTAMP_SIGNER_SALT, SIGNER_SALT];
  // Every candidate salt is tried once here; the outcome is then recorded as it stands (the
  // matched salt, or the default of the guessed shape when none verified), never re-verified.
  const outcome = value.includes(':')
    ? await verifySigned({ value, salts, keys: ctx.keys, algorithm: ctx.algorithm })
    : null;
  const { shape, timestamped } = guessShape(value, outcome ? outcome.salt : (salt ?? null), ctx);
  const defaultSalt = !timestamped
    ? SIGNER_SALT
    : shape === 'timestamp-signed'
      ? TIMESTAMP_SIGNER_SALT
      : DUMPS_SALT;
  const spec = {
    kind: 'signing' as const,
    format: shape,
    salts: [outcome ? outcome.salt : (salt ?? defaultSalt)],
    keys: ctx.keys,
    timestamped,
    checkAge: true,
  };
  const { report, payload } = splitVerified(value, spec, outcome, ctx);
  if (payload === null) return report;
  if (shape === 'signed-object') applyObjectPayload(report, payload, ctx);
  else {
    report.text = payload;
    report.serializer = 'text';
  }
  return report;
}
