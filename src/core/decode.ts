// decode(value, options): the one entry point. Never throws: every failure is a report code.
import { detectKind, kindSpec } from './kinds';
import { resolveLimits } from './limits';
import { withPickleReader } from './payload';
import { blankReport, type ReadContext } from './report';
import type { DecodeOptions, DecodeReport, Kind } from './types';

function readAs(kind: Kind, value: string, options: DecodeOptions, ctx: ReadContext): Promise<DecodeReport> {
  return kindSpec(kind).read(value, options, ctx);
}

/**
 * `auto`: the kinds the value's signals allow, best first (kinds.ts). With keys, the first that
 * verifies wins and is no guess — the signature names its salt, hence its kind — tried in the
 * detection's keyOrder. Otherwise the best reading is returned marked `guessed`, with the others
 * as alternatives.
 */
async function readAuto(value: string, options: DecodeOptions, ctx: ReadContext): Promise<DecodeReport> {
  const detected = await detectKind(value, options, ctx);
  const guessed = (report: DecodeReport): DecodeReport => ({
    ...report,
    guessed: detected.guessed,
    alternatives: detected.alternatives,
  });
  if (!kindSpec(detected.kind).signed || ctx.keys.length === 0) {
    return guessed(await readAs(detected.kind, value, options, ctx));
  }
  let guess: DecodeReport | null = null;
  for (const kind of detected.keyOrder) {
    const report = await readAs(kind, value, options, ctx);
    if (report.verified === true) return report;
    if (kind === detected.kind) guess = report;
  }
  guess ??= await readAs(detected.kind, value, options, ctx);
  return { ...guess, guessed: true, alternatives: detected.alternatives };
}

/**
 * With an explicit kind that no key verifies: does a key verify the value as another kind (its
 * salt)? Then the kind is what is wrong, not the key — "bad signature" alone would send the user
 * hunting for another SECRET_KEY (issue 10). Tried in auto's key order; the first that verifies
 * is named.
 */
async function otherKindWarnings(
  kind: Kind,
  value: string,
  options: DecodeOptions,
  ctx: ReadContext,
): Promise<DecodeReport['warnings']> {
  const detected = await detectKind(value, options, ctx);
  for (const other of detected.keyOrder) {
    if (other === kind) continue;
    const report = await withPickleReader(() => readAs(other, value, { ...options, kind: other }, ctx));
    if (report.verified !== true) continue;
    const label = kindSpec(other).label;
    return [
      {
        code: 'other-kind',
        message: `A key given verifies it as a ${label} (salt ${JSON.stringify(report.salt)}), not as a ${kindSpec(kind).label}: read it as that kind.`,
      },
    ];
  }
  return [];
}

let weakKeys: Promise<typeof import('./weakkeys/index')> | null = null;

/**
 * A weak key matters when it is the one that signs: anyone holding the public key can forge this
 * site's sessions. Keys that did not verify say nothing about the site and are not flagged.
 */
async function weakKeyWarnings(
  report: DecodeReport,
  options: DecodeOptions,
): Promise<DecodeReport['warnings']> {
  const keyIndex = report.matchedKey;
  const key = keyIndex === null ? undefined : options.keys?.[keyIndex];
  if (key === undefined || keyIndex === null) return [];
  // Loaded when a key first verifies: the table of published keys is not needed before. The
  // promise is kept: a module loader may resolve every import() call anew, at a cost per decode.
  weakKeys ??= import('./weakkeys/index');
  const { weakKey } = await weakKeys;
  const weak = weakKey(key);
  if (weak === null) return [];
  const which = keyIndex === 0 ? 'SECRET_KEY' : `SECRET_KEY_FALLBACKS[${keyIndex - 1}]`;
  return [
    {
      code: 'weak-key',
      message: `The verifying ${which} is weak: ${weak.detail}`,
      reason: weak.reason,
      keyIndex,
      detail: weak.detail,
    },
  ];
}

/** len(value.encode()) for a string already known to be short. */
function utf8Length(value: string): number {
  return new TextEncoder().encode(value).length;
}

export async function decode(value: string, options: DecodeOptions): Promise<DecodeReport> {
  const fallbackKind: Kind = options.kind && options.kind !== 'auto' ? options.kind : 'signing';
  try {
    const limits = resolveLimits(options.limits);
    // Checked first, before any parsing or hashing of a hostile value, and cheaply: a string is
    // at least as many UTF-8 bytes as UTF-16 units, so a long one is refused without encoding.
    const size = value.length > limits.maxInputBytes ? null : utf8Length(value);
    if (size === null || size > limits.maxInputBytes) {
      const report = blankReport(fallbackKind, 'unknown');
      report.code = 'too-large';
      report.message = `input is ${size ?? `at least ${value.length}`} bytes, over the ${limits.maxInputBytes}-byte limit`;
      return report;
    }
    if (value === '') {
      const report = blankReport(fallbackKind, 'unknown');
      report.code = 'malformed';
      report.message = 'empty value';
      return report;
    }
    const ctx: ReadContext = {
      keys: options.keys ?? [],
      algorithm: options.algorithm,
      maxAge: options.maxAge ?? null,
      now: options.now,
      limits,
      payloads: [],
    };
    const kind = options.kind ?? 'auto';
    const report = await withPickleReader(() =>
      kind === 'auto' ? readAuto(value, options, ctx) : readAs(kind, value, options, ctx),
    );
    report.warnings.unshift(...(await weakKeyWarnings(report, options)));
    if (kind !== 'auto' && report.code === 'bad-signature' && ctx.keys.length > 0) {
      report.warnings.push(...(await otherKindWarnings(kind, value, options, ctx)));
    }
    return report;
  } catch (e) {
    const report = blankReport(fallbackKind, 'unknown');
    report.code = 'malformed';
    report.message = `unexpected failure: ${e instanceof Error ? e.message : String(e)}`;
    return report;
  }
}
