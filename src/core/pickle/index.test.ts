import { describe, expect, it } from 'vitest';
import fixtures from '../../../test/vectors/fixtures/pickles.5.2.19.json';
import { fromHex } from '../bytes';
import type { PyValue } from '../types';
import { disassemblePickle, type PickleLimits } from './index';

const LIMITS: PickleLimits = { maxDepth: 100 };
const enc = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const bytesOf = (hex: string) => fromHex(hex) ?? new Uint8Array();

describe('real pickle.dumps output, protocols 0–5', () => {
  it.each(fixtures.cases)('$id', ({ hex, value }) => {
    const result = disassemblePickle(bytesOf(hex), LIMITS);
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ value, unsafe: false }) });
  });

  it('lists the globals a stream references', () => {
    const dt = fixtures.cases.find((c) => c.id === 'datetimes/p4');
    const result = disassemblePickle(bytesOf(dt?.hex ?? ''), LIMITS);
    expect(result.ok && result.value.references).toEqual(
      expect.arrayContaining([
        'datetime.datetime',
        'datetime.timezone',
        'datetime.timedelta',
        'zoneinfo.ZoneInfo._unpickle',
      ]),
    );
  });
});

describe('hostile payloads are shown, flagged, never run', () => {
  it.each(fixtures.hostile)('$id', ({ hex, value, references }) => {
    const result = disassemblePickle(bytesOf(hex), LIMITS);
    expect(result).toEqual({ ok: true, value: { value, references, unsafe: true } });
  });
});

describe('getattr', () => {
  it('getattr(<global>, name) is read as the dotted global, judged by the allowlist', () => {
    const result = disassemblePickle(enc("cbuiltins\ngetattr\n(cdatetime\ndatetime\nS'now'\ntR)R."), LIMITS);
    expect(result.ok && result.value.references).toEqual([
      'builtins.getattr',
      'datetime.datetime',
      'datetime.datetime.now',
    ]);
    expect(result.ok && result.value.unsafe).toBe(true);
  });
});

describe('broken streams end as data, never as exceptions', () => {
  const bad = (data: Uint8Array, limits = LIMITS) => {
    const result = disassemblePickle(data, limits);
    return result.ok ? 'ok' : result.code;
  };

  it('every truncation of a real stream is bad-pickle', () => {
    for (const { hex } of fixtures.cases.filter((c) => c.id.startsWith('django_session'))) {
      const data = bytesOf(hex);
      for (let n = 0; n < data.length; n++) expect(bad(data.subarray(0, n))).toBe('bad-pickle');
    }
  });

  it('rejects an unknown opcode, underflow, a memo miss and a missing MARK', () => {
    expect(bad(enc('\xff.'))).toBe('bad-pickle');
    expect(bad(enc('t.'))).toBe('bad-pickle');
    expect(bad(enc('R.'))).toBe('bad-pickle');
    expect(bad(enc('h\x05.'))).toBe('bad-pickle');
    expect(bad(enc('.'))).toBe('bad-pickle');
    expect(bad(enc('\x80\x06N.'))).toBe('bad-pickle');
  });

  it('refuses lengths beyond the input without allocating them', () => {
    expect(bad(enc('X\xff\xff\xff\xffabc.'))).toBe('bad-pickle');
    expect(bad(enc('\x8e\xff\xff\xff\xff\xff\xff\xff\x7f.'))).toBe('bad-pickle');
    expect(bad(enc('\x95\x00\x00\x00\x00\x01\x00\x00\x00N.'))).toBe('bad-pickle');
    expect(bad(enc('\x8b\xff\xff\xff\x7f.'))).toBe('bad-pickle');
  });

  it('stops at maxDepth, for MARKs and for nested containers', () => {
    expect(bad(enc(`${'('.repeat(200)}N.`))).toBe('too-deep');
    expect(bad(enc(`N${'\x85'.repeat(200)}.`))).toBe('too-deep');
  });

  it('stops at the opcode cap', () => {
    expect(bad(enc(`${'N0'.repeat(100)}N.`), { maxDepth: 10, maxOps: 50 })).toBe('bad-pickle');
  });

  it('caps the fan-out of memo references (x = [x, x] forty times)', () => {
    const bomb = `]q\x00${'h\x00h\x00\x86q\x00'.repeat(40)}.`;
    expect(bad(enc(bomb), { maxDepth: 100 })).toBe('too-large');
  });

  it('persistent ids, extension codes and out-of-band buffers are what pickle.loads refuses', () => {
    expect(bad(enc('Pfoo\n.'))).toBe('bad-pickle');
    expect(bad(enc('\x82\x01.'))).toBe('bad-pickle');
    expect(bad(enc('\x97.'))).toBe('bad-pickle');
  });
});

describe('shapes Python can build by hand', () => {
  it('shows a self-containing list with a recursion marker', () => {
    const result = disassemblePickle(enc(']q\x00h\x00a.'), LIMITS);
    const marker: PyValue = { t: 'object', cls: '<recursion>', args: [], state: null, unsafe: false };
    expect(result).toEqual({
      ok: true,
      value: { value: { t: 'list', items: [marker] }, references: [], unsafe: false },
    });
  });

  it('a repeated dict key keeps its first position and the last value, as a Python dict', () => {
    const result = disassemblePickle(enc("(S'a'\nI1\nS'b'\nI2\nS'a'\nI3\nd."), LIMITS);
    expect(result.ok && result.value.value).toEqual({
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

  it('reads protocol 0 escapes, True/False ints and Python 2 longs', () => {
    const result = disassemblePickle(
      enc("(S'a\\x41\\n\\''\nI01\nL-12345678901234567890L\nV\\u00e9\\U0001f600\nt."),
      LIMITS,
    );
    expect(result.ok && result.value.value).toEqual({
      t: 'tuple',
      items: [
        { t: 'str', v: "aA\n'" },
        { t: 'bool', v: true },
        { t: 'int', v: '-12345678901234567890' },
        { t: 'str', v: 'é😀' },
      ],
    });
  });
});

describe('bombs are bounded by what a person can read', () => {
  const u32 = (n: number) => String.fromCharCode(n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24);

  it('a LONG4 past 4300 digits is shown by its size, not spelled out', () => {
    const digits = `${'\x00'.repeat(3 * 1024 * 1024 - 1)}\x01`;
    const stream = enc(`\x8b${u32(digits.length)}${digits}.`);
    const start = performance.now();
    const result = disassemblePickle(stream, LIMITS);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(result.ok && result.value.value).toEqual({
      t: 'object',
      cls: '<int of 3,145,728 bytes: too large to show>',
      args: [],
      state: null,
      unsafe: false,
    });
    const negative = disassemblePickle(enc(`\x8b${u32(1786)}${'\x00'.repeat(1785)}\x80.`), LIMITS);
    expect(negative.ok && negative.value.value).toMatchObject({
      cls: '<negative int of 1,786 bytes: too large to show>',
    });
  });

  it('a LONG within the limit stays exact, redundant sign bytes included', () => {
    const value = (s: string) => {
      const r = disassemblePickle(enc(s), LIMITS);
      return r.ok ? r.value.value : r.code;
    };
    expect(value(`\x8a\xff${'\xff'.repeat(255)}.`)).toEqual({ t: 'int', v: '-1' });
    expect(value('\x8a\x04\x01\x00\x00\x00.')).toEqual({ t: 'int', v: '1' });
    expect(value(`\x8b${u32(4000)}\x01${'\x00'.repeat(3999)}.`)).toEqual({ t: 'int', v: '1' });
    expect(value(`\x8b${u32(1785)}${'\xff'.repeat(1784)}\x7f.`)).toMatchObject({ t: 'int' });
  });

  it('INT, LONG, PUT and GET refuse more than 4300 digits as pickle.loads does, leading zeros aside', () => {
    const many = '7'.repeat(2_000_000);
    for (const text of [`I${many}\n.`, `L${many}L\n.`, `Np${many}\n.`, `Np1\ng${many}\n.`]) {
      const stream = enc(text);
      const start = performance.now();
      const result = disassemblePickle(stream, LIMITS);
      expect(performance.now() - start).toBeLessThan(1000);
      expect(result).toMatchObject({
        ok: false,
        code: 'bad-pickle',
        message: expect.stringContaining('4300 digits'),
      });
    }
    expect(disassemblePickle(enc(`I${'7'.repeat(4300)}\n.`), LIMITS).ok).toBe(true);
    const zeros = disassemblePickle(enc(`I${'0'.repeat(10_000)}7\n.`), LIMITS);
    expect(zeros.ok && zeros.value.value).toEqual({ t: 'int', v: '7' });
  });

  it('memo references share one node instead of copying it', () => {
    const result = disassemblePickle(enc(']q\x00(K\x01K\x02eh\x00h\x00\x86.'), LIMITS);
    const tuple = result.ok ? result.value.value : null;
    expect(tuple?.t === 'tuple' && tuple.items[0]).toBe(tuple?.t === 'tuple' && tuple.items[1]);
    expect(tuple).toEqual({
      t: 'tuple',
      items: [0, 1].map(() => ({
        t: 'list',
        items: [
          { t: 'int', v: '1' },
          { t: 'int', v: '2' },
        ],
      })),
    });
  });

  it('a wide fan-out is refused by its written-out size, however small the stream', () => {
    // A 1000-item list referenced 1000 times: 10^6 values once written out, from 3 KB.
    const stream = `]q\x00(${'K\x01'.repeat(1000)}e]q\x01(${'h\x00'.repeat(1000)}e.`;
    const result = disassemblePickle(enc(stream), LIMITS);
    expect(result).toMatchObject({
      ok: false,
      code: 'too-large',
      message: expect.stringContaining('100000 values'),
    });
  });

  it('set() over one memoized list again and again counts its copies against the opcode cap', () => {
    const stream = `]q\x00(${'N'.repeat(100)}e${'cbuiltins\nset\nh\x00\x85R0'.repeat(200)}.`;
    expect(disassemblePickle(enc(stream), { maxDepth: 10, maxOps: 10_000 })).toMatchObject({
      ok: false,
      code: 'bad-pickle',
      message: expect.stringContaining('copied items'),
    });
  });

  it('one APPENDS of 300,000 items is refused by size, not by a call-stack overflow', () => {
    expect(disassemblePickle(enc(`](${'N'.repeat(300_000)}e.`), LIMITS)).toMatchObject({
      ok: false,
      code: 'too-large',
    });
  });

  it('a million-opcode stream stops at the opcode cap, four per value a panel can show', () => {
    expect(disassemblePickle(enc(`N${'2'.repeat(1_000_000)}.`), LIMITS)).toMatchObject({
      ok: false,
      code: 'bad-pickle',
      message: 'more than 400000 opcodes',
    });
  });

  it('a STRING of a million escapes is read in one pass over its bytes', () => {
    const stream = enc(`S'${'\\101'.repeat(1_000_000)}'\n.`);
    const start = performance.now();
    const result = disassemblePickle(stream, LIMITS);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(result.ok && result.value.value).toEqual({ t: 'str', v: 'A'.repeat(1_000_000) });
    // pickle.loads(b"S'\\x41\\7\\q\\\\\\'!'\n.") in Python 3.11 gives "A\x07\\q\\'!".
    const mixed = disassemblePickle(enc("S'\\x41\\7\\q\\\\\\'!'\n."), LIMITS);
    expect(mixed.ok && mixed.value.value).toEqual({ t: 'str', v: "A\x07\\q\\'!" });
  });

  it('bytes after STOP are ignored, as pickle.loads ignores them', () => {
    const result = disassemblePickle(enc("cos\nsystem\n(S'id'\ntR.\ngarbage"), LIMITS);
    expect(result).toMatchObject({ ok: true, value: { unsafe: true, references: ['os.system'] } });
  });
});
