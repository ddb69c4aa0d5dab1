// Re-signing as Django wrote it: every vector real Django 5.2 wrote (test/vectors/), decoded with
// its key, planned and re-signed unchanged at the vector's own `now`, is Django's exact bytes
// where nothing was compressed (zlib implementations differ to the byte, not in what they
// inflate to) and otherwise decodes, verified, to the same thing. An edit is what decode() reads.
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/core/decode';
import { resign, resignPlan, resignText } from '../../src/core/resign';
import type { DecodeOptions, DecodeReport } from '../../src/core/types';

interface Vector {
  id: string;
  value: string;
  options: DecodeOptions & { keys: string[]; now: number; cookieName?: string; salt?: string };
  django: string;
}

const compress = (data: Uint8Array) => new Uint8Array(deflateSync(data));
const same = (r: DecodeReport) => ({
  data: r.data,
  text: r.text,
  messages: r.messages,
  salt: r.salt,
  format: r.format,
});

// Read as files, as vectors.test.ts does (their JSON holds escapes vite's JSON import refuses).
const load = (kind: string): Vector[] =>
  JSON.parse(readFileSync(new URL(`../vectors/${kind}.5.2.19.json`, import.meta.url), 'utf8')).vectors;
const signing = load('signing');
const sessionCookie = load('session-cookie');
const messages = load('messages');
const signedCookie = load('signed-cookie');
const VECTORS = [...signing, ...sessionCookie, ...messages, ...signedCookie];

async function planned(v: Vector) {
  const report = await decode(v.value, v.options);
  const plan = resignPlan(report, { cookieName: v.options.cookieName, salt: v.options.salt });
  return { report, plan };
}

describe('re-signed unchanged, a Django vector is what Django wrote', async () => {
  const cases: Vector[] = [];
  for (const v of VECTORS) {
    if (v.django !== 'accepted') continue;
    const { report, plan } = await planned(v);
    if (report.verified && report.matchedKey === 0 && plan.ok) cases.push(v);
  }

  it('covers every kind', () => {
    const kinds = new Set(cases.map((v) => v.id.split('/')[0]));
    expect([...kinds].sort()).toEqual(['messages', 'session-cookie', 'signed-cookie', 'signing']);
  });

  it.each(cases.map((v) => [v.id, v] as const))('%s', async (_, v) => {
    const { report, plan } = await planned(v);
    if (!plan.ok) throw new Error(plan.message);
    const key = v.options.keys[0] ?? '';
    const value = await resign(plan.value, resignText(report, plan.value), {
      key,
      now: v.options.now,
      compress,
    });
    if (!value.ok) throw new Error(value.message);
    // Byte for byte where Django's own dumps wrote it at `now` uncompressed (not a crafted value,
    // nor one signed at another time for a max_age check).
    const wroteNow = report.timestamp === Math.trunc(v.options.now) && !v.id.includes('/crafted_');
    if (!report.compressed && wroteNow) expect(value.value).toBe(v.value);
    const again = await decode(value.value, v.options);
    expect(again.verified).toBe(true);
    expect(same(again)).toEqual(same(report));
  });
});

describe('an edit is what decode() verifies', () => {
  const KEY = 'resign-test-key-0123456789-abcdefghijklmnopqrstuvwxyz';
  const NOW = 1_700_000_000.5;

  it('a signed_cookies session with the counter changed, big ints exact, signed now', async () => {
    const v = sessionCookie[0] as Vector;
    const { report, plan } = await planned(v);
    if (!plan.ok) throw new Error(plan.message);
    const edited = '{"visits_counter": 40, "big": 123456789012345678901234567890}';
    const value = await resign(plan.value, edited, { key: KEY, now: NOW, compress });
    if (!value.ok) throw new Error(value.message);
    const read = await decode(value.value, { kind: 'session-cookie', keys: [KEY], now: NOW });
    expect(read).toMatchObject({ verified: true, timestamp: Math.trunc(NOW) });
    expect(read.data).toEqual({
      t: 'dict',
      entries: [
        [
          { t: 'str', v: 'visits_counter' },
          { t: 'int', v: '40' },
        ],
        [
          { t: 'str', v: 'big' },
          { t: 'int', v: '123456789012345678901234567890' },
        ],
      ],
    });
    expect(report.verified).toBe(true);
  });

  it('messages edited as the CLI takes them', async () => {
    const v = messages[0] as Vector;
    const { report, plan } = await planned(v);
    if (!plan.ok) throw new Error(plan.message);
    expect(JSON.parse(resignText(report, plan.value))[0]).toHaveProperty('level');
    const text = '[{"level": 40, "message": "<b>edited</b>", "extra_tags": null}]';
    const value = await resign(plan.value, text, { key: KEY, now: NOW, compress });
    if (!value.ok) throw new Error(value.message);
    const read = await decode(value.value, { kind: 'messages', keys: [KEY], now: NOW });
    expect(read.messages).toEqual([{ level: 40, message: '<b>edited</b>', extraTags: null, safe: false }]);
  });

  it('bad JSON and a message without a level are refused with a reason', async () => {
    const v = messages[0] as Vector;
    const { plan } = await planned(v);
    if (!plan.ok) throw new Error(plan.message);
    expect(await resign(plan.value, '[{', { key: KEY, now: NOW, compress })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^not JSON/),
    });
    expect(await resign(plan.value, '[{"message": "x"}]', { key: KEY, now: NOW, compress })).toMatchObject({
      ok: false,
      message: 'message 0: "level" must be an integer (messages.INFO is 20)',
    });
  });

  it('a signed cookie needs its name; a session key is not signed', async () => {
    const v = signedCookie[0] as Vector;
    const report = await decode(v.value, v.options);
    expect(resignPlan(report, {})).toMatchObject({
      ok: false,
      message: expect.stringContaining('cookie name'),
    });
    const key = await decode('q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6', { kind: 'session-key', keys: [], now: NOW });
    expect(resignPlan(key)).toMatchObject({ ok: false });
  });
});
