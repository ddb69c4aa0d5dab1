// Argument parsing for the `sessionlens` commands: node:util parseArgs, then validation into the
// core's DecodeOptions. Bad arguments become a UsageError (exit 2), never a stack trace.
import { parseArgs } from 'node:util';
import {
  ALGORITHMS,
  type DecodeOptions,
  isAlgorithm,
  type Kind,
  KIND_NAMES as REGISTRY,
} from '../core/index';

export class UsageError extends Error {}

/** --kind values: the registry's CLI names, then auto. */
const KINDS: ReadonlyArray<string> = [...REGISTRY.map((k) => k.cli), 'auto'];

function kindOf(cli: string): Kind | 'auto' {
  return REGISTRY.find((k) => k.cli === cli)?.kind ?? 'auto';
}

const DECODE_OPTIONS = {
  kind: { type: 'string' },
  key: { type: 'string', multiple: true },
  salt: { type: 'string' },
  name: { type: 'string' },
  'session-class': { type: 'string' },
  algorithm: { type: 'string' },
  'max-age': { type: 'string' },
  now: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface DecodeCommand {
  command: 'decode';
  value: string;
  options: DecodeOptions;
  json: boolean;
}

export interface CheckKeysCommand {
  command: 'check-keys';
  value: string;
  /** null: the built-in list of published SECRET_KEYs (core/weakkeys/known-keys.ts). */
  wordlist: string | null;
  options: Omit<DecodeOptions, 'keys'>;
  json: boolean;
}

export type Command = DecodeCommand | CheckKeysCommand | { command: 'help' } | { command: 'version' };

function number(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n))
    throw new UsageError(`--${name} must be a number, got '${text}'`);
  return n;
}

function baseOptions(values: Record<string, unknown>, now: number): Omit<DecodeOptions, 'keys'> {
  const kind = values.kind as string | undefined;
  if (kind !== undefined && !KINDS.includes(kind)) {
    throw new UsageError(`--kind must be one of ${KINDS.join(', ')}, got '${kind}'`);
  }
  const algorithm = values.algorithm as string | undefined;
  if (algorithm !== undefined && !isAlgorithm(algorithm)) {
    throw new UsageError(`--algorithm must be one of ${ALGORITHMS.join(', ')}, got '${algorithm}'`);
  }
  const options: Omit<DecodeOptions, 'keys'> = {
    kind: kind === undefined ? 'auto' : kindOf(kind),
    now: number('now', values.now as string | undefined) ?? now,
  };
  if (values.salt !== undefined) options.salt = values.salt as string;
  if (values.name !== undefined) options.cookieName = values.name as string;
  if (values['session-class'] !== undefined) options.sessionClass = values['session-class'] as string;
  if (algorithm !== undefined && isAlgorithm(algorithm)) options.algorithm = algorithm;
  const maxAge = number('max-age', values['max-age'] as string | undefined);
  if (maxAge !== undefined) options.maxAge = maxAge;
  return options;
}

/** `now` is the caller's clock (unix seconds): --now overrides it. */
export function parseCommand(argv: readonly string[], now: number): Command {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    return { command: 'help' };
  }
  if (command === '--version' || command === '-V') return { command: 'version' };
  if (command !== 'decode' && command !== 'check-keys') {
    throw new UsageError(`unknown command '${command}'`);
  }
  const config =
    command === 'decode' ? DECODE_OPTIONS : { ...DECODE_OPTIONS, wordlist: { type: 'string' as const } };
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; options: typeof config; allowPositionals: true }>
  >;
  try {
    parsed = parseArgs({ args: [...rest], options: config, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  if (positionals.length !== 1) {
    throw new UsageError(
      `${command} takes exactly one VALUE (use - to read it from stdin), got ${positionals.length}`,
    );
  }
  const value = positionals[0] as string;
  const options = baseOptions(values, now);
  if (command === 'decode') {
    return { command, value, options: { ...options, keys: values.key ?? [] }, json: values.json ?? false };
  }
  const wordlist = (values as { wordlist?: string }).wordlist ?? null;
  if (wordlist === '') throw new UsageError('--wordlist needs a FILE (leave it out for the built-in list)');
  if (values.key) throw new UsageError('check-keys takes its keys from --wordlist, not --key');
  return { command, value, wordlist, options, json: values.json ?? false };
}

export const HELP = `sessionlens — decode, verify and understand Django signed values and sessions

Usage:
  sessionlens decode VALUE [options]
  sessionlens check-keys VALUE [--wordlist FILE] [options]
  sessionlens sign JSON --kind K --key SECRET_KEY [options]
  sessionlens --help | --version

VALUE is a cookie value, a session_data string or any signing.dumps()/Signer output;
- reads it from stdin.

decode options:
  --kind K            ${KINDS.join(' | ')} (default: auto)
  --key K             SECRET_KEY; repeat for SECRET_KEY_FALLBACKS, in order
  --salt S            the salt given to signing.dumps / set_signed_cookie
  --name COOKIE_NAME  the cookie's name (auto-detection; part of a signed cookie's salt)
  --session-class Q   SessionStore qualname for session_data (default SessionStore)
  --algorithm A       sha1 | sha256 | sha384 | sha512 (default: what Django accepts)
  --max-age SECONDS   reject values signed longer ago (as loads(max_age=...))
  --now UNIX_SECONDS  the time to judge expiry against (default: now)
  --json              one JSON object (exact integers) instead of the readable report

check-keys options:
  --wordlist FILE     candidate SECRET_KEYs, one per line (# comments, blank lines skipped);
                      without it: the built-in list of SECRET_KEYs published in public code
  --salt, --kind, --name, --session-class, --algorithm, --now, --json as above

sign: prints the value Django would write for JSON (- reads it from stdin):
  --kind signing          signing.dumps(obj, key, salt, compress)
  --kind session-cookie   the signed_cookies SessionStore's cookie (JSON is the session dict)
  --kind signed-cookie    set_signed_cookie(--name, text, --salt) (JSON is a string); the salt of
                          Django 5.2.15+/6.0.6+, or the older name+salt with --legacy-salt
  --kind messages         the CookieStorage cookie (JSON: [{"level", "message", "extra_tags"}])
  --key K             the SECRET_KEY to sign with
  --salt S            signing (default django.core.signing), signed-cookie (default "")
  --name COOKIE_NAME  signed-cookie: the cookie's name, part of the salt
  --compress          signing: compress=True (session-cookie and messages always compress)
  --algorithm A       sha256 (default) | sha1 (what Django ≤3.2 wrote)
  --now UNIX_SECONDS  the signing time (default: now)

Exit status: 0 verified (or decoded, no key given; sign: signed), 1 signature did not verify
(check-keys: no candidate matched), 2 value unreadable or bad arguments.
`;
