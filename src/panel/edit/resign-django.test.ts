// @vitest-environment node
// What the panel's re-signing writes (its sign worker's job: core's resign() with the panel's
// CompressionStream compressor), read back by real Django 5.2 (.venv) and 4.2 (.venv-dj42): signing.loads, the
// signed_cookies SessionStore.load(), get_signed_cookie and CookieStorage; and, where nothing was
// compressed, the very bytes Django writes itself at the same instant.
import { beforeAll, describe, expect, it } from 'vitest';
import { type DjangoReadBack, djangoReadsBack, type SignedCase } from '../../../test/django/signed-readback';
import type { ResignPlan } from '../../core/index';
import { runSignJob } from './sign-job';

const VENVS = ['.venv', '.venv-dj42'] as const;
const KEY = 'panel-resign-ключ-0123456789-abcdefghijklmnopqrstuvwxyz';
// Recent: SessionStore.load() checks SESSION_COOKIE_AGE against the real clock.
const NOW = Math.trunc(Date.now() / 1000) - 60 + 0.25;
const BIG = `{"cart":[${Array.from({ length: 40 }, () => '"apple"').join(',')}],"visits_counter":40}`;

interface Case extends Omit<SignedCase, 'json'> {
  plan: ResignPlan;
  /** The text as edited in the panel (JSON, or the cookie's text). */
  text: string;
  compressed: boolean;
  unreadableOn?: string;
  /** Django's major.minor whose own write is these bytes (each version writes its own salt scheme). */
  exactOn?: string[];
}

const CASES: Case[] = [
  {
    id: 'signing',
    kind: 'signing',
    plan: { kind: 'signing', salt: 'django.core.signing', compress: false, algorithm: 'sha256' },
    text: '{"visits_counter": 41, "big": 123456789012345678901234567890}',
    compressed: false,
  },
  {
    id: 'signing-compressed',
    kind: 'signing',
    compress: true,
    plan: { kind: 'signing', salt: 'django.core.signing', compress: true, algorithm: 'sha256' },
    text: BIG,
    compressed: true,
  },
  {
    id: 'session-cookie',
    kind: 'session-cookie',
    plan: { kind: 'session-cookie', algorithm: 'sha256' },
    text: BIG,
    compressed: true,
  },
  {
    id: 'session-cookie-short',
    kind: 'session-cookie',
    plan: { kind: 'session-cookie', algorithm: 'sha256' },
    text: '{"visits_counter": 40}',
    compressed: false,
  },
  {
    id: 'signed-cookie',
    kind: 'signed-cookie',
    name: 'theme',
    salt: 'sessionlens-demo',
    plan: {
      kind: 'signed-cookie',
      name: 'theme',
      salt: 'sessionlens-demo',
      legacySalt: false,
      algorithm: 'sha256',
    },
    text: 'light',
    compressed: false,
    unreadableOn: '4.2',
    exactOn: ['5.2'],
  },
  {
    id: 'signed-cookie-legacy',
    kind: 'signed-cookie',
    name: 'theme',
    salt: 'sessionlens-demo',
    legacy: true,
    plan: {
      kind: 'signed-cookie',
      name: 'theme',
      salt: 'sessionlens-demo',
      legacySalt: true,
      algorithm: 'sha256',
    },
    text: 'light',
    compressed: false,
    exactOn: ['4.2'],
  },
  {
    id: 'messages',
    kind: 'messages',
    plan: { kind: 'messages', algorithm: 'sha256' },
    text: '[{"level": 25, "message": "Edited ✓", "extra_tags": "x"}, {"level": 40, "message": "again", "extra_tags": "y"}, {"level": 20, "message": "and again", "extra_tags": ""}]',
    compressed: true,
  },
];

const made = new Map<string, string>();
const django = new Map<string, DjangoReadBack>();

beforeAll(async () => {
  for (const c of CASES) {
    const value = await runSignJob({ plan: c.plan, text: c.text, key: KEY, now: NOW });
    if (!value.ok) throw new Error(`${c.id}: ${value.message}`);
    made.set(c.id, value.value);
  }
  // The harness reads `json` as the input: the edited text, as Python's json.loads reads it.
  const values = CASES.map(({ plan: _plan, text, ...c }) => ({
    ...c,
    json: c.kind === 'signed-cookie' ? JSON.stringify(text) : text,
    value: made.get(c.id) ?? '',
  }));
  for (const venv of VENVS) django.set(venv, djangoReadsBack(venv, KEY, NOW, values));
}, 120_000);

describe.each(VENVS)('Django in %s reads back what the panel re-signed', (venv) => {
  it.each(CASES)('$id', (c) => {
    const answer = django.get(venv);
    const version = answer?.django.split('.').slice(0, 2).join('.') ?? '';
    const result = answer?.cases[c.id];
    if (c.unreadableOn === version) {
      expect(result?.error).toBe('BadSignature');
      return;
    }
    expect(result?.error).toBeUndefined();
    expect(result?.equal, String(result?.loaded)).toBe(true);
    const value = made.get(c.id) ?? '';
    expect(value.startsWith('.')).toBe(c.compressed);
    // Compressed bytes are the browser's zlib, not Python's: equal once inflated, not to the byte.
    if (!c.compressed && (c.exactOn ?? [version]).includes(version)) expect(value).toBe(result?.written);
  });
});
