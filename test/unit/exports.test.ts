// No test-only exports in src/: every value a src/ module exports is used by another src/ module
// (or the manifest), not by tests alone. Tests go through the public surface; test seams live in
// test/. Types are exempt: a public function's parameter types are its surface.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();

/** Exported for tests alone, each for a reason that outweighs the rule. */
const KNOWN: Record<string, string> = {};

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => join(dir, f));
}

const isTest = (f: string) => /\.test\.tsx?$/.test(f);
const text = (f: string) => readFileSync(join(ROOT, f), 'utf8');
const sources = files('src').filter((f) => !isTest(f));
const tests = [...files('src').filter(isTest), ...files('test')];
const EXPORT = /^export\s+(?:async\s+)?(?:function\*?|const|let|class|enum)\s+([A-Za-z_$][\w$]*)/gm;

function testOnlyExports(): string[] {
  const found: string[] = [];
  const bodies = new Map(sources.map((f) => [f, text(f)]));
  const elsewhere = [text('manifest.config.ts')];
  const testBodies = tests.map(text);
  for (const [file, body] of bodies) {
    for (const [, name = ''] of body.matchAll(EXPORT)) {
      const word = new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`);
      const usedBySource = [...bodies].some(([other, b]) => other !== file && word.test(b));
      if (usedBySource || elsewhere.some((b) => word.test(b))) continue;
      if (testBodies.some((b) => word.test(b))) found.push(`${file}: ${name}`);
    }
  }
  return found;
}

describe('exports of src/', () => {
  const found = testOnlyExports();

  it('are used by src/ itself, not by tests alone (test seams belong in test/)', () => {
    const name = (f: string) => f.slice(f.indexOf(': ') + 2);
    expect(found.filter((f) => !Object.hasOwn(KNOWN, name(f)))).toEqual([]);
  });

  it('the known exceptions are still exceptions (remove the ones fixed)', () => {
    expect(found.map((f) => f.slice(f.indexOf(': ') + 2)).sort()).toEqual(Object.keys(KNOWN).sort());
  });
});
