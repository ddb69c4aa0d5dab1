// How much work a decode does, counted: `auto` reads a payload once however many kinds it tries,
// and a signature's length rules out the algorithms that cannot have made it. The modules are
// wrapped, not replaced: every call still runs the real code.
import { deflateSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import * as crypto from '../../src/core/crypto';
import { decode } from '../../src/core/decode';
import * as pyjson from '../../src/core/pyjson';
import { dumps } from '../../src/core/signing';
import type { PyValue } from '../../src/core/types';
import * as zlib from '../../src/core/zlib';

vi.mock('../../src/core/zlib', async (original) => {
  const real = await original<typeof import('../../src/core/zlib')>();
  return { ...real, zlibDecompress: vi.fn(real.zlibDecompress) };
});
vi.mock('../../src/core/pyjson', async (original) => {
  const real = await original<typeof import('../../src/core/pyjson')>();
  return { ...real, parsePyJson: vi.fn(real.parsePyJson) };
});
vi.mock('../../src/core/crypto', async (original) => {
  const real = await original<typeof import('../../src/core/crypto')>();
  return { ...real, saltedHmacSync: vi.fn(real.saltedHmacSync) };
});

const KEY = 'work-done-test-key';
const now = 1700000000;
const session: PyValue = {
  t: 'dict',
  entries: [
    [
      { t: 'str', v: 'cart' },
      { t: 'str', v: 'x'.repeat(200) },
    ],
  ],
};

async function signedDumps(
  data: PyValue = session,
  options: { compress?: boolean; salt?: string } = { compress: true },
): Promise<string> {
  const r = await dumps(data, {
    key: KEY,
    now,
    salt: options.salt,
    compress: options.compress ? (d) => new Uint8Array(deflateSync(d)) : undefined,
  });
  if (!r.ok) throw new Error(r.message);
  vi.clearAllMocks(); // signing it is not the decode's work
  return r.value;
}

/** What login() leaves in a session, and a cart long enough to make the value ~600 characters. */
const loggedIn: PyValue = {
  t: 'dict',
  entries: [
    [
      { t: 'str', v: '_auth_user_id' },
      { t: 'str', v: '42' },
    ],
    [
      { t: 'str', v: '_auth_user_backend' },
      { t: 'str', v: 'django.contrib.auth.backends.ModelBackend' },
    ],
    [
      { t: 'str', v: 'cart' },
      {
        t: 'list',
        items: Array.from({ length: 60 }, (_, i) => ({ t: 'int', v: String(1000 + i) }) as const),
      },
    ],
  ],
};

describe('decode work', () => {
  it('auto inflates and parses a signing.dumps payload once while trying the kinds before signing', async () => {
    const value = await signedDumps();
    expect(value.startsWith('.')).toBe(true);
    const report = await decode(value, { kind: 'auto', keys: [KEY], now });
    // Detected as a signed_cookies session first (a compressed object), which does not verify.
    expect(report).toMatchObject({ kind: 'signing', verified: true, compressed: true });
    expect(zlib.zlibDecompress).toHaveBeenCalledTimes(1);
    expect(pyjson.parsePyJson).toHaveBeenCalledTimes(1);
    // Two kinds' HMACs, the detected session cookie's and signing's: not session_data's too.
    expect(crypto.saltedHmacSync).toHaveBeenCalledTimes(2);
  });

  it('tries a long uncompressed session-looking dict as signing.dumps first (both session engines compress)', async () => {
    const value = await signedDumps(loggedIn, { compress: false });
    expect(value.startsWith('.')).toBe(false);
    expect(value.length).toBeGreaterThan(400);
    const report = await decode(value, { kind: 'auto', keys: [KEY], now });
    expect(report).toMatchObject({ kind: 'signing', verified: true, compressed: false });
    // signing's HMAC only: the signed_cookies session's salt is not tried before it.
    expect(crypto.saltedHmacSync).toHaveBeenCalledTimes(1);
  });

  it('still tries the same dict compressed, as a signed_cookies session writes it, as a session first', async () => {
    const value = await signedDumps(loggedIn, {
      compress: true,
      salt: 'django.contrib.sessions.backends.signed_cookies',
    });
    expect(value.startsWith('.')).toBe(true);
    const report = await decode(value, { kind: 'auto', keys: [KEY], now });
    expect(report).toMatchObject({ kind: 'session-cookie', verified: true });
    expect(crypto.saltedHmacSync).toHaveBeenCalledTimes(1);
  });

  it('computes no SHA-1 HMAC for a signature of SHA-256 length, even when no key matches', async () => {
    const value = await signedDumps();
    const report = await decode(value, { kind: 'signing', keys: ['wrong', 'also wrong'], now });
    expect(report).toMatchObject({ verified: false, code: 'bad-signature' });
    const algorithms = vi.mocked(crypto.saltedHmacSync).mock.calls.map((call) => call[3]);
    // 3 default salts × 2 keys, then the other kinds' salts (does a key verify it as another
    // kind?): sha256 only, every one.
    expect(algorithms.length).toBeGreaterThan(6);
    expect(new Set(algorithms)).toEqual(new Set(['sha256']));
  });
});
