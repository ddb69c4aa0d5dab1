// `auto` over values real Django wrote (test/vectors), pasted as a user would: no cookie name, no
// key. It used to call a db session_data string, a signing.dumps token and a compressed messages
// cookie all "session cookie (signed_cookies engine)"; now every signal is weighed (the cookie
// name, the inflated payload, the companion's engine) and a guess says it is one.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/core/decode';
import type { DecodeOptions } from '../../src/core/types';

interface Vector {
  id: string;
  value: string;
  options: { keys?: string[]; now: number };
}

const dir = new URL('../vectors/', import.meta.url).pathname;
const byId = new Map(
  readdirSync(dir)
    .filter((f) => f.endsWith('.5.2.19.json'))
    .flatMap((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { vectors: Vector[] }).vectors)
    .map((v) => [v.id.replace('/5.2.19/', '/'), v]),
);

function vector(id: string): Vector {
  const v = byId.get(id);
  if (!v) throw new Error(`no vector ${id}`);
  return v;
}

/** The value as pasted: kind auto, and only the extra options given here. */
const auto = (id: string, extra: Partial<DecodeOptions> = {}) =>
  decode(vector(id).value, { kind: 'auto', now: vector(id).options.now, ...extra });

describe('auto without a key', () => {
  it('a db session_data string is not called a signed_cookies session', async () => {
    const login = await auto('session-data/auth_login');
    expect(login).toMatchObject({ kind: 'session-data', guessed: true });
    expect(login.alternatives).toEqual(expect.arrayContaining(['session-cookie', 'signing']));
    const plain = await auto('session-data/db_basic');
    expect(plain.kind).not.toBe('session-cookie');
    expect(plain.guessed).toBe(true);
    expect([plain.kind, ...plain.alternatives]).toContain('session-data');
  });

  it('a signing.dumps token is a dumps token, guessed', async () => {
    const r = await auto('signing/nested');
    expect(r).toMatchObject({ kind: 'signing', guessed: true, format: 'signed-object' });
    expect(r.data).not.toBeNull();
  });

  it('a compressed messages cookie is read as messages from its inflated payload', async () => {
    const r = await auto('messages/compressed');
    expect(r).toMatchObject({ kind: 'messages', guessed: true });
    expect(r.messages?.length).toBeGreaterThan(0);
  });

  it("the cookie name and the companion's engine settle it", async () => {
    expect(await auto('session-cookie/auth_login', { cookieName: 'sessionid' })).toMatchObject({
      kind: 'session-cookie',
      guessed: false,
    });
    expect(await auto('messages/compressed', { cookieName: 'messages' })).toMatchObject({
      kind: 'messages',
      guessed: false,
    });
    const engine = 'django.contrib.sessions.backends.signed_cookies';
    expect((await auto('session-data/auth_login', { site: { engine } })).kind).toBe('session-cookie');
  });

  it('an untimestamped Signer.sign_object value decodes to its object', async () => {
    const r = await auto('signing/signer_object__no_keys');
    expect(r).toMatchObject({
      kind: 'signing',
      format: 'signed-object',
      code: null,
      text: null,
      timestamp: null,
    });
    expect(r.data?.t).toBe('dict');
    const compressed = await auto('signing/signer_object_compressed__no_keys');
    expect(compressed).toMatchObject({ format: 'signed-object', compressed: true, code: null });
  });
});

describe('auto with the key', () => {
  it('the kind whose salt verifies wins, and is no guess', async () => {
    const v = vector('session-data/auth_login');
    const r = await auto('session-data/auth_login', { keys: v.options.keys ?? [] });
    expect(r).toMatchObject({ kind: 'session-data', verified: true, guessed: false, alternatives: [] });
  });

  it('Signer.sign_object verifies under the Signer salt and shows the object', async () => {
    const v = vector('signing/signer_object');
    const r = await auto('signing/signer_object', { keys: v.options.keys ?? [] });
    expect(r).toMatchObject({
      verified: true,
      code: null,
      format: 'signed-object',
      salt: 'django.core.signing.Signer',
    });
    expect(r.data?.t).toBe('dict');
  });
});
