// No import cycle in src/: every module can be read (and moved) after the ones it imports. Type
// imports count too — a cycle through types is still two modules that cannot change apart.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const SRC = join(ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Relative specifiers of every static import/export-from in a file, resolved to files. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'/gm)].map(
    (m) => m[1] as string,
  );
  specs.push(...[...text.matchAll(/^\s*import\s+'(\.[^']+)'/gm)].map((m) => m[1] as string));
  return specs
    .map((spec) => resolve(dirname(file), spec))
    .flatMap((base) =>
      [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]
        .filter((p) => existsSync(p) && statSync(p).isFile())
        .slice(0, 1),
    )
    .filter((p) => p.startsWith(SRC) && /\.tsx?$/.test(p));
}

function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    if (!state.has(node)) {
      const found = visit(node);
      if (found) return found;
    }
  }
  return null;
}

describe('the import graph of src/', () => {
  const graph = new Map(sources(SRC).map((f) => [f, importsOf(f)]));

  it('is read from the real tree', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get(join(SRC, 'core/check-keys.ts'))).toContain(join(SRC, 'core/decode.ts'));
  });

  it('has no cycle', () => {
    const cycle = findCycle(graph);
    expect(cycle?.map((f) => relative(ROOT, f)) ?? null).toBeNull();
  });

  it('finds a cycle when there is one (the check can fail)', () => {
    const demo = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
    ]);
    expect(findCycle(demo)).toEqual(['a', 'b', 'c', 'a']);
  });
});
