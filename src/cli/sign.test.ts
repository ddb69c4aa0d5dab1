// @vitest-environment node
// `sessionlens sign`, run as a subprocess; then real Django 5.2 (.venv) and 4.2 (.venv-dj42) read
// back what it printed (signing.loads, SessionStore.load(), get_signed_cookie, CookieStorage) and
// write the same thing themselves at the same instant, which must be the same bytes wherever no
// compression happened (Python's zlib and Node's bundled one deflate alike but not to the byte).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DjangoReadBack, djangoReadsBack, type SignedCase } from '../../test/django/signed-readback';

const ROOT = new URL('../..', import.meta.url).pathname;
const VENVS = ['.venv', '.venv-dj42'] as const;
// Non-ASCII, as a SECRET_KEY may be: force_bytes makes it UTF-8 on both sides.
const KEY = 'sign-test-ключ-0123456789-abcdefghijklmnopqrstuvwxyz-!@#$%';
// Recent (SessionStore.load() checks SESSION_COOKIE_AGE against the real clock), and with a
// fraction: int(time.time()) truncates, so the .75 must not round up.
const NOW = Math.trunc(Date.now() / 1000) - 60 + 0.75;

interface Case extends SignedCase {
  args?: string[];
  /** Django's major.minor where get_signed_cookie cannot read it (4.2 predates the v2 salt). */
  unreadableOn?: string;
  /**
   * Django's major.minor whose own write is these exact bytes; default every version. Compressed
   * values have none: Node's bundled zlib (Chromium's) and Python's may deflate differently.
   */
  exactOn?: string[];
}

const BIG = `{"cart":[${Array.from({ length: 40 }, () => '"apple"').join(',')}],"visits_counter":40}`;
const CASES: Case[] = [
  {
    id: 'signing',
    kind: 'signing',
    json: '{"visit":11,"big":123456789012345678901234567890,"f":1.5,"s":"é😀"}',
  },
  {
    id: 'signing-salt',
    kind: 'signing',
    json: '["a",null,true,-0.0]',
    salt: 'my.salt',
    args: ['--salt', 'my.salt'],
  },
  { id: 'signing-compress', kind: 'signing', json: BIG, compress: true, args: ['--compress'], exactOn: [] },
  { id: 'signing-compress-short', kind: 'signing', json: '{"a":1}', compress: true, args: ['--compress'] },
  { id: 'signing-sha1', kind: 'signing', json: '{"a":1}', algorithm: 'sha1', args: ['--algorithm', 'sha1'] },
  { id: 'session-cookie', kind: 'session-cookie', json: '{"_auth_user_id":"42","cart":[1,2]}' },
  { id: 'session-cookie-compressed', kind: 'session-cookie', json: BIG, exactOn: [] },
  {
    id: 'signed-cookie',
    kind: 'signed-cookie',
    json: '"hello wörld"',
    name: 'color',
    salt: 'pepper',
    args: ['--name', 'color', '--salt', 'pepper'],
    unreadableOn: '4.2',
    exactOn: ['5.2'],
  },
  {
    id: 'signed-cookie-legacy',
    kind: 'signed-cookie',
    json: '"blue"',
    name: 'color',
    legacy: true,
    args: ['--name', 'color', '--legacy-salt'],
    exactOn: ['4.2'],
  },
  { id: 'message', kind: 'messages', json: '[{"level":20,"message":"Saved ✓"}]' },
  {
    id: 'messages-compressed',
    kind: 'messages',
    json: '[{"level":20,"message":"Saved ✓"},{"level":40,"message":"x","extra_tags":"urgent"},{"level":25,"message":"n","extra_tags":null}]',
    exactOn: [],
  },
];

/** Messages that do not compress below CookieStorage.max_cookie_size: distinct hex digests. */
const MANY_MESSAGES = JSON.stringify(
  Array.from({ length: 60 }, (_, i) => ({
    level: 20,
    message: createHash('sha256').update(String(i)).digest('hex'),
  })),
);

// Built once for every CLI test (test/unit/build-cli.ts).
const CLI = join(ROOT, 'dist/cli/sessionlens.mjs');
const printed = new Map<string, string>();
const django = new Map<string, DjangoReadBack>();

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  for (const c of CASES) {
    const r = run(['sign', c.json, '--kind', c.kind, '--key', KEY, '--now', String(NOW), ...(c.args ?? [])]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    printed.set(c.id, r.stdout.trimEnd());
  }
  const values = CASES.map((c) => ({ ...c, value: printed.get(c.id) ?? '' }));
  for (const venv of VENVS) django.set(venv, djangoReadsBack(venv, KEY, NOW, values));
}, 120_000);

describe.each(VENVS)('Django in %s reads back what sign printed', (venv) => {
  it.each(CASES)('$id', (c) => {
    const answer = django.get(venv);
    const version = answer?.django.split('.').slice(0, 2).join('.') ?? '';
    const result = answer?.cases[c.id];
    if (c.unreadableOn === version) {
      expect(result?.error).toBe('BadSignature');
    } else {
      expect(result?.error).toBeUndefined();
      expect(result?.equal, String(result?.loaded)).toBe(true);
    }
    const value = printed.get(c.id) ?? '';
    if (c.exactOn === undefined || c.exactOn.includes(version)) expect(value).toBe(result?.written);
  });
});

describe('sessionlens sign', () => {
  it('compresses only when it saves more than a byte, as sign_object', () => {
    expect(printed.get('signing-compress')?.startsWith('.')).toBe(true);
    expect(printed.get('session-cookie-compressed')?.startsWith('.')).toBe(true);
    expect(printed.get('messages-compressed')?.startsWith('.')).toBe(true);
    expect(printed.get('signing-compress-short')?.startsWith('.')).toBe(false);
    expect(printed.get('message')?.startsWith('.')).toBe(false);
  });

  it('reads the JSON from stdin with -', () => {
    const r = run(
      ['sign', '-', '--kind', 'signing', '--key', KEY, '--now', String(NOW)],
      '{"visit":11,"big":123456789012345678901234567890,"f":1.5,"s":"é😀"}\n',
    );
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd()).toBe(printed.get('signing'));
  });

  it.each([
    [['{"a":1}', '--kind', 'signing'], 'exactly one --key'],
    [['{"a":1}', '--key', 'k'], 'needs --kind'],
    [['{"a":1}', '--kind', 'pickle', '--key', 'k'], "got 'pickle'"],
    [['{"a":', '--kind', 'signing', '--key', 'k'], 'not JSON'],
    [['[1]', '--kind', 'session-cookie', '--key', 'k'], 'a session is a dict'],
    [['{"a":1}', '--kind', 'session-cookie', '--key', 'k', '--compress'], '--compress does not apply'],
    [['"v"', '--kind', 'signed-cookie', '--key', 'k'], 'needs --name'],
    [['1', '--kind', 'signed-cookie', '--key', 'k', '--name', 'c'], 'give it as a JSON string'],
    [['[{"level":"info","message":"x"}]', '--kind', 'messages', '--key', 'k'], '"level" must be an integer'],
    [['[{"level":20,"msg":"x"}]', '--kind', 'messages', '--key', 'k'], 'message 0'],
    [['{"a":1}', '--kind', 'signing', '--key', 'k', '--algorithm', 'md5'], '--algorithm must be one of'],
    [['{"a":1}', '--kind', 'signing', '--key', 'k', '--now', 'soon'], '--now must be unix seconds'],
    [['{"a":1}', '--kind', 'signing', '--key', 'k', '--key', 'old'], 'exactly one --key'],
    [['-', '--kind', 'messages', '--key', 'k'], 'max_cookie_size', MANY_MESSAGES],
  ] as [string[], string, string?][])('exits 2 with a clear message: %s', (args, message, input) => {
    const r = run(['sign', ...args], input);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });
});
