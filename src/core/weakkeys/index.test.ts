import { describe, expect, it } from 'vitest';
import { KNOWN_KEYS, weakKey } from './index';

const weakKeyReason = (key: string | Uint8Array) => weakKey(key)?.detail ?? null;

const STRONG = 'q8#zV!r2@Lm9$Tx4^Wp7&Yk1*Nb6(Hs3)Jd5_Gf0-Ce2+Ra8=Ub';

describe('weakKeyReason', () => {
  it('names the source of a published key', () => {
    expect(weakKeyReason('not very secret in tests')).toMatch(
      /encode\/django-rest-framework tests\/conftest\.py/,
    );
    expect(weakKeyReason('django_tests_secret_key')).toMatch(/django\/django/);
  });

  it("flags startproject's django-insecure- keys, placeholders, empty and W009-short keys", () => {
    expect(weakKeyReason(`django-insecure-${STRONG}`)).toMatch(/django-insecure-/);
    expect(weakKeyReason('changeme')).toMatch(/placeholder/);
    expect(weakKeyReason('')).toMatch(/empty/);
    expect(weakKeyReason('x'.repeat(60))).toMatch(/1 distinct/);
    expect(weakKeyReason(new Uint8Array([0xe7]))).toMatch(/security\.W009/);
  });

  it('passes a long random key', () => {
    expect(STRONG.length).toBeGreaterThanOrEqual(50);
    expect(weakKeyReason(STRONG)).toBeNull();
  });

  it('names the repository and file of every published key', () => {
    for (const k of KNOWN_KEYS) expect(weakKeyReason(k.key)).toContain(`published in ${k.repo} ${k.path}`);
  });

  it('does not report a published key with one character changed', () => {
    const near = (key: string) => key.slice(0, -1) + (key.endsWith('Q') ? 'R' : 'Q');
    // Long random keys are the ones a one-character slip must not match; short ones fail W009 anyway.
    const long = KNOWN_KEYS.filter((k) => k.key.length >= 50 && !k.key.startsWith('django-insecure-'));
    expect(long.length).toBeGreaterThanOrEqual(10);
    for (const k of long) expect(weakKeyReason(near(k.key)), k.key).toBeNull();
    expect(weakKeyReason('not very secret in test')).not.toMatch(/published/);
  });

  it('lists each key once, with a repo, path, commit and permissive licence', () => {
    expect(new Set(KNOWN_KEYS.map((k) => k.key)).size).toBe(KNOWN_KEYS.length);
    expect(KNOWN_KEYS.length).toBeGreaterThanOrEqual(20);
    for (const k of KNOWN_KEYS) {
      expect(k.key).not.toBe('');
      expect(k.repo).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(k.path).toMatch(/^[^/\s][^\s]*$/);
      expect(k.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(['MIT', 'BSD-2-Clause', 'BSD-3-Clause', 'Apache-2.0', 'CC0-1.0']).toContain(k.license);
      expect(k.note).not.toBe('');
    }
  });
});

describe('weakKey reasons (structured: the panel reads the reason, not the text)', () => {
  it('names each rule', () => {
    expect(weakKey('not very secret in tests')?.reason).toBe('published');
    expect(weakKey('not very secret in tests')?.known?.repo).toBe('encode/django-rest-framework');
    expect(weakKey('changeme')?.reason).toBe('placeholder');
    expect(weakKey(`django-insecure-${STRONG}`)?.reason).toBe('insecure-prefix');
    expect(weakKey('')?.reason).toBe('empty');
    expect(weakKey('short')?.reason).toBe('w009-length');
    expect(weakKey('ab'.repeat(30))?.reason).toBe('w009-unique');
  });
});
