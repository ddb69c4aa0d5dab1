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

/** Without a telling salt: `X:TS:SIG` with a base62 TS is timestamped; X an object if it loads. */
function guessShape(value: string, salt: string | null, ctx: ReadContext): Shape {
  if (salt === SIGNER_SALT) return 'signed';
  if (salt === DUMPS_SALT) return 'signed-object';
  const inner = rsplitOnce(value, ':')?.[0] ?? '';
  const split = rsplitOnce(inner, ':');
  const timestamped = split !== null && b62Decode(split[1]).ok;
  if (!timestamped) return 'signed';
  // Loaded through the decode's memo, so applyObjectPayload below reuses it.
  return loadPayloadOnce(split[0], ctx).payload.ok ? 'signed-object' : 'timestamp-signed';
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
  const shape = guessShape(value, outcome ? outcome.salt : (salt ?? null), ctx);
  const defaultSalt =
    shape === 'signed' ? SIGNER_SALT : shape === 'timestamp-signed' ? TIMESTAMP_SIGNER_SALT : DUMPS_SALT;
  const spec = {
    kind: 'signing' as const,
    format: shape,
    salts: [outcome ? outcome.salt : (salt ?? defaultSalt)],
    keys: ctx.keys,
    timestamped: shape !== 'signed',
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
