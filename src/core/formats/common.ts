// The two shapes every signed format shares: a signed object (`[.]b64:TS:SIG`, sign_object) and
// a signed string (`value[:TS]:SIG`, Signer/TimestampSigner.sign).
import { loadObjectPayload, type ObjectPayload } from '../payload';
import { blankReport, type ReadContext, setError } from '../report';
import { rsplitOnce, splitTimestamp } from '../signing';
import type { DecodeReport, Kind, Secret } from '../types';
import { recordTimestamp, recordVerification, type Verified, verifySigned } from '../verify';

export interface SignedSpec {
  kind: Kind;
  format: string;
  /** Tried in order; the first is reported when none verifies. */
  salts: readonly string[];
  /** Keys as Django feeds them to the Signer (cookie signers prefix them). */
  keys: readonly Secret[];
  timestamped: boolean;
  /** Whether max_age applies (e.g. never to session_data, whose expiry lives elsewhere). */
  checkAge: boolean;
}

export interface SplitSigned {
  report: DecodeReport;
  /** The text the signer was given (`value` without timestamp), or null when unreadable. */
  payload: string | null;
}

/** Signer.unsign then TimestampSigner's timestamp split, recording each failure in Django's order. */
export async function readSigned(value: string, spec: SignedSpec, ctx: ReadContext): Promise<SplitSigned> {
  // No separator: Signer.unsign fails before any HMAC, so none is computed.
  const outcome = value.includes(':')
    ? await verifySigned({ value, salts: spec.salts, keys: spec.keys, algorithm: ctx.algorithm })
    : null;
  return splitVerified(value, spec, outcome, ctx);
}

/** readSigned once the signature is already checked: records `outcome`, then splits. */
export function splitVerified(
  value: string,
  spec: SignedSpec,
  outcome: Verified | false | null,
  ctx: ReadContext,
): SplitSigned {
  const report = blankReport(spec.kind, spec.format);
  const parts = rsplitOnce(value, ':');
  if (!parts) {
    if (spec.keys.length > 0) report.verified = false;
    report.salt = spec.salts[0] ?? null;
    setError(report, 'malformed', 'No ":" found in value');
    return { report, payload: null };
  }
  recordVerification(report, outcome, spec.salts[0] ?? '');
  if (!spec.timestamped) return { report, payload: parts[0] };
  const split = splitTimestamp(parts[0], ':');
  if (!split.ok) {
    setError(report, split.code, split.message);
    return { report, payload: null };
  }
  recordTimestamp(report, split.value.timestamp, spec.checkAge ? ctx.maxAge : null, ctx.now);
  return { report, payload: split.value.value };
}

/** loadObjectPayload, at most once per payload text and decode() (ReadContext.payloads). */
export function loadPayloadOnce(payload: string, ctx: ReadContext): ObjectPayload {
  const known = ctx.payloads?.find((entry) => entry.text === payload);
  if (known) return known.loaded;
  const loaded = loadObjectPayload(payload, ctx.limits);
  ctx.payloads?.push({ text: payload, loaded });
  return loaded;
}

/** The unsign_object tail: `.` → zlib, b64_decode, serializer; pickle hazards become warnings. */
export function applyObjectPayload(report: DecodeReport, payload: string, ctx: ReadContext): void {
  // Through the memo: inflating and parsing one payload again per kind tried was most of `auto`.
  const preloaded = loadPayloadOnce(payload, ctx);
  const { compressed, serializer, payload: loaded } = preloaded;
  report.compressed = compressed;
  if (!loaded.ok) {
    // The serializer Django would have run (JSONSerializer unless the bytes say pickle).
    report.serializer = serializer;
    setError(report, loaded.code, loaded.message);
    return;
  }
  applyLoaded(report, loaded.value);
}

export function applyLoaded(
  report: DecodeReport,
  loaded: { data: DecodeReport['data']; serializer: 'json' | 'pickle'; pickle: DecodeReport['pickle'] },
): void {
  report.data = loaded.data;
  report.serializer = loaded.serializer;
  report.pickle = loaded.pickle;
  if (loaded.pickle?.unsafe) {
    const refs = loaded.pickle.references.join(', ');
    report.warnings.push({
      code: 'unsafe-pickle',
      message: `Pickle references callables outside the display allowlist (${refs}): unpickling it runs code`,
    });
    setError(report, 'unsafe-pickle', `unsafe pickle: ${refs}`);
  }
}

export async function readSignedObject(
  value: string,
  spec: SignedSpec,
  ctx: ReadContext,
): Promise<DecodeReport> {
  const { report, payload } = await readSigned(value, spec, ctx);
  if (payload !== null) applyObjectPayload(report, payload, ctx);
  return report;
}

export async function readSignedText(
  value: string,
  spec: SignedSpec,
  ctx: ReadContext,
): Promise<DecodeReport> {
  const { report, payload } = await readSigned(value, spec, ctx);
  if (payload !== null) {
    report.text = payload;
    report.serializer = 'text';
  }
  return report;
}
