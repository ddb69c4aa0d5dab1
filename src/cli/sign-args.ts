// `sessionlens sign JSON --kind K --key KEY [...]`: its arguments, checked into a SignCommand.
// An option that does not apply to the kind is refused, not ignored: `--compress` on a
// session-cookie (always compressed) or `--salt` on messages would otherwise mislead.
import { parseArgs } from 'node:util';
import { UsageError } from './args';

export const SIGN_KINDS = ['signing', 'session-cookie', 'signed-cookie', 'messages'] as const;
export type SignKind = (typeof SIGN_KINDS)[number];
/** The algorithms Signer writes in the versions the CLI targets: sha256 (4.0+), sha1 (≤3.2). */
const SIGN_ALGORITHMS = ['sha256', 'sha1'] as const;

const SIGN_OPTIONS = {
  kind: { type: 'string' },
  key: { type: 'string', multiple: true },
  salt: { type: 'string' },
  name: { type: 'string' },
  compress: { type: 'boolean' },
  algorithm: { type: 'string' },
  now: { type: 'string' },
  'legacy-salt': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Which kinds each optional flag applies to. */
const APPLIES: Record<'salt' | 'name' | 'compress' | 'legacy-salt', readonly SignKind[]> = {
  salt: ['signing', 'signed-cookie'],
  name: ['signed-cookie'],
  compress: ['signing'],
  'legacy-salt': ['signed-cookie'],
};

export interface SignCommand {
  command: 'sign';
  /** The JSON text, or '-' for stdin. */
  value: string;
  kind: SignKind;
  key: string;
  salt?: string;
  /** signed-cookie's cookie name (required there); '' for the other kinds. */
  name: string;
  compress: boolean;
  legacySalt: boolean;
  algorithm: (typeof SIGN_ALGORITHMS)[number];
  now: number;
}

function isOneOf<T extends string>(choices: readonly T[], text: string | undefined): text is T {
  return text !== undefined && (choices as readonly string[]).includes(text);
}

/** `now` is the caller's clock (unix seconds): --now overrides it. */
export function parseSignCommand(args: readonly string[], now: number): SignCommand | { command: 'help' } {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof SIGN_OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...args], options: SIGN_OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  if (positionals.length !== 1) {
    throw new UsageError(
      `sign takes exactly one JSON value (use - to read it from stdin), got ${positionals.length}`,
    );
  }
  const kind = values.kind;
  if (!isOneOf(SIGN_KINDS, kind)) {
    throw new UsageError(
      `sign needs --kind ${SIGN_KINDS.join('|')}${kind === undefined ? '' : `, got '${kind}'`}`,
    );
  }
  const keys = values.key ?? [];
  if (keys.length !== 1) {
    throw new UsageError(
      'sign needs exactly one --key: the SECRET_KEY the site signs with (fallbacks only verify)',
    );
  }
  for (const [flag, kinds] of Object.entries(APPLIES)) {
    if (values[flag as keyof typeof APPLIES] !== undefined && !kinds.includes(kind)) {
      throw new UsageError(`--${flag} does not apply to --kind ${kind} (only ${kinds.join(', ')})`);
    }
  }
  if (kind === 'signed-cookie' && values.name === undefined) {
    throw new UsageError('--kind signed-cookie needs --name COOKIE: the name is part of the salt');
  }
  const algorithm = values.algorithm ?? 'sha256';
  if (!isOneOf(SIGN_ALGORITHMS, algorithm)) {
    throw new UsageError(`--algorithm must be one of ${SIGN_ALGORITHMS.join(', ')}, got '${algorithm}'`);
  }
  const command: SignCommand = {
    command: 'sign',
    value: positionals[0] as string,
    kind,
    key: keys[0] as string,
    name: values.name ?? '',
    compress: values.compress ?? false,
    legacySalt: values['legacy-salt'] ?? false,
    algorithm,
    now: values.now === undefined ? now : unixSeconds(values.now),
  };
  if (values.salt !== undefined) command.salt = values.salt;
  return command;
}

function unixSeconds(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new UsageError(`--now must be unix seconds, got '${text}'`);
  }
  return n;
}
