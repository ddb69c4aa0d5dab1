// The writers: what Django itself writes for each signed kind, the inverse of formats/*. Built on
// signing.ts's TimestampSigner (JSON separators, base62 timestamp, compression only when it saves
// more than a byte), so a value made here is read back by Django's own loads / load() /
// get_signed_cookie / CookieStorage. zlib.compress is injected (the core never deflates): the
// compressed bytes are a valid zlib stream, but only Python's own zlib makes Python's exact bytes.
import { cookieSignerKey } from './formats/keys';
import { MESSAGE_KEY, MESSAGES_SALT } from './formats/messages';
import { SESSION_COOKIE_SALT } from './formats/session-cookie';
import { cookieSignerLegacySalt, cookieSignerSalt } from './formats/signed-cookie';
import { type Compress, TimestampSigner } from './signing';
import type { Algorithm, PyValue, Result, Secret } from './types';

export interface SignOptions {
  /** SECRET_KEY: the key the site signs with (fallbacks only ever verify). */
  key: Secret;
  /** time.time(), unix seconds: the core has no clock. */
  now: number;
  /** Signer's algorithm, default sha256 (4.0+); sha1 is what Django ≤3.2 wrote by default. */
  algorithm?: Algorithm;
}

/** CookieStorage.max_cookie_size: past it, _store() drops the oldest messages. */
export const MESSAGES_MAX_COOKIE_SIZE = 2048;

function signer(key: Secret, salt: string, options: SignOptions): Result<TimestampSigner> {
  return TimestampSigner.create({
    key,
    salt,
    now: options.now,
    ...(options.algorithm ? { algorithm: options.algorithm } : {}),
  });
}

/** signing.dumps(obj, key, salt, compress=compress): salt "" falls back to the class default, as in Django. */
export async function signDumps(
  obj: PyValue,
  options: SignOptions & { salt?: string; compress?: Compress },
): Promise<Result<string>> {
  const made = signer(options.key, options.salt ?? 'django.core.signing', options);
  return made.ok ? made.value.signObject(obj, options.compress) : made;
}

/**
 * signed_cookies SessionStore._get_session_key(): signing.dumps(session, compress=True,
 * salt="django.contrib.sessions.backends.signed_cookies") with the bare SECRET_KEY.
 */
export async function signSessionCookie(
  session: PyValue,
  options: SignOptions & { compress: Compress },
): Promise<Result<string>> {
  if (session.t !== 'dict') {
    return { ok: false, code: 'malformed', message: `a session is a dict, not a ${session.t}` };
  }
  return signDumps(session, { ...options, salt: SESSION_COOKIE_SALT });
}

/**
 * HttpResponse.set_signed_cookie(name, text, salt): get_cookie_signer(salt=S).sign(text), S the
 * v2 salt of Django 5.2.15+/6.0.6+, or with `legacySalt` the `name + salt` of earlier versions.
 */
export async function signSignedCookie(
  text: string,
  options: SignOptions & { name: string; salt?: string; legacySalt?: boolean },
): Promise<Result<string>> {
  const salt = options.legacySalt
    ? cookieSignerLegacySalt(options.name, options.salt)
    : cookieSignerSalt(options.name, options.salt);
  const made = signer(cookieSignerKey(options.key), salt, options);
  return made.ok ? { ok: true, value: await made.value.sign(text) } : made;
}

/** A message as messages.add_message() makes it; `extraTags` null is Message(extra_tags=None). */
export interface MessageToSign {
  level: number;
  message: string;
  extraTags: string | null;
}

/** MessageEncoder.default: `[message_key, is_safedata, level, message(, extra_tags)]`. */
function encodeMessage(message: MessageToSign): PyValue {
  const items: PyValue[] = [
    { t: 'str', v: MESSAGE_KEY },
    { t: 'int', v: '0' }, // is_safedata: text given here is never a SafeString
    { t: 'int', v: String(message.level) },
    { t: 'str', v: message.message },
  ];
  if (message.extraTags !== null) items.push({ t: 'str', v: message.extraTags });
  return { t: 'list', items };
}

/**
 * CookieStorage._encode_parts (3.2+): get_cookie_signer(salt="django.contrib.messages")
 * .sign_object(messages, compress=True). A value over max_cookie_size is refused: Django would
 * drop the oldest messages and add the "not finished" sentinel instead.
 */
export async function signMessages(
  messages: readonly MessageToSign[],
  options: SignOptions & { compress: Compress },
): Promise<Result<string>> {
  const made = signer(cookieSignerKey(options.key), MESSAGES_SALT, options);
  if (!made.ok) return made;
  const signed = await made.value.signObject(
    { t: 'list', items: messages.map(encodeMessage) },
    options.compress,
  );
  if (signed.ok && signed.value.length > MESSAGES_MAX_COOKIE_SIZE) {
    return {
      ok: false,
      code: 'too-large',
      message: `${signed.value.length} characters is over CookieStorage.max_cookie_size (${MESSAGES_MAX_COOKIE_SIZE}): Django would drop the oldest messages`,
    };
  }
  return signed;
}

/**
 * A JSON list of {"level", "message", "extra_tags"} (the CLI's and the panel's way to write
 * messages) as messages.add_message() would make them: extra_tags absent is "", null is None.
 */
export function messagesToSign(value: PyValue): Result<MessageToSign[]> {
  const refuse = (message: string): Result<never> => ({ ok: false, code: 'malformed', message });
  if (value.t !== 'list') return refuse('messages are a JSON list of {"level", "message", "extra_tags"}');
  const messages: MessageToSign[] = [];
  for (const [i, item] of value.items.entries()) {
    const fields = new Map<string, PyValue>();
    for (const [k, v] of item.t === 'dict' ? item.entries : []) if (k.t === 'str') fields.set(k.v, v);
    const unknown = [...fields.keys()].filter((k) => !['level', 'message', 'extra_tags'].includes(k));
    if (item.t !== 'dict' || unknown.length > 0) {
      return refuse(`message ${i}: an object of "level", "message" and "extra_tags" only`);
    }
    const level = fields.get('level');
    const message = fields.get('message');
    const extra = fields.get('extra_tags');
    if (level?.t !== 'int' || !Number.isSafeInteger(Number(level.v))) {
      return refuse(`message ${i}: "level" must be an integer (messages.INFO is 20)`);
    }
    if (message?.t !== 'str') return refuse(`message ${i}: "message" must be a string`);
    if (extra !== undefined && extra.t !== 'str' && extra.t !== 'none') {
      return refuse(`message ${i}: "extra_tags" must be a string or null`);
    }
    const extraTags = extra === undefined ? '' : extra.t === 'str' ? extra.v : null;
    messages.push({ level: Number(level.v), message: message.v, extraTags });
  }
  return { ok: true, value: messages };
}
