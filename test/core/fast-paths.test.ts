// The fast paths of the core (table-driven inflate, JSON.parse for json.loads, latin-1 through
// TextDecoder) against references: node:zlib for deflate streams of every block type, the exact
// pyjson reader for JSON texts, and bytes-as-code-points for latin-1. Run count printed.
import { constants, deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { b64Decode, standardB64Decode } from '../../src/core/base64';
import { latin1Decode } from '../../src/core/bytes';
import { parsePyJson } from '../../src/core/pyjson';
import { parsePyJsonExact } from '../../src/core/pyjson-exact';
import { zlibDecompress } from '../../src/core/zlib';

const RUNS = 300;
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261201;

/** Bytes from a few symbols (long matches, skewed Huffman codes) or anything (stored-like). */
const payload = fc.oneof(
  fc.uint8Array({ maxLength: 5000 }),
  fc
    .tuple(
      fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 40 }),
      fc.nat({ max: 20000 }),
    )
    .map(([alphabet, n]) =>
      Uint8Array.from({ length: n }, (_, i) => alphabet[(i * 7 + (i >> 5)) % alphabet.length] ?? 0),
    ),
);

describe('zlibDecompress against node:zlib', () => {
  it('inflates what deflate writes at every level and strategy', () => {
    const strategies = [
      constants.Z_DEFAULT_STRATEGY,
      constants.Z_FILTERED,
      constants.Z_HUFFMAN_ONLY,
      constants.Z_RLE,
      constants.Z_FIXED,
    ];
    let runs = 0;
    fc.assert(
      fc.property(
        payload,
        fc.integer({ min: 0, max: 9 }),
        fc.constantFrom(...strategies),
        (data, level, strategy) => {
          runs++;
          const z = new Uint8Array(deflateSync(data, { level, strategy }));
          const r = zlibDecompress(z, data.length);
          expect(r.ok && Buffer.from(r.value).equals(Buffer.from(data))).toBe(true);
          if (data.length > 0)
            expect(zlibDecompress(z, data.length - 1)).toMatchObject({ code: 'too-large' });
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
    console.log(`zlib: ${runs} streams inflated`);
  });

  it('fails cleanly, never throws, on every truncation of a stream', () => {
    const data = new TextEncoder().encode(
      JSON.stringify({ cart: Array.from({ length: 300 }, (_, i) => i * i) }),
    );
    const z = new Uint8Array(deflateSync(data, { level: 9 }));
    for (let n = 0; n < z.length; n++) {
      expect(zlibDecompress(z.subarray(0, n), 1 << 20)).toMatchObject({
        ok: false,
        code: 'decompress-failed',
      });
    }
  });
});

/** JSON texts, and texts where Python's json.loads and JSON.parse part ways. */
const jsonText = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc.constantFrom(
    '{"1":"a","b":2,"0":3}',
    '{"a":1,"b":2,"a":3}',
    '{"__proto__":1,"x":[]}',
    '[1.0,2,-0,-0.0,1e5,1E-7]',
    '[9007199254740993,123456789012345,1234567890123456]',
    '[NaN,Infinity,-Infinity]',
    '"\\ud800\\u0041"',
    '"\\ud834\\udd1e"',
    '{"k":"\\"quoted\\\\"}',
    '[1,]',
    '01',
    ' {"a" : [ true , false , null ] } ',
    '"caf\u00e9 \u00ff"',
    '{"4294967294":1,"4294967295":2,"a":3}',
  ),
);

describe('parsePyJson: the JSON.parse fast path reads as the exact reader does', () => {
  it('agrees on every text, valid or not, including the ones the fast path must refuse', () => {
    let runs = 0;
    fc.assert(
      fc.property(jsonText, fc.integer({ min: 1, max: 6 }), (text, maxDepth) => {
        runs++;
        expect(parsePyJson(text, maxDepth)).toEqual(parsePyJsonExact(text, maxDepth));
      }),
      { numRuns: RUNS, seed: SEED },
    );
    console.log(`pyjson: ${runs} texts compared`);
  });

  it('keeps index-like keys where Python puts them (JS objects would move them first)', () => {
    const r = parsePyJson('{"b":1,"1":2}', 10);
    expect(r.ok && r.value.t === 'dict' && r.value.entries.map(([k]) => (k.t === 'str' ? k.v : ''))).toEqual([
      'b',
      '1',
    ]);
  });
});

describe('latin1Decode', () => {
  it('maps each byte to the code point of the same value, ASCII or not', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 9000 }), (data) => {
        expect(latin1Decode(data)).toBe(Array.from(data, (b) => String.fromCharCode(b)).join(''));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('is not fooled by what a UTF-8 decode keeps the same length or drops: BOM, U+FFFD, lone bytes', () => {
    // ASCII runs with the sequences that test the fast path's proof spliced in: a BOM (dropped by
    // the decoder), U+FFFD's own bytes, a lone continuation byte, 2- and 4-byte characters.
    const piece = fc.oneof(
      fc.uint8Array({ max: 0x7f, maxLength: 40 }),
      fc.constantFrom(
        Uint8Array.of(0xef, 0xbb, 0xbf),
        Uint8Array.of(0xef, 0xbf, 0xbd),
        Uint8Array.of(0x80),
        Uint8Array.of(0xff),
        Uint8Array.of(0xc3, 0xa9),
        Uint8Array.of(0xf0, 0x9f, 0x98, 0x80),
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const data = Uint8Array.from(pieces.flatMap((p) => [...p]));
        expect(latin1Decode(data)).toBe(Array.from(data, (b) => String.fromCharCode(b)).join(''));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

describe('b64Decode: the clean-alphabet fast path reads as a2b_base64 does', () => {
  /**
   * signing.b64_decode spelled out: pad with `=` to a multiple of 4 (by the UTF-8 length), map
   * `-_` to `+/`, then base64.b64decode's non-validating a2b_base64.
   */
  const reference = (s: string) => {
    const pad = '='.repeat((4 - (new TextEncoder().encode(s).length % 4)) % 4);
    return standardB64Decode(s.replaceAll('-', '+').replaceAll('_', '/') + pad);
  };
  const urlsafe = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

  it('agrees on clean text of every length and on text with padding, +/, garbage or non-ASCII', () => {
    const clean = fc.string({ unit: fc.constantFrom(...urlsafe), maxLength: 200 });
    const dirty = fc.string({
      unit: fc.constantFrom(...urlsafe, '=', '+', '/', '!', ' ', 'é', '\u{1F600}'),
      maxLength: 60,
    });
    fc.assert(
      fc.property(fc.oneof(clean, dirty), (s) => {
        expect(b64Decode(s)).toEqual(reference(s));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
