// biome-ignore-all lint/style/noNonNullAssertion: typed-array reads inside loops bounded by the array's own length (or a fixed block size); a guard per element would cost the hot path and could never fire.
// zlib.decompress(data) for the `.` flag of sign_object (§2.3), with a hard output cap.
//
// Why a pure-TS inflater and not DecompressionStream('deflate'): Python's zlib.decompress
// ignores bytes after the end of the stream (vector crafted_zlib_trailing_garbage is accepted
// by Django), while DecompressionStream rejects them ("Junk found after end of compressed
// data") and gives no way to know where the stream ended. This decoder is synchronous, stops
// the moment the output passes the cap (a bomb is never buffered), and reproduces zlib's
// checks: header (CM 8, window ≤ 32K, FCHECK, no preset dictionary), code completeness (only a
// single length-1 code may be incomplete), distances not before the start, and the Adler-32
// trailer. Canonical Huffman decoding follows Mark Adler's puff.c, zlib's reference inflater,
// with one-lookup tables in front of its bit-at-a-time walk for codes of up to 9 bits.
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

/**
 * Codes of at most FAST_BITS bits are decoded by one lookup instead of puff's bit-at-a-time walk
 * (WHY: that walk was most of a compressed session's inflate time); longer codes, rare in
 * cookie-sized streams, and unused codes of an incomplete set still take the walk, which keeps
 * puff's checks exactly.
 */
const FAST_BITS = 9;

interface Huffman {
  count: Uint16Array;
  symbol: Uint16Array;
  /** Bits the fast table is indexed by: FAST_BITS, or fewer when no code is that long. */
  fastBits: number;
  /** Indexed by the next fastBits input bits: `symbol << 4 | length`, or 0 for "walk the code". */
  fast: Int32Array;
}

// Scratch for construct()/fillFast(), which never run two at a time (the core is synchronous):
// allocating them per table was a visible part of inflating a cookie-sized stream.
const OFFS = new Uint16Array(MAXBITS + 1);
const NEXT = new Uint16Array(MAXBITS + 1);
/** REVERSED[x] = x's FAST_BITS bits in reverse order (a code of length len is x >> (9 - len)). */
const REVERSED = new Uint16Array(1 << FAST_BITS);
for (let x = 0; x < REVERSED.length; x++) {
  let r = 0;
  for (let i = 0, v = x; i < FAST_BITS; i++, v >>= 1) r = (r << 1) | (v & 1);
  REVERSED[x] = r;
}

/** Where construct() builds a table: fresh arrays, or a dynamic block's reused ones. */
interface TableStore {
  count: Uint16Array;
  symbol: Uint16Array;
  fast: Int32Array;
}

const newStore = (): TableStore => ({
  count: new Uint16Array(MAXBITS + 1),
  symbol: new Uint16Array(288),
  fast: new Int32Array(1 << FAST_BITS),
});

/**
 * A dynamic block's three tables (code lengths, literal/length, distance), rebuilt in place for
 * every dynamic block. WHY: allocating them (the 512-entry fast tables above all) was the largest
 * part of inflating a cookie-sized stream, whose one block is read in microseconds. Safe because
 * the core is synchronous and a block's tables are dead once its codes() returns, before the next
 * block builds its own.
 */
const DYNAMIC = {
  clen: newStore(),
  lencode: newStore(),
  distcode: newStore(),
  lengths: new Uint8Array(320),
};

/** puff.c construct(): returns the number of unused codes (0 = complete, < 0 = over-subscribed). */
function construct(
  lengths: ArrayLike<number>,
  n: number,
  store: TableStore = newStore(),
): { h: Huffman; left: number } {
  const count = store.count.fill(0);
  for (let s = 0; s < n; s++) {
    const len = lengths[s] ?? 0;
    count[len] = (count[len] ?? 0) + 1;
  }
  let longest = MAXBITS;
  while (longest > 1 && count[longest] === 0) longest--;
  const fastBits = Math.min(FAST_BITS, longest);
  // Every symbol index a lookup can reach is written below; the fast table's unwritten entries
  // must read 0 ("walk the code"), hence the fill.
  const fast = store.fast.subarray(0, 1 << fastBits).fill(0);
  const h = { count, symbol: store.symbol, fastBits, fast };
  if (count[0] === n) return { h, left: 0 };
  let left = 1;
  for (let len = 1; len <= MAXBITS; len++) {
    left = left * 2 - (count[len] ?? 0);
    if (left < 0) return { h, left };
  }
  const offs = OFFS.fill(0);
  for (let len = 1; len < MAXBITS; len++) offs[len + 1] = (offs[len] ?? 0) + (count[len] ?? 0);
  for (let s = 0; s < n; s++) {
    const len = lengths[s] ?? 0;
    if (len !== 0) {
      const at = offs[len] ?? 0;
      h.symbol[at] = s;
      offs[len] = at + 1;
    }
  }
  fillFast(h, lengths, n);
  return { h, left };
}

/**
 * The canonical code of each symbol (RFC 1951 §3.2.2), bit-reversed because deflate sends codes
 * MSB first into an LSB-first stream, entered at every index whose low bits it matches.
 */
function fillFast(h: Huffman, lengths: ArrayLike<number>, n: number): void {
  const { count, fast, fastBits } = h;
  const next = NEXT;
  // bl_count[0] counts as 0 here: unused symbols take no code space.
  for (let len = 1, code = 0; len <= MAXBITS; len++) {
    code = (code + (len === 1 ? 0 : (count[len - 1] ?? 0))) << 1;
    next[len] = code;
  }
  for (let s = 0; s < n; s++) {
    const len = lengths[s] ?? 0;
    if (len === 0) continue;
    const code = next[len] ?? 0;
    next[len] = code + 1;
    if (len > fastBits) continue;
    const reversed = REVERSED[code << (FAST_BITS - len)]!;
    for (let at = reversed; at < fast.length; at += 1 << len) fast[at] = (s << 4) | len;
  }
}

/** RFC 1951 §3.2.6's fixed codes, built once. */
const FIXED = (() => {
  const lengths = new Uint8Array(288 + 30);
  lengths.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288).fill(5, 288);
  return { lencode: construct(lengths, 288).h, distcode: construct(lengths.subarray(288), 30).h };
})();

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

  /**
   * Makes room for `n` more bytes, doubling the buffer, and fails as soon as the output would pass
   * the cap: a bomb is stopped before the bytes past the cap are ever written.
   */
  private ensure(n: number): void {
    const need = this.len + n;
    if (need <= this.out.length) return;
    if (need > this.cap) {
      throw new ZlibError('too-large', `decompressed data exceeds the ${this.cap}-byte limit`);
    }
    let size = this.out.length * 2;
    while (size < need) size *= 2;
    const next = new Uint8Array(Math.min(this.cap, size));
    next.set(this.out.subarray(0, this.len));
    this.out = next;
  }

  /** Tops the bit buffer up to at least 25 bits, as far as the input goes (never fails). */
  private fill(): void {
    while (this.bitCnt <= 24 && this.pos < this.input.length) {
      this.bitBuf |= this.input[this.pos++]! << this.bitCnt;
      this.bitCnt += 8;
    }
  }

  /**
   * Drops the bits left in the current byte before a byte-aligned read (stored block, trailer),
   * handing back the whole bytes fill() had read ahead.
   */
  private alignToByte(): void {
    this.pos -= this.bitCnt >>> 3;
    this.bitBuf = 0;
    this.bitCnt = 0;
  }

  private decodeSym(h: Huffman): number {
    if (this.bitCnt < h.fastBits) this.fill();
    if (this.bitCnt >= h.fastBits) {
      const entry = h.fast[this.bitBuf & (h.fast.length - 1)]!;
      if (entry !== 0) {
        const len = entry & 15;
        this.bitBuf >>>= len;
        this.bitCnt -= len;
        return entry >> 4;
      }
    }
    return this.walkSym(h);
  }

  /** puff.c decode(): one bit at a time through the canonical code (codes past FAST_BITS). */
  private walkSym(h: Huffman): number {
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
    this.alignToByte();
    if (this.pos + 4 > this.input.length) throw truncated();
    const i = this.input;
    const len = (i[this.pos] ?? 0) | ((i[this.pos + 1] ?? 0) << 8);
    const nlen = (i[this.pos + 2] ?? 0) | ((i[this.pos + 3] ?? 0) << 8);
    if (len !== (~nlen & 0xffff)) throw broken('invalid stored block lengths');
    this.pos += 4;
    const available = Math.min(len, i.length - this.pos);
    this.ensure(available);
    this.out.set(i.subarray(this.pos, this.pos + available), this.len);
    this.len += available;
    this.pos += available;
    if (available < len) throw truncated();
  }

  /**
   * One block's symbols: decodeSym, bits and ensure inlined over local copies of the bit buffer
   * and output (WHY: the method calls per symbol were most of the time left after the fast
   * tables). The state goes back to `this` before every call to the slow helpers, which then
   * behave exactly as before, and is re-read after; spelled out, not in closures, because locals a
   * closure captures live on the heap and would undo the point.
   */
  private codes(lencode: Huffman, distcode: Huffman): void {
    const input = this.input;
    const lfast = lencode.fast;
    const lbits = lencode.fastBits;
    const dfast = distcode.fast;
    const dbits = distcode.fastBits;
    let out = this.out;
    let len = this.len;
    let buf = this.bitBuf;
    let cnt = this.bitCnt;
    let pos = this.pos;
    for (;;) {
      while (cnt <= 24 && pos < input.length) {
        buf |= input[pos++]! << cnt;
        cnt += 8;
      }
      let sym: number;
      const entry = cnt >= lbits ? lfast[buf & (lfast.length - 1)]! : 0;
      if (entry !== 0) {
        buf >>>= entry & 15;
        cnt -= entry & 15;
        sym = entry >> 4;
      } else {
        this.len = len;
        this.bitBuf = buf;
        this.bitCnt = cnt;
        this.pos = pos;
        sym = this.walkSym(lencode);
        out = this.out;
        len = this.len;
        buf = this.bitBuf;
        cnt = this.bitCnt;
        pos = this.pos;
      }
      if (sym < 256) {
        if (len >= out.length) {
          this.len = len;
          this.bitBuf = buf;
          this.bitCnt = cnt;
          this.pos = pos;
          this.ensure(1);
          out = this.out;
          len = this.len;
          buf = this.bitBuf;
          cnt = this.bitCnt;
          pos = this.pos;
        }
        out[len++] = sym;
        continue;
      }
      if (sym === 256) break;
      sym -= 257;
      if (sym >= 29) throw broken('invalid literal/length code');
      let extra = LEN_EXTRA[sym]!;
      let copy = LEN_BASE[sym]!;
      if (cnt >= extra) {
        copy += buf & ((1 << extra) - 1);
        buf >>>= extra;
        cnt -= extra;
      } else {
        this.len = len;
        this.bitBuf = buf;
        this.bitCnt = cnt;
        this.pos = pos;
        copy += this.bits(extra);
        out = this.out;
        len = this.len;
        buf = this.bitBuf;
        cnt = this.bitCnt;
        pos = this.pos;
      }
      while (cnt <= 24 && pos < input.length) {
        buf |= input[pos++]! << cnt;
        cnt += 8;
      }
      let dsym: number;
      const dentry = cnt >= dbits ? dfast[buf & (dfast.length - 1)]! : 0;
      if (dentry !== 0) {
        buf >>>= dentry & 15;
        cnt -= dentry & 15;
        dsym = dentry >> 4;
      } else {
        this.len = len;
        this.bitBuf = buf;
        this.bitCnt = cnt;
        this.pos = pos;
        dsym = this.walkSym(distcode);
        out = this.out;
        len = this.len;
        buf = this.bitBuf;
        cnt = this.bitCnt;
        pos = this.pos;
      }
      if (dsym >= 30) throw broken('invalid distance code');
      extra = DIST_EXTRA[dsym]!;
      let dist = DIST_BASE[dsym]!;
      if (cnt >= extra) {
        dist += buf & ((1 << extra) - 1);
        buf >>>= extra;
        cnt -= extra;
      } else {
        this.len = len;
        this.bitBuf = buf;
        this.bitCnt = cnt;
        this.pos = pos;
        dist += this.bits(extra);
        out = this.out;
        len = this.len;
        buf = this.bitBuf;
        cnt = this.bitCnt;
        pos = this.pos;
      }
      if (dist > len) throw broken('invalid distance too far back');
      if (len + copy > out.length) {
        this.len = len;
        this.bitBuf = buf;
        this.bitCnt = cnt;
        this.pos = pos;
        this.ensure(copy);
        out = this.out;
        len = this.len;
        buf = this.bitBuf;
        cnt = this.bitCnt;
        pos = this.pos;
      }
      // Byte by byte: a copy may overlap its own output (dist < copy repeats a run).
      for (let from = len - dist, end = len + copy; len < end; ) out[len++] = out[from++]!;
    }
    this.len = len;
    this.bitBuf = buf;
    this.bitCnt = cnt;
    this.pos = pos;
  }

  private fixed(): void {
    this.codes(FIXED.lencode, FIXED.distcode);
  }

  private dynamic(): void {
    const nlen = this.bits(5) + 257;
    const ndist = this.bits(5) + 1;
    const ncode = this.bits(4) + 4;
    if (nlen > 286 || ndist > 30) throw broken('too many length or distance symbols');
    const lengths = DYNAMIC.lengths.fill(0);
    for (let k = 0; k < ncode; k++) lengths[CLEN_ORDER[k] ?? 0] = this.bits(3);
    const clen = construct(lengths, 19, DYNAMIC.clen);
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
    const lencode = construct(lengths, nlen, DYNAMIC.lencode);
    if (lencode.left < 0 || (lencode.left > 0 && nlen - (lencode.h.count[0] ?? 0) !== 1)) {
      throw broken('invalid literal/lengths set');
    }
    const distcode = construct(lengths.subarray(nlen), ndist, DYNAMIC.distcode);
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
    this.alignToByte();
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
