// biome-ignore-all lint/style/noNonNullAssertion: typed-array reads inside loops bounded by the array's own length (or a fixed block size); a guard per element would cost the hot path and could never fire.
// The key hunt's HMAC loop (hunt.ts): salted_hmac over sha.ts's compression functions, for many
// secrets and one message. Its own module so it loads with the hunt, not with every decode.
import { BLOCK, SHAS, type Sha, type ShaAlgorithm } from './sha';
import type { Secret } from './types';

/**
 * salted_hmac(key_salt, message, secret).digest() == expected, for many secrets and one message:
 * the key hunt's inner loop (hunt.ts). Same arithmetic as shaDigest/hmacKey/hmacSign, but every
 * buffer is made once here and reused, the message's padding block(s) and the outer block's
 * padding are built once, and the result is compared as digest words. WHY: per-candidate
 * allocations and byte packing were a third of check-keys' time beside the SHA blocks themselves.
 */
export class SaltedHmacLoop {
  private readonly sha: Sha;
  /** key_salt (and key prefix) bytes, then the secret, written per candidate. */
  private material: Uint8Array;
  private readonly saltLength: number;
  private readonly state: Int32Array;
  private readonly inner: Int32Array;
  private readonly outer: Int32Array;
  private readonly block = new Uint8Array(2 * BLOCK);
  private readonly pad = new Uint8Array(BLOCK);
  private readonly message: Uint8Array;
  private readonly messageFull: number;
  /** The message's last partial block and padding, for a hash that absorbed one block before it. */
  private readonly messageTail: Uint8Array;
  /** The outer hash's one block: the inner digest, then padding for 64 + digest bytes. */
  private readonly outerBlock = new Uint8Array(BLOCK);

  constructor(
    algorithm: ShaAlgorithm,
    keySalt: Uint8Array,
    message: Uint8Array,
    private readonly expected: Int32Array,
  ) {
    this.sha = SHAS[algorithm];
    this.saltLength = keySalt.length;
    this.material = new Uint8Array(keySalt.length + 256);
    this.material.set(keySalt);
    this.state = this.sha.iv.slice();
    this.inner = this.sha.iv.slice();
    this.outer = this.sha.iv.slice();
    this.message = message;
    this.messageFull = message.length - (message.length % BLOCK);
    this.messageTail = paddingBlocks(message.subarray(this.messageFull), BLOCK + message.length);
    const digestBytes = this.sha.words * 4;
    this.outerBlock.set(paddingBlocks(new Uint8Array(digestBytes), BLOCK + digestBytes));
  }

  matches(secret: Secret): boolean {
    const sha = this.sha;
    const length = this.writeSecret(secret);
    // K = H(key_salt ‖ secret)
    const h = this.state;
    h.set(sha.iv);
    const full = length - (length % BLOCK);
    for (let at = 0; at < full; at += BLOCK) sha.compress(h, this.material, at);
    const rest = length - full;
    const tailBlocks = rest < BLOCK - 8 ? 1 : 2;
    const block = this.block;
    block.fill(0, 0, tailBlocks * BLOCK);
    block.set(this.material.subarray(full, length));
    block[rest] = 0x80;
    writeBitLength(block, tailBlocks * BLOCK, length);
    for (let b = 0; b < tailBlocks; b++) sha.compress(h, block, b * BLOCK);
    // The HMAC key schedule with K (a digest: shorter than the block, so never hashed again).
    const pad = this.pad;
    pad.fill(0x36);
    for (let i = 0; i < sha.words; i++) xorWord(pad, 4 * i, h[i]!, 0x36);
    this.inner.set(sha.iv);
    sha.compress(this.inner, pad, 0);
    pad.fill(0x5c);
    for (let i = 0; i < sha.words; i++) xorWord(pad, 4 * i, h[i]!, 0x5c);
    this.outer.set(sha.iv);
    sha.compress(this.outer, pad, 0);
    // inner = H((K ^ ipad) ‖ message), outer = H((K ^ opad) ‖ inner)
    for (let at = 0; at < this.messageFull; at += BLOCK) sha.compress(this.inner, this.message, at);
    for (let at = 0; at < this.messageTail.length; at += BLOCK)
      sha.compress(this.inner, this.messageTail, at);
    for (let i = 0; i < sha.words; i++) xorWord(this.outerBlock, 4 * i, this.inner[i]!, 0);
    sha.compress(this.outer, this.outerBlock, 0);
    let diff = 0;
    for (let i = 0; i < sha.words; i++) diff |= this.outer[i]! ^ this.expected[i]!;
    return diff === 0;
  }

  /** Writes the secret's bytes (force_bytes: UTF-8) after the salt; returns the total length. */
  private writeSecret(secret: Secret): number {
    const start = this.saltLength;
    if (typeof secret === 'string') {
      if (start + secret.length <= this.material.length) {
        let i = 0;
        for (; i < secret.length; i++) {
          const c = secret.charCodeAt(i);
          if (c > 0x7f) break;
          this.material[start + i] = c;
        }
        if (i === secret.length) return start + i;
      }
      return this.writeBytes(new TextEncoder().encode(secret));
    }
    return this.writeBytes(secret);
  }

  private writeBytes(bytes: Uint8Array): number {
    const need = this.saltLength + bytes.length;
    if (need > this.material.length) {
      const grown = new Uint8Array(need);
      grown.set(this.material.subarray(0, this.saltLength));
      this.material = grown;
    }
    this.material.set(bytes, this.saltLength);
    return need;
  }
}

/** Writes `word` big-endian at `at`, each byte XOR `mask` (0 to copy). */
function xorWord(out: Uint8Array, at: number, word: number, mask: number): void {
  out[at] = (word >>> 24) ^ mask;
  out[at + 1] = ((word >>> 16) & 0xff) ^ mask;
  out[at + 2] = ((word >>> 8) & 0xff) ^ mask;
  out[at + 3] = (word & 0xff) ^ mask;
}

/** The 64-bit big-endian bit length of a `bytes`-long message, in the last 8 bytes of out[..end]. */
function writeBitLength(out: Uint8Array, end: number, bytes: number): void {
  const bits = bytes * 8;
  const high = Math.floor(bits / 0x100000000);
  const low = bits >>> 0;
  for (let i = 0; i < 4; i++) {
    out[end - 8 + i] = (high >>> (24 - 8 * i)) & 0xff;
    out[end - 4 + i] = (low >>> (24 - 8 * i)) & 0xff;
  }
}

/** `rest` (under a block) then FIPS 180-4 padding for a `total`-byte message: 1 or 2 blocks. */
function paddingBlocks(rest: Uint8Array, total: number): Uint8Array {
  const out = new Uint8Array(rest.length < BLOCK - 8 ? BLOCK : 2 * BLOCK);
  out.set(rest);
  out[rest.length] = 0x80;
  writeBitLength(out, out.length, total);
  return out;
}

/** Big-endian 32-bit words of a digest, as SaltedHmacLoop compares them. */
export function digestWords(digest: Uint8Array): Int32Array {
  const out = new Int32Array(digest.length >> 2);
  for (let i = 0; i < out.length; i++) {
    out[i] =
      (digest[4 * i]! << 24) | (digest[4 * i + 1]! << 16) | (digest[4 * i + 2]! << 8) | digest[4 * i + 3]!;
  }
  return out;
}
