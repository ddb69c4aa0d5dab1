import { describe, expect, it } from 'vitest';
import { floatRepr } from './float-repr';
import { dumpsPyJson, parsePyJson } from './pyjson';
import type { PyValue } from './types';

const parse = (s: string, depth = 1000) => parsePyJson(s, depth);
const ok = (s: string) => {
  const r = parse(s);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

describe('floatRepr (Python float.__repr__)', () => {
  it.each([
    [1, '1.0'],
    [1e16, '1e+16'],
    [1e15, '1000000000000000.0'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [-0, '-0.0'],
    [Number.NaN, 'nan'],
    [Number.POSITIVE_INFINITY, 'inf'],
    [Number.NEGATIVE_INFINITY, '-inf'],
    [1e308, '1e+308'],
    [5e-324, '5e-324'],
    [0.1, '0.1'],
    [123.456, '123.456'],
    [1.5e16, '1.5e+16'],
    [2.5e-7, '2.5e-07'],
  ])('%s → %s', (x, repr) => expect(floatRepr(x)).toBe(repr));
});

describe('parsePyJson (json.loads)', () => {
  it('keeps ints exact and floats as repr text', () => {
    expect(ok('123456789012345678901234567890')).toEqual({ t: 'int', v: '123456789012345678901234567890' });
    expect(ok('-0')).toEqual({ t: 'int', v: '0' });
    expect(ok('-0.0')).toEqual({ t: 'float', v: '-0.0' });
    expect(ok('1E400')).toEqual({ t: 'float', v: 'inf' });
    expect(ok('[NaN,Infinity,-Infinity,1e16,2.50]')).toEqual({
      t: 'list',
      items: ['nan', 'inf', '-inf', '1e+16', '2.5'].map((v) => ({ t: 'float', v })),
    });
  });

  it('keeps the first position and the last value of duplicate keys', () => {
    expect(ok('{"a":1,"b":2,"a":3}')).toEqual({
      t: 'dict',
      entries: [
        [
          { t: 'str', v: 'a' },
          { t: 'int', v: '3' },
        ],
        [
          { t: 'str', v: 'b' },
          { t: 'int', v: '2' },
        ],
      ],
    });
  });

  it('reads escapes, surrogate pairs and lone surrogates', () => {
    expect(ok('"\\ud83d\\ude00 \\u00e9\\n\\/"')).toEqual({ t: 'str', v: '😀 é\n/' });
    expect(ok('"\\ud800x"')).toEqual({ t: 'str', v: '\ud800x' });
  });

  it('allows JSON whitespace only', () => {
    expect(ok(' \t\n\r{ "a" : [ 1 , true , null ] } \n')).toMatchObject({ t: 'dict' });
    expect(parse('\u00a0{}')).toMatchObject({ ok: false, code: 'bad-json' });
  });

  it.each([
    '',
    '[1,]',
    '{"a":1,}',
    '{1:2}',
    '01',
    '1.',
    '.5',
    '"a\nb"',
    '"\\x"',
    '"\\u12"',
    'nul',
    '{"a" 1}',
    '[1 2]',
    '"unterminated',
    '\u00ef\u00bb\u00bf{}',
    '{} x',
  ])('rejects %j as bad-json', (s) => {
    expect(parse(s)).toMatchObject({ ok: false, code: 'bad-json' });
  });

  it('rejects ints beyond Python’s 4300-digit limit', () => {
    expect(parse('9'.repeat(4301))).toMatchObject({ ok: false, code: 'bad-json' });
    expect(parse('9'.repeat(4300))).toMatchObject({ ok: true });
  });

  it('caps depth iteratively: no stack overflow on 100k brackets', () => {
    expect(parse('['.repeat(100_000), 1000)).toMatchObject({ ok: false, code: 'too-deep' });
    expect(parse(`${'['.repeat(50)}${']'.repeat(50)}`, 50)).toMatchObject({ ok: true });
    expect(parse(`${'['.repeat(51)}${']'.repeat(51)}`, 50)).toMatchObject({ ok: false, code: 'too-deep' });
  });
});

describe('dumpsPyJson (json.dumps(separators=(",", ":")))', () => {
  it('escapes non-ASCII with ensure_ascii, including surrogate pairs and DEL', () => {
    const v: PyValue = { t: 'str', v: 'é😀\u007f"\\\t' };
    expect(dumpsPyJson(v)).toEqual({ ok: true, value: '"\\u00e9\\ud83d\\ude00\\u007f\\"\\\\\\t"' });
  });

  it('converts non-string keys and special floats as Python does', () => {
    const v: PyValue = {
      t: 'dict',
      entries: [
        [
          { t: 'int', v: '1' },
          { t: 'float', v: 'nan' },
        ],
        [
          { t: 'float', v: '2.5' },
          { t: 'float', v: '-inf' },
        ],
        [{ t: 'none' }, { t: 'tuple', items: [{ t: 'bool', v: false }] }],
      ],
    };
    expect(dumpsPyJson(v)).toEqual({ ok: true, value: '{"1":NaN,"2.5":-Infinity,"null":[false]}' });
  });

  it('refuses what json cannot serialize', () => {
    expect(dumpsPyJson({ t: 'bytes', v: '00' })).toMatchObject({ ok: false });
  });

  it('round-trips through parsePyJson', () => {
    const text = '{"a":[1,2.5,"\\u00e9",null,true,{"b":-1e-07}],"c":"x"}';
    const v = ok(text);
    expect(dumpsPyJson(v)).toEqual({ ok: true, value: text });
  });
});

describe('value cap', () => {
  it('stops counting at maxNodes with too-large, where Python would build every value', () => {
    const lists = `[${'[],'.repeat(1_300_000)}[]]`;
    const start = performance.now();
    expect(parsePyJson(lists, 1000, 100_000)).toEqual({
      ok: false,
      code: 'too-large',
      message: 'more than 100000 values',
    });
    expect(performance.now() - start).toBeLessThan(1000);
    // Exactly at the cap is fine: the outer list and 99,999 items.
    const at = parsePyJson(`[${'0,'.repeat(99_998)}0]`, 1000, 100_000);
    expect(at.ok && at.value.t === 'list' && at.value.items.length).toBe(99_999);
    expect(parsePyJson(`[${'0,'.repeat(99_999)}0]`, 1000, 100_000).ok).toBe(false);
  });
});
