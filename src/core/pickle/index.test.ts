import { describe, expect, it } from 'vitest';
import { fromHex } from '../bytes';
import type { PyValue } from '../types';
import fixtures from './fixtures/pickles.json';
import { disassemblePickle, type PickleLimits, RECURSION_CLS } from './index';

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
    const marker: PyValue = { t: 'object', cls: RECURSION_CLS, args: [], state: null, unsafe: false };
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
