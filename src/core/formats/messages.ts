// contrib.messages CookieStorage (§5), cookie `messages`:
// - 3.2+: get_cookie_signer(salt="django.contrib.messages").sign_object(messages, compress=True);
// - 3.1: the same signer's sign(json) — `json:TS:SIG`, read by 3.2/4.0 after the object fails
//   with binascii.Error or JSONDecodeError (cookie.py@3.2.25 `_decode`);
// - ≤3.0: `sha1hex$json`, salted_hmac("django.contrib.messages", json) with the bare SECRET_KEY.
import { parsePyJson } from '../pyjson';
import { blankReport, type ReadContext, setError } from '../report';
import type { DecodeReport, DjangoMessage, PyValue } from '../types';
import { LEGACY_HEX_DIGEST, verifyLegacyHexDigest } from '../verify';
import { applyLoaded, loadPayloadOnce, readSigned } from './common';
import { cookieSignerKeys } from './keys';

export const MESSAGES_SALT = 'django.contrib.messages';

/** django/contrib/messages/constants.py DEFAULT_LEVELS. */
const LEVEL_NAMES: Readonly<Record<number, string>> = {
  10: 'DEBUG',
  20: 'INFO',
  25: 'SUCCESS',
  30: 'WARNING',
  40: 'ERROR',
};

/** The name Django gives a message level (DEFAULT_LEVELS); a custom level stays a number. */
export function messageLevelName(level: number): string {
  return LEVEL_NAMES[level] ?? `level ${level}`;
}
/** MessageEncoder.message_key */
export const MESSAGE_KEY = '__json_message';
/** CookieStorage.not_finished */
export const NOT_FINISHED = '__messagesnotfinished__';

/** Python truthiness, for `if obj[1]:` (is_safedata). */
function truthy(v: PyValue | undefined): boolean {
  if (!v) return false;
  switch (v.t) {
    case 'none':
      return false;
    case 'bool':
      return v.v;
    case 'int':
      return v.v !== '0';
    case 'float':
      return v.v !== '0.0' && v.v !== '-0.0';
    case 'str':
    case 'bytes':
      return v.v !== '';
    case 'list':
    case 'tuple':
    case 'set':
    case 'frozenset':
      return v.items.length > 0;
    case 'dict':
      return v.entries.length > 0;
    default:
      return true;
  }
}

function text(v: PyValue | undefined): string {
  if (!v) return '';
  return 'v' in v && typeof v.v === 'string' ? v.v : JSON.stringify(v);
}

/**
 * MessageDecoder.process_messages for one list: `[key, is_safedata, level, message[, extra_tags]]`,
 * or the 2.2 compatibility form `[key, level, message]`.
 */
export function toMessage(v: PyValue): DjangoMessage | null {
  if (v.t !== 'list' || v.items[0]?.t !== 'str' || v.items[0].v !== MESSAGE_KEY) return null;
  const items = v.items;
  const [level, message, extra, safe] =
    items.length === 3
      ? [items[1], items[2], undefined, false]
      : [items[2], items[3], items[4], truthy(items[1])];
  return {
    level: level?.t === 'int' ? Number(level.v) : Number.NaN,
    message: text(message),
    extraTags: extra === undefined || extra.t === 'none' ? null : text(extra),
    safe,
  };
}

/** CookieStorage._get: the trailing sentinel means older messages were dropped to fit. */
export function applyMessages(report: DecodeReport): void {
  const data = report.data;
  if (data?.t !== 'list') return;
  const items = [...data.items];
  const last = items[items.length - 1];
  if (last?.t === 'str' && last.v === NOT_FINISHED) {
    report.messagesNotFinished = true;
    items.pop();
  }
  report.messages = items.map(toMessage).filter((m): m is DjangoMessage => m !== null);
}

/** The ≤3.0 `sha1hex$json` shape (detection and the reader share it). */
export function isLegacyMessages(value: string): boolean {
  const at = value.indexOf('$');
  return at === 40 && LEGACY_HEX_DIGEST.test(value.slice(0, at));
}

async function readLegacyHash(value: string, ctx: ReadContext): Promise<DecodeReport> {
  const report = blankReport('messages', 'messages-legacy-hash');
  report.salt = MESSAGES_SALT;
  report.algorithm = 'sha1';
  report.warnings.push({
    code: 'legacy-format',
    message: 'Pre-3.1 messages cookie: read by Django ≤3.2 only',
  });
  const at = value.indexOf('$');
  const hash = value.slice(0, at);
  const json = value.slice(at + 1);
  await verifyLegacyHexDigest(report, {
    salt: MESSAGES_SALT,
    message: json,
    digest: hash,
    keys: ctx.keys,
    failure: 'Message cookie hash does not match',
  });
  // The ≤3.0 cookie holds JSON text, loaded as str (no latin-1 step).
  const parsed = parsePyJson(json, ctx.limits.maxDepth, ctx.limits.maxNodes);
  if (!parsed.ok) setError(report, parsed.code, parsed.message);
  else applyLoaded(report, { data: parsed.value, serializer: 'json', pickle: null });
  applyMessages(report);
  return report;
}

export async function readMessages(value: string, ctx: ReadContext): Promise<DecodeReport> {
  if (isLegacyMessages(value)) return readLegacyHash(value, ctx);
  const { report, payload } = await readSigned(
    value,
    {
      kind: 'messages',
      format: 'signed-object',
      salts: [MESSAGES_SALT],
      keys: cookieSignerKeys(ctx.keys),
      timestamped: true,
      checkAge: false,
    },
    ctx,
  );
  if (payload === null) return report;
  const { compressed, serializer, payload: loaded } = loadPayloadOnce(payload, ctx);
  report.compressed = compressed;
  report.serializer = serializer;
  if (loaded.ok) applyLoaded(report, loaded.value);
  else if (loaded.code === 'bad-base64' || loaded.code === 'bad-json') {
    // The 3.1 format: the signed value is the JSON text itself.
    const json = parsePyJson(payload, ctx.limits.maxDepth, ctx.limits.maxNodes);
    if (json.ok) {
      report.format = 'messages-signed-json';
      report.compressed = false;
      applyLoaded(report, { data: json.value, serializer: 'json', pickle: null });
    } else setError(report, loaded.code, loaded.message);
  } else setError(report, loaded.code, loaded.message);
  applyMessages(report);
  return report;
}
