// @vitest-environment node
// Runs the BUILT `sessionlens` (scripts/build-cli.mjs) as a subprocess on values made by Django 5.2.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PYTHON } from '../../test/python';

const ROOT = new URL('../..', import.meta.url).pathname;
const CLI = join(ROOT, 'dist/cli/sessionlens.mjs');

/** Values Django itself signs, made once per run. */
let django: {
  bigInt: string;
  session: string;
  text: string;
  hostile: string;
  messages: string;
  timed: string;
  signedAt: number;
  bomb: string;
  sessionKey: string;
  levels: string;
  publishedKey: string;
};

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  const script = `
import json
from django.conf import settings
settings.configure(SECRET_KEY="cli-test-secret-key-" + "x7Q" * 12, SECRET_KEY_FALLBACKS=["old-key"])
import django, time
django.setup()
from django.core import signing
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.contrib.sessions.backends.cache import SessionStore as CacheStore
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.base import Message
from django.http import HttpRequest
s = SessionStore(); s["_auth_user_id"] = "42"; s["cart"] = [1, 2]; s.save()
h = SessionStore(); h["msg"] = "\\x1b[2J\\x1b[1;1H\\u2714 verified"; h["title"] = "\\x1b]0;owned\\x07"
h["_auth_user_backend"] = "\\x1b[2J\\x1b[1;1H\\u2714 verified"; h.save()
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
note = Message(20, "hi\\x1b[2J", extra_tags="\\x1b]0;t\\x07\\n\\u2714 verified \\u202e")
opaque = CacheStore(); opaque.create()
print(json.dumps({
  "hostile": h.session_key,
  "messages": CookieStorage(None)._encode([note]),
  "bigInt": signing.dumps({"big": 2**70, "neg": -(2**64)}),
  "session": s.session_key,
  "text": signing.Signer(key="old-key").sign("hello"),
  "timed": signing.dumps({"cart": [1]}),
  "signedAt": int(time.time()),
  # 5 MB of "a" compresses to a few KB: past the core's 4 MiB inflation cap.
  "bomb": signing.dumps("a" * 5_000_000, compress=True),
  "sessionKey": opaque.session_key,
  "levels": CookieStorage(HttpRequest())._encode([Message(20, "hi"), Message(25, "saved")]),
  "publishedKey": signing.dumps({"user": 1}, key="django_tests_secret_key"),
}))`;
  django = JSON.parse(execFileSync(PYTHON, ['-c', script], { encoding: 'utf8' }));
}, 120_000);

const KEY = `cli-test-secret-key-${'x7Q'.repeat(12)}`;

describe('sessionlens decode', () => {
  it('--json prints one object with exact big ints (exit 0)', () => {
    const r = run(['decode', django.bigInt, '--key', KEY, '--json']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('"big": 1180591620717411303424');
    expect(r.stdout).toContain('"neg": -18446744073709551616');
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      verified: true,
      code: null,
      matchedKey: 0,
      algorithm: 'sha256',
      serializer: 'json',
    });
    expect(report.compressed).toBe(false);
    expect(typeof report.timestamp).toBe('number');
  });

  it('reads a signed_cookies session, explains it, verdict first', () => {
    const r = run(['decode', django.session, '--key', KEY, '--name', 'sessionid']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('✔ verified with SECRET_KEY (sha256)');
    expect(r.stdout).toContain("'_auth_user_id': '42'");
    expect(r.stdout).toContain('what it means:');
  });

  it('names the fallback that verified', () => {
    const r = run([
      'decode',
      django.text,
      '--kind',
      'signing',
      '--salt',
      '',
      '--key',
      KEY,
      '--key',
      'old-key',
    ]);
    expect(r.stdout.split('\n')[0]).toMatch(/^✔ verified with SECRET_KEY_FALLBACKS\[0\]/);
    expect(r.stdout).toContain('"hello"');
  });

  it('a wrong key exits 1 with the verdict on top', () => {
    const r = run(['decode', django.bigInt, '--key', 'wrong-key']);
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')[0]).toMatch(/^✘ bad signature/);
  });

  it('without a key it decodes and says unverified (exit 0)', () => {
    const r = run(['decode', django.bigInt]);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^\? unverified/);
  });

  it('garbage exits 2; VALUE - reads stdin', () => {
    expect(run(['decode', '-'], 'not a django value\n').status).toBe(2);
    expect(run(['decode', '-', '--key', KEY, '--json'], `${django.bigInt}\n`).status).toBe(0);
  });

  it('bad arguments exit 2 with a clear message', () => {
    const r = run(['decode', django.bigInt, '--algorithm', 'md5']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--algorithm must be one of sha1, sha256, sha384, sha512/);
    expect(run(['decode']).status).toBe(2);
    expect(run(['frobnicate']).status).toBe(2);
    expect(run(['decode', 'x', '--max-age', 'soon']).stderr).toMatch(/--max-age must be a number/);
  });

  it('--max-age with the right key says expired, not verified (exit 1)', () => {
    const now = String(django.signedAt + 100);
    const r = run(['decode', django.timed, '--key', KEY, '--max-age', '10', '--now', now]);
    expect(r.status).toBe(1);
    const first = r.stdout.split('\n')[0] ?? '';
    expect(first).toBe(
      '✘ signature expired: signed by SECRET_KEY (sha256), but Signature age 100 s > max_age 10 s',
    );
    expect(r.stdout).not.toContain('✔');
  });

  it('a zlib bomb with the right key says why it is refused, not verified (exit 2)', () => {
    const r = run(['decode', django.bomb, '--key', KEY]);
    expect(r.status).toBe(2);
    expect(r.stdout.split('\n')[0]).toMatch(
      /^✘ unreadable \(too-large\): signed by SECRET_KEY \(sha256\), but /,
    );
    expect(r.stdout).not.toContain('✔');
  });

  it('an opaque session key with --key says it is not signed, not "no --key given"', () => {
    const r = run(['decode', django.sessionKey, '--key', KEY]);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      '· not signed: a session key (the data lives on the server); --key has nothing to verify here',
    );
    expect(r.stdout).not.toContain('no --key given');
  });

  it('prints message levels by name, as the panel does', () => {
    const r = run(['decode', django.levels, '--key', KEY]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('  [INFO] "hi"\n  [SUCCESS] "saved"');
    expect(r.stdout).not.toContain('[20]');
  });

  it('--help and --version', () => {
    expect(run(['--help']).stdout).toMatch(/sessionlens decode VALUE/);
    expect(run(['--version']).stdout).toMatch(/^sessionlens \d+\.\d+\.\d+/);
  });
});

/** A Django-made value from the hostile corpus (test/generators/group_hostile.py). */
function hostileVector(name: string): { value: string; key: string } {
  const file = join(ROOT, 'test/vectors/hostile.5.2.19.json');
  const { vectors } = JSON.parse(readFileSync(file, 'utf8')) as {
    vectors: Array<{ id: string; value: string; options: { keys: string[] } }>;
  };
  const found = vectors.find((v) => v.id.endsWith(`/${name}`));
  if (!found) throw new Error(`${name} missing from ${file}`);
  return { value: found.value, key: found.options.keys[0] ?? '' };
}

/** C0 (but newline), DEL, C1, and the bidi controls: none may reach a terminal raw. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for exactly these control characters.
const RAW_CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

describe('hostile values in the terminal', () => {
  it('a session value cannot clear the screen and draw "✔ verified" under a bad signature', () => {
    const r = run(['decode', django.hostile, '--key', 'wrong-key', '--name', 'sessionid']);
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')[0]).toMatch(/^✘ bad signature/);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain("'msg': '\\x1b[2J\\x1b[1;1H✔ verified'");
    expect(r.stdout).toContain("'title': '\\x1b]0;owned\\x07'");
    // "what it means" quotes values too.
    expect(r.stdout).toContain('Authenticated by \\x1b[2J\\x1b[1;1H✔ verified');
  });

  it('message text and extra_tags are escaped, newline included', () => {
    const r = run(['decode', django.messages, '--key', KEY, '--name', 'messages']);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain('[INFO] "hi\\u001b[2J" (\\x1b]0;t\\x07\\n✔ verified \\u202e)');
    expect(r.stdout.split('\n').filter((line) => line.includes('✔'))).toHaveLength(2);
  });

  it('pickle global names are escaped in the tree, the references and the warning', () => {
    const { value, key } = hostileVector('pickle_unsafe_terminal_escape_global_name');
    const r = run(['decode', value, '--key', key, '--name', 'sessionid']);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain('pickle references: os\\x1b]0;pwned\\x07.system\\x1b[2J');
    expect(r.stdout).toContain(
      'unsafe-pickle: Pickle references callables outside the display allowlist (os\\x1b]0;pwned',
    );
  });

  it('900 levels around a 3 MiB string render in linear time', () => {
    const { value, key } = hostileVector('json_900_deep_3MiB_string');
    const start = performance.now();
    const r = run(['decode', value, '--key', key, '--name', 'sessionid']);
    expect(performance.now() - start).toBeLessThan(15_000);
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(3 * 1024 * 1024);
  }, 30_000);

  it('stdin is read up to a cap, with a clear message and exit 2', () => {
    const r = run(['decode', '-'], 'a'.repeat(1024 * 1024));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'sessionlens: stdin holds more than 69632 bytes; a value is at most 65536 bytes',
    );
  });
});

describe('sessionlens check-keys', () => {
  it('finds the line of the wordlist that signs the value, and prints keys/s', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sessionlens-'));
    const wordlist = join(dir, 'keys.txt');
    writeFileSync(wordlist, `# candidates\nchangeme\n\nnot-it\n${KEY}\nlater\n`);
    const r = run(['check-keys', django.bigInt, '--wordlist', wordlist]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`keys.txt:5 signs it: "${KEY}"`);
    expect(r.stdout).toMatch(/tried 3 keys in [\d.]+ ms \([\d,]+ keys\/s\)/);
    writeFileSync(wordlist, 'a\nb\n');
    expect(run(['check-keys', django.bigInt, '--wordlist', wordlist]).status).toBe(1);
    expect(run(['check-keys', django.bigInt, '--wordlist', '']).status).toBe(2);
  });

  it('without --wordlist tries the built-in list of published keys', () => {
    const r = run(['check-keys', django.publishedKey]);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      '✔ published in django/django/tests/test_sqlite.py signs it: "django_tests_secret_key"',
    );
    const miss = run(['check-keys', django.bigInt]);
    expect(miss.status).toBe(1);
    expect(miss.stdout).toMatch(/^✘ none of the \d+ published keys built in signs it/);
  });
});
