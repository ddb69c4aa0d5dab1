// django/core/signing.py, name for name: Signer, TimestampSigner, sign_object/unsign_object,
// dumps/loads (docs/formats.md §2). Failures are Results with stable codes, never exceptions.
import { b62Decode, b62Encode } from './base62';
import { b64Encode } from './base64';
import { constantTimeCompare, saltedHmac, saltedHmacSync } from './crypto';
import { loadObjectPayload, loadPickleReader, type Payload } from './payload';
import { dumpsPyJson } from './pyjson';
import type { Algorithm, Limits, PyValue, Result, Secret } from './types';

/** signing._SEP_UNSAFE: `^[A-z0-9-_=]*$` (note `A-z` also spans `[\]^_\``). */
const SEP_UNSAFE = /^[A-z0-9\-_=]*$/;

export interface SignerOptions {
  /** SECRET_KEY (there are no settings here: the key is always explicit). */
  key: Secret;
  sep?: string;
  /** Falsy means the class default, `django.core.signing.<Class>`, as `salt or …` in Django. */
  salt?: string;
  /** 4.0+: `algorithm or "sha256"`. */
  algorithm?: Algorithm;
  /** SECRET_KEY_FALLBACKS (4.1+): tried after `key`, in order, by unsign only. */
  fallbackKeys?: readonly Secret[];
}

export interface TimestampSignerOptions extends SignerOptions {
  /** time.time(): the core has no clock, so the signer is given one instant. */
  now: number;
}

export interface Unsigned {
  value: string;
  /** 0 = `key`, n = fallbackKeys[n - 1]. */
  matchedKey: number;
}

export interface TimestampUnsigned extends Unsigned {
  timestamp: number;
}

export interface UnsignOptions {
  /** Seconds; null/undefined = no age check (TimestampSigner only). */
  maxAge?: number | null;
}

export interface ObjectOptions extends UnsignOptions {
  limits: Limits;
}

export type UnsignedObject<U extends Unsigned = Unsigned> = U & Payload & { compressed: boolean };

/**
 * zlib.compress, injected: the core only ever inflates (the CLI and tests pass node:zlib's
 * deflateSync; the panel a CompressionStream('deflate'), which is asynchronous).
 */
export type Compress = (data: Uint8Array) => Uint8Array | Promise<Uint8Array>;

/** str.rsplit(sep, 1), or null where Python's unpacking of a 1-element list fails. */
export function rsplitOnce(s: string, sep: string): [string, string] | null {
  const at = s.lastIndexOf(sep);
  return at < 0 ? null : [s.slice(0, at), s.slice(at + sep.length)];
}

/** The separator check Django's Signer.__init__ makes (a ValueError there). */
export function checkSeparator(sep: string): Result<string> {
  return SEP_UNSAFE.test(sep)
    ? {
        ok: false,
        code: 'unsafe-separator',
        message: `Unsafe Signer separator: ${JSON.stringify(sep)} (cannot be empty or consist of only A-z0-9-_=)`,
      }
    : { ok: true, value: sep };
}

/** TimestampSigner.unsign's age test: strictly greater than max_age is expired (§2.2). */
export function checkMaxAge(
  timestamp: number,
  maxAge: number | null | undefined,
  now: number,
): Result<number> {
  if (maxAge === null || maxAge === undefined) return { ok: true, value: timestamp };
  const age = now - timestamp;
  return age > maxAge
    ? {
        ok: false,
        code: 'signature-expired',
        message: `Signature age ${ageText(age, maxAge)} s > max_age ${maxAge} s`,
      }
    : { ok: true, value: timestamp };
}

/** Django prints the float (`"Signature age %s > %s seconds"`); the panel's clock is a float too, so
 * whole seconds read better, with two decimals only when rounding would hide that it is over. */
function ageText(age: number, maxAge: number): string {
  const whole = Math.round(age);
  return whole > maxAge ? String(whole) : String(Math.round(age * 100) / 100);
}

/** `value, timestamp = result.rsplit(sep, 1); timestamp = b62_decode(timestamp)`. */
export function splitTimestamp(result: string, sep: string): Result<{ value: string; timestamp: number }> {
  const parts = rsplitOnce(result, sep);
  if (!parts)
    return { ok: false, code: 'malformed', message: `No "${sep}" before the signature: no timestamp` };
  const ts = b62Decode(parts[1]);
  if (!ts.ok) return ts;
  const timestamp = Number(ts.value);
  if (!Number.isFinite(timestamp)) return { ok: false, code: 'malformed', message: 'timestamp out of range' };
  return { ok: true, value: { value: parts[0], timestamp } };
}

export class Signer {
  static readonly defaultSalt: string = 'django.core.signing.Signer';
  readonly key: Secret;
  readonly sep: string;
  readonly salt: string;
  readonly algorithm: Algorithm;
  readonly fallbackKeys: readonly Secret[];

  protected constructor(options: SignerOptions, defaultSalt: string) {
    this.key = options.key;
    this.sep = options.sep ?? ':';
    this.salt = options.salt || defaultSalt;
    this.algorithm = options.algorithm ?? 'sha256';
    this.fallbackKeys = options.fallbackKeys ?? [];
  }

  static create(options: SignerOptions): Result<Signer> {
    const sep = checkSeparator(options.sep ?? ':');
    return sep.ok ? { ok: true, value: new Signer(options, Signer.defaultSalt) } : sep;
  }

  /** base64_hmac(self.salt + "signer", value, key, algorithm=self.algorithm). */
  async signature(value: string, key: Secret = this.key): Promise<string> {
    return this.base64Hmac(value, key);
  }

  /**
   * The signature, synchronously for sha1/sha256 (sha.ts): unsign runs it once per key, and a
   * key hunt has thousands, so no promise is made where none is needed.
   */
  private base64Hmac(value: string, key: Secret): string | Promise<string> {
    const keySalt = `${this.salt}signer`;
    return this.algorithm === 'sha1' || this.algorithm === 'sha256'
      ? b64Encode(saltedHmacSync(keySalt, value, key, this.algorithm))
      : saltedHmac(keySalt, value, key, this.algorithm).then(b64Encode);
  }

  async sign(value: string): Promise<string> {
    return `${value}${this.sep}${await this.signature(value)}`;
  }

  /** Tries [key, *fallback_keys] in order; the signature TEXT must match (§1.6). */
  async unsign(signedValue: string, _options: UnsignOptions = {}): Promise<Result<Unsigned>> {
    const parts = rsplitOnce(signedValue, this.sep);
    if (!parts) return { ok: false, code: 'bad-signature', message: `No "${this.sep}" found in value` };
    const [value, sig] = parts;
    for (const [i, key] of [this.key, ...this.fallbackKeys].entries()) {
      const expected = this.base64Hmac(value, key);
      if (constantTimeCompare(sig, typeof expected === 'string' ? expected : await expected)) {
        return { ok: true, value: { value, matchedKey: i } };
      }
    }
    return { ok: false, code: 'bad-signature', message: `Signature "${sig}" does not match` };
  }

  /** sign_object with an already serialized payload: `[.]b64(data)` signed (§2.3). */
  async signSerialized(data: Uint8Array, compress?: Compress): Promise<string> {
    let payload = data;
    let isCompressed = false;
    if (compress) {
      const compressed = await compress(data);
      if (compressed.length < data.length - 1) {
        payload = compressed;
        isCompressed = true;
      }
    }
    return this.sign((isCompressed ? '.' : '') + b64Encode(payload));
  }

  /** sign_object(obj, serializer=JSONSerializer, compress=…). */
  async signObject(obj: PyValue, compress?: Compress): Promise<Result<string>> {
    const json = dumpsPyJson(obj);
    if (!json.ok) return json;
    return { ok: true, value: await this.signSerialized(new TextEncoder().encode(json.value), compress) };
  }

  /** unsign_object: unsign, then `.` → zlib, b64_decode, serializer loads (JSON or pickle). */
  async unsignObject(signedObj: string, options: ObjectOptions): Promise<Result<UnsignedObject>> {
    await loadPickleReader();
    const unsigned = await this.unsign(signedObj, options);
    if (!unsigned.ok) return unsigned;
    const { compressed, payload } = loadObjectPayload(unsigned.value.value, options.limits);
    if (!payload.ok) return payload;
    return { ok: true, value: { ...unsigned.value, ...payload.value, compressed } };
  }
}

export class TimestampSigner extends Signer {
  static override readonly defaultSalt: string = 'django.core.signing.TimestampSigner';
  readonly now: number;

  protected constructor(options: TimestampSignerOptions) {
    super(options, TimestampSigner.defaultSalt);
    this.now = options.now;
  }

  static override create(options: TimestampSignerOptions): Result<TimestampSigner> {
    const sep = checkSeparator(options.sep ?? ':');
    return sep.ok ? { ok: true, value: new TimestampSigner(options) } : sep;
  }

  /** b62_encode(int(time.time())): int() truncates toward zero. */
  timestamp(): string {
    return b62Encode(Math.trunc(this.now));
  }

  override async sign(value: string): Promise<string> {
    return super.sign(`${value}${this.sep}${this.timestamp()}`);
  }

  /** The signature is checked before the timestamp: a forged timestamp is never "expired". */
  override async unsign(
    signedValue: string,
    options: UnsignOptions = {},
  ): Promise<Result<TimestampUnsigned>> {
    const result = await super.unsign(signedValue);
    if (!result.ok) return result;
    const split = splitTimestamp(result.value.value, this.sep);
    if (!split.ok) return split;
    const age = checkMaxAge(split.value.timestamp, options.maxAge, this.now);
    if (!age.ok) return age;
    return { ok: true, value: { ...split.value, matchedKey: result.value.matchedKey } };
  }

  override async unsignObject(
    signedObj: string,
    options: ObjectOptions,
  ): Promise<Result<UnsignedObject<TimestampUnsigned>>> {
    await loadPickleReader();
    const unsigned = await this.unsign(signedObj, options);
    if (!unsigned.ok) return unsigned;
    const { compressed, payload } = loadObjectPayload(unsigned.value.value, options.limits);
    if (!payload.ok) return payload;
    return { ok: true, value: { ...unsigned.value, ...payload.value, compressed } };
  }
}

export interface DumpsOptions {
  key: Secret;
  salt?: string;
  compress?: Compress;
  now: number;
}

/** signing.dumps: TimestampSigner(key, salt='django.core.signing').sign_object(obj). */
export async function dumps(obj: PyValue, options: DumpsOptions): Promise<Result<string>> {
  const signer = TimestampSigner.create({
    key: options.key,
    salt: options.salt ?? 'django.core.signing',
    now: options.now,
  });
  if (!signer.ok) return signer;
  return signer.value.signObject(obj, options.compress);
}

export interface LoadsOptions {
  key: Secret;
  salt?: string;
  fallbackKeys?: readonly Secret[];
  algorithm?: Algorithm;
  maxAge?: number | null;
  now: number;
  limits: Limits;
}

/** signing.loads: TimestampSigner(…).unsign_object(s, max_age=max_age). */
export async function loads(
  s: string,
  options: LoadsOptions,
): Promise<Result<UnsignedObject<TimestampUnsigned>>> {
  const signer = TimestampSigner.create({
    key: options.key,
    salt: options.salt ?? 'django.core.signing',
    now: options.now,
    ...(options.fallbackKeys ? { fallbackKeys: options.fallbackKeys } : {}),
    ...(options.algorithm ? { algorithm: options.algorithm } : {}),
  });
  if (!signer.ok) return signer;
  return signer.value.unsignObject(s, { maxAge: options.maxAge ?? null, limits: options.limits });
}
