// zlib.decompress(data) for the `.` flag of sign_object (§2.3), with a hard output cap.
//
// Why a pure-TS inflater and not DecompressionStream('deflate'): Python's zlib.decompress
// ignores bytes after the end of the stream (vector crafted_zlib_trailing_garbage is accepted
// by Django), while DecompressionStream rejects them ("Junk found after end of compressed
// data") and gives no way to know where the stream ended. This decoder is synchronous, stops
// the moment the output passes the cap (a bomb is never buffered), and reproduces zlib's
// checks: header (CM 8, window ≤ 32K, FCHECK, no preset dictionary), code completeness (only a
// single length-1 code may be incomplete), distances not before the start, and the Adler-32
// trailer. Canonical Huffman decoding follows Mark Adler's puff.c, zlib's reference inflater.
import type { Result } from './types';

const MAXBITS = 15;
const LEN_BASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195,
  227, 258,
];
const LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
  6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA = [
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];
const CLEN_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

class ZlibError {
  constructor(
    readonly code: 'decompress-failed' | 'too-large',
    readonly message: string,
  ) {}
}

const broken = (msg: string) =>
  new ZlibError('decompress-failed', `Error -3 while decompressing data: ${msg}`);
const truncated = () =>
  new ZlibError('decompress-failed', 'Error -5 while decompressing data: incomplete or truncated stream');

interface Huffman {
  count: Uint16Array;
  symbol: Uint16Array;
}

/** puff.c construct(): returns the number of unused codes (0 = complete, < 0 = over-subscribed). */
function construct(lengths: ArrayLike<number>, n: number): { h: Huffman; left: number } {
  const count = new Uint16Array(MAXBITS + 1);
  for (let s = 0; s < n; s++) {
    const len = lengths[s] ?? 0;
    count[len] = (count[len] ?? 0) + 1;
  }
  const h = { count, symbol: new Uint16Array(n) };
  if (count[0] === n) return { h, left: 0 };
  let left = 1;
  for (let len = 1; len <= MAXBITS; len++) {
    left = left * 2 - (count[len] ?? 0);
    if (left < 0) return { h, left };
  }
  const offs = new Uint16Array(MAXBITS + 1);
  for (let len = 1; len < MAXBITS; len++) offs[len + 1] = (offs[len] ?? 0) + (count[len] ?? 0);
  for (let s = 0; s < n; s++) {
    const len = lengths[s] ?? 0;
    if (len !== 0) {
      const at = offs[len] ?? 0;
      h.symbol[at] = s;
      offs[len] = at + 1;
    }
  }
  return { h, left };
}

class Inflater {
  private pos = 2;
  private bitBuf = 0;
  private bitCnt = 0;
  private out: Uint8Array;
  private len = 0;

  constructor(
    private readonly input: Uint8Array,
    private readonly cap: number,
  ) {
    this.out = new Uint8Array(Math.min(cap, Math.max(1024, input.length * 4)));
  }

  private bits(need: number): number {
    let val = this.bitBuf;
    while (this.bitCnt < need) {
      if (this.pos >= this.input.length) throw truncated();
      val |= (this.input[this.pos++] ?? 0) << this.bitCnt;
      this.bitCnt += 8;
    }
    this.bitBuf = val >>> need;
    this.bitCnt -= need;
    return val & ((1 << need) - 1);
  }

  private put(byte: number): void {
    if (this.len >= this.out.length) this.grow();
    this.out[this.len++] = byte;
  }

  /** Doubles the buffer, and fails as soon as the output would pass the cap. */
  private grow(): void {
    if (this.len >= this.cap) {
      throw new ZlibError('too-large', `decompressed data exceeds the ${this.cap}-byte limit`);
    }
    const next = new Uint8Array(Math.min(this.cap, this.out.length * 2));
    next.set(this.out);
    this.out = next;
  }

  private decodeSym(h: Huffman): number {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len <= MAXBITS; len++) {
      code |= this.bits(1);
      const count = h.count[len] ?? 0;
      if (code - count < first) return h.symbol[index + (code - first)] ?? 0;
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    throw broken('invalid code');
  }

  private stored(): void {
    this.bitBuf = 0;
    this.bitCnt = 0;
    if (this.pos + 4 > this.input.length) throw truncated();
    const i = this.input;
    const len = (i[this.pos] ?? 0) | ((i[this.pos + 1] ?? 0) << 8);
    const nlen = (i[this.pos + 2] ?? 0) | ((i[this.pos + 3] ?? 0) << 8);
    if (len !== (~nlen & 0xffff)) throw broken('invalid stored block lengths');
    this.pos += 4;
    for (let k = 0; k < len; k++) {
      if (this.pos >= i.length) throw truncated();
      this.put(i[this.pos++] ?? 0);
    }
  }

  private codes(lencode: Huffman, distcode: Huffman): void {
    for (;;) {
      let sym = this.decodeSym(lencode);
      if (sym < 256) this.put(sym);
      else if (sym === 256) return;
      else {
        sym -= 257;
        if (sym >= 29) throw broken('invalid literal/length code');
        const len = (LEN_BASE[sym] ?? 0) + this.bits(LEN_EXTRA[sym] ?? 0);
        const dsym = this.decodeSym(distcode);
        if (dsym >= 30) throw broken('invalid distance code');
        const dist = (DIST_BASE[dsym] ?? 0) + this.bits(DIST_EXTRA[dsym] ?? 0);
        if (dist > this.len) throw broken('invalid distance too far back');
        for (let k = 0; k < len; k++) this.put(this.out[this.len - dist] ?? 0);
      }
    }
  }

  private fixed(): void {
    const lengths = new Uint8Array(288 + 30);
    lengths.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288).fill(5, 288);
    this.codes(construct(lengths, 288).h, construct(lengths.subarray(288), 30).h);
  }

  private dynamic(): void {
    const nlen = this.bits(5) + 257;
    const ndist = this.bits(5) + 1;
    const ncode = this.bits(4) + 4;
    if (nlen > 286 || ndist > 30) throw broken('too many length or distance symbols');
    const lengths = new Uint8Array(320);
    for (let k = 0; k < ncode; k++) lengths[CLEN_ORDER[k] ?? 0] = this.bits(3);
    const clen = construct(lengths, 19);
    if (clen.left !== 0) throw broken('invalid code lengths set');
    lengths.fill(0);
    let index = 0;
    while (index < nlen + ndist) {
      let sym = this.decodeSym(clen.h);
      if (sym < 16) lengths[index++] = sym;
      else {
        let len = 0;
        if (sym === 16) {
          if (index === 0) throw broken('invalid bit length repeat');
          len = lengths[index - 1] ?? 0;
          sym = 3 + this.bits(2);
        } else if (sym === 17) sym = 3 + this.bits(3);
        else sym = 11 + this.bits(7);
        if (index + sym > nlen + ndist) throw broken('invalid bit length repeat');
        while (sym--) lengths[index++] = len;
      }
    }
    if (lengths[256] === 0) throw broken('invalid code -- missing end-of-block');
    const lencode = construct(lengths, nlen);
    if (lencode.left < 0 || (lencode.left > 0 && nlen - (lencode.h.count[0] ?? 0) !== 1)) {
      throw broken('invalid literal/lengths set');
    }
    const distcode = construct(lengths.subarray(nlen), ndist);
    if (distcode.left < 0 || (distcode.left > 0 && ndist - (distcode.h.count[0] ?? 0) !== 1)) {
      throw broken('invalid distances set');
    }
    this.codes(lencode.h, distcode.h);
  }

  run(): Uint8Array {
    let last = 0;
    do {
      last = this.bits(1);
      const type = this.bits(2);
      if (type === 0) this.stored();
      else if (type === 1) this.fixed();
      else if (type === 2) this.dynamic();
      else throw broken('invalid block type');
    } while (!last);
    // The Adler-32 trailer starts at the next byte boundary; anything after it is ignored,
    // as zlib.decompress leaves it in unused_data.
    this.bitBuf = 0;
    this.bitCnt = 0;
    if (this.pos + 4 > this.input.length) throw truncated();
    const i = this.input;
    const want =
      (((i[this.pos] ?? 0) << 24) |
        ((i[this.pos + 1] ?? 0) << 16) |
        ((i[this.pos + 2] ?? 0) << 8) |
        (i[this.pos + 3] ?? 0)) >>>
      0;
    const result = this.out.subarray(0, this.len);
    if (adler32(result) !== want) throw broken('incorrect data check');
    return result;
  }
}

export function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < data.length; ) {
    const end = Math.min(i + 3800, data.length);
    for (; i < end; i++) {
      a += data[i] ?? 0;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** zlib.decompress(data) (RFC 1950), failing with `too-large` once output passes `maxBytes`. */
export function zlibDecompress(data: Uint8Array, maxBytes: number): Result<Uint8Array> {
  const cmf = data[0];
  const flg = data[1];
  if (cmf === undefined || flg === undefined) return { ok: false, ...truncated() };
  if ((cmf * 256 + flg) % 31 !== 0) return { ok: false, ...broken('incorrect header check') };
  if ((cmf & 0x0f) !== 8) return { ok: false, ...broken('unknown compression method') };
  if (cmf >> 4 > 7) return { ok: false, ...broken('invalid window size') };
  if (flg & 0x20)
    return { ok: false, code: 'decompress-failed', message: 'Error 2 while decompressing data' };
  try {
    return { ok: true, value: new Inflater(data, maxBytes).run() };
  } catch (e) {
    if (e instanceof ZlibError) return { ok: false, code: e.code, message: e.message };
    throw e;
  }
}
