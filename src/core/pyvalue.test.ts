import { describe, expect, it } from 'vitest';
import type { TaggedJson } from './companion';
import { escapeUnprintable, fromTaggedJson, pyRepr, toExactJson, toPlainText } from './pyvalue';
import type { PyValue } from './types';

const str = (v: string): PyValue => ({ t: 'str', v });
const int = (v: string): PyValue => ({ t: 'int', v });
const dict = (...entries: Array<[PyValue, PyValue]>): PyValue => ({ t: 'dict', entries });

const sample: PyValue = dict(
  [str('big'), int('123456789012345678901234567890')],
  [str('f'), { t: 'float', v: '1e+16' }],
  [str('nan'), { t: 'float', v: 'nan' }],
  [str('when'), { t: 'datetime', v: '2030-01-01T12:00:00+00:00' }],
  [str('raw'), { t: 'bytes', v: '00ff27' }],
  [str('pair'), { t: 'tuple', items: [int('1'), { t: 'none' }] }],
  [str('tags'), { t: 'set', items: [str('a')] }],
  [str('odd'), dict([int('1'), { t: 'bool', v: true }])],
  [str('list'), { t: 'list', items: [{ t: 'decimal', v: '3.14' }] }],
);

describe('toExactJson', () => {
  it('writes big ints as exact digits and tags what JSON cannot carry, as the companion does', () => {
    expect(toExactJson(sample)).toBe(
      '{"big":123456789012345678901234567890,"f":1e+16,"nan":{"$py":"float","value":"nan"},' +
        '"when":{"$py":"datetime","value":"2030-01-01T12:00:00+00:00"},"raw":{"$py":"bytes","value":"00ff27"},' +
        '"pair":{"$py":"tuple","items":[1,null]},"tags":{"$py":"set","items":["a"]},' +
        '"odd":{"$py":"dict","entries":[[1,true]]},"list":[{"$py":"decimal","value":"3.14"}]}',
    );
  });

  it('is valid JSON at any indent, the big int kept digit for digit', () => {
    const text = toExactJson(sample, 2);
    expect(() => JSON.parse(text)).not.toThrow();
    expect(text).toContain('"big": 123456789012345678901234567890,');
  });

  it('keeps a str-keyed dict that has a "$py" key unambiguous', () => {
    expect(toExactJson(dict([str('$py'), str('x')]))).toBe('{"$py":"dict","entries":[["$py","x"]]}');
  });

  it('round-trips through fromTaggedJson (what a JS number can hold exactly)', () => {
    // A float with an integral value (1e+16) comes back as an int: JSON.parse cannot tell them apart.
    const exact: PyValue = { t: 'dict', entries: sample.t === 'dict' ? sample.entries.slice(2) : [] };
    expect(fromTaggedJson(JSON.parse(toExactJson(exact)) as TaggedJson)).toEqual(exact);
  });
});

describe('fromTaggedJson (companion data)', () => {
  it('reads tags, plain JSON and the companion object form', () => {
    expect(
      fromTaggedJson({
        n: { $py: 'int', value: '9007199254740993' },
        x: 2.5,
        o: { $py: 'object', type: 'myapp.Cart', repr: '<Cart>' },
        l: [1, 'a'],
      }),
    ).toEqual(
      dict(
        [str('n'), int('9007199254740993')],
        [str('x'), { t: 'float', v: '2.5' }],
        [str('o'), { t: 'object', cls: 'myapp.Cart', args: [], state: null, unsafe: false }],
        [str('l'), { t: 'list', items: [int('1'), str('a')] }],
      ),
    );
  });
});

describe('pyRepr', () => {
  it('writes what Python would print', () => {
    expect(pyRepr(str("it's"))).toBe('"it\'s"');
    expect(pyRepr(str('a\nb\\'))).toBe("'a\\nb\\\\'");
    expect(pyRepr({ t: 'bytes', v: '00ff27' })).toBe('b"\\x00\\xff\'"');
    expect(pyRepr({ t: 'tuple', items: [int('1')] })).toBe('(1,)');
    expect(pyRepr({ t: 'set', items: [] })).toBe('set()');
    expect(pyRepr({ t: 'frozenset', items: [int('1')] })).toBe('frozenset({1})');
    expect(pyRepr(dict([str('a'), { t: 'none' }], [int('2'), { t: 'bool', v: false }]))).toBe(
      "{'a': None, 2: False}",
    );
    expect(pyRepr({ t: 'uuid', v: '12345678-1234-5678-1234-567812345678' })).toBe(
      "UUID('12345678-1234-5678-1234-567812345678')",
    );
    expect(pyRepr({ t: 'object', cls: 'os.system', args: [str('id')], state: null, unsafe: true })).toBe(
      "os.system('id')",
    );
  });

  it('breaks long containers over lines for a terminal', () => {
    const long = { t: 'list', items: Array.from({ length: 30 }, (_, i) => int(String(i))) } as PyValue;
    const text = toPlainText(dict([str('cart'), long]), 40);
    expect(text.split('\n')[0]).toBe('{');
    expect(text).toContain("  'cart': [\n    0,\n");
  });
});

describe('hostile text', () => {
  // Controls, an OSC title, bidi overrides/isolates/marks, no-break space, soft hyphen, C1, DEL,
  // a line separator, a tag character, a lone surrogate; é and ✔ stay as they are.
  const hostile =
    '\x1b[2J\x1b[1;1H\u2714 verified \x1b]0;owned\x07 \u202eevil\u202c \u2066x\u2069 \u200e\u200f\u061c \xa0\xad\x85\x7f \u2028 \u{e0001} \ud800 é';

  it("is escaped as Python 3.11's repr() escapes it", () => {
    // Printed by .venv/bin/python: repr(s) of the same string.
    const python =
      "'\\x1b[2J\\x1b[1;1H✔ verified \\x1b]0;owned\\x07 \\u202eevil\\u202c \\u2066x\\u2069 \\u200e\\u200f\\u061c \\xa0\\xad\\x85\\x7f \\u2028 \\U000e0001 \\ud800 é'";
    expect(pyRepr(str(hostile))).toBe(python);
    expect(escapeUnprintable(hostile)).toBe(python.slice(1, -1));
    expect(escapeUnprintable('a\nb')).toBe('a\\nb');
  });

  it('escapes pickle class names, and shows a size marker as its own text', () => {
    const cls = 'os\x1b]0;pwned\x07.system';
    expect(pyRepr({ t: 'object', cls, args: [str('id')], state: null, unsafe: true })).toBe(
      "os\\x1b]0;pwned\\x07.system('id')",
    );
    const marker: PyValue = { t: 'object', cls: '<int of 3 bytes>', args: [], state: null, unsafe: false };
    expect(pyRepr(dict([str('n'), marker]))).toBe("{'n': <int of 3 bytes>}");
  });

  it('lays out deep nesting around a long string in linear time', () => {
    let value: PyValue = str('x'.repeat(3 * 1024 * 1024));
    for (let i = 0; i < 999; i++) value = dict([str('a'), value]);
    const start = performance.now();
    const text = toPlainText(value);
    expect(performance.now() - start).toBeLessThan(2000);
    const lines = text.split('\n');
    expect(lines).toHaveLength(2 * 999 + 1);
    expect(lines[999]).toBe(`${'  '.repeat(999)}'a': '${'x'.repeat(3 * 1024 * 1024)}',`);
    // The same layout as before at a size where the old renderer was fast.
    let small: PyValue = str('y'.repeat(100));
    for (let i = 0; i < 3; i++) small = dict([str('a'), small]);
    expect(toPlainText(small)).toBe(
      `{\n  'a': {\n    'a': {\n      'a': '${'y'.repeat(100)}',\n    },\n  },\n}`,
    );
  });
});

describe('bytes repr', () => {
  it("is Python's, byte for byte, and picks its quote as Python does", () => {
    const hex = (bytes: number[]) => bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
    // Printed by .venv/bin/python: repr(bytes(range(256))) and repr(b"it's").
    expect(pyRepr({ t: 'bytes', v: hex([...Array(256).keys()]) })).toBe(
      "b'\\x00\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\\t\\n\\x0b\\x0c\\r\\x0e\\x0f\\x10\\x11\\x12\\x13\\x14\\x15\\x16\\x17\\x18\\x19\\x1a\\x1b\\x1c\\x1d\\x1e\\x1f !\"#$%&\\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\\x7f\\x80\\x81\\x82\\x83\\x84\\x85\\x86\\x87\\x88\\x89\\x8a\\x8b\\x8c\\x8d\\x8e\\x8f\\x90\\x91\\x92\\x93\\x94\\x95\\x96\\x97\\x98\\x99\\x9a\\x9b\\x9c\\x9d\\x9e\\x9f\\xa0\\xa1\\xa2\\xa3\\xa4\\xa5\\xa6\\xa7\\xa8\\xa9\\xaa\\xab\\xac\\xad\\xae\\xaf\\xb0\\xb1\\xb2\\xb3\\xb4\\xb5\\xb6\\xb7\\xb8\\xb9\\xba\\xbb\\xbc\\xbd\\xbe\\xbf\\xc0\\xc1\\xc2\\xc3\\xc4\\xc5\\xc6\\xc7\\xc8\\xc9\\xca\\xcb\\xcc\\xcd\\xce\\xcf\\xd0\\xd1\\xd2\\xd3\\xd4\\xd5\\xd6\\xd7\\xd8\\xd9\\xda\\xdb\\xdc\\xdd\\xde\\xdf\\xe0\\xe1\\xe2\\xe3\\xe4\\xe5\\xe6\\xe7\\xe8\\xe9\\xea\\xeb\\xec\\xed\\xee\\xef\\xf0\\xf1\\xf2\\xf3\\xf4\\xf5\\xf6\\xf7\\xf8\\xf9\\xfa\\xfb\\xfc\\xfd\\xfe\\xff'",
    );
    expect(pyRepr({ t: 'bytes', v: hex([...Buffer.from("it's")]) })).toBe('b"it\'s"');
    // 0x27 only at an odd hex offset is not a quote byte: '72 7x' is r then something else.
    expect(pyRepr({ t: 'bytes', v: '7270' })).toBe("b'rp'");
  });
});
