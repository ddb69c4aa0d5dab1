// What the panel page loads before its first paint, from esbuild's view of the import graph:
// the pickle reader and the table of published keys only through import() (loaded when a value
// needs them), the Timeline tab's view of its entries only with the tab, no preact/compat and no
// webextension-polyfill runtime. `make bench` prints the resulting gzip size.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

async function startupInputs(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [`${root}${entry}`],
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: '/tmp/sessionlens-startup-graph',
    write: false,
    metafile: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    loader: { '.css': 'empty' },
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  const entryOut = Object.values(outputs).find((o) => o.entryPoint === entry);
  if (!entryOut) throw new Error('no entry chunk');
  // The entry chunk and the chunks it imports statically: what loads before anything runs.
  const seen = new Set<string>();
  const inputs: string[] = [];
  const visit = (path: string) => {
    const out = outputs[path];
    if (!out || seen.has(path)) return;
    seen.add(path);
    inputs.push(...Object.keys(out.inputs));
    for (const imp of out.imports) if (imp.kind === 'import-statement') visit(imp.path);
  };
  visit(Object.keys(outputs).find((k) => outputs[k] === entryOut) ?? '');
  return inputs;
}

describe('panel startup graph', () => {
  it('leaves the pickle reader, the published keys, the timeline view, preact/compat and the polyfill out of the first load', async () => {
    const inputs = await startupInputs('src/panel/main.tsx');
    // The graph was read: the panel's own modules and the kind names are in it (decode() itself
    // runs in the worker, and the barrel no longer drags it into the page).
    expect(inputs).toContain('src/panel/App.tsx');
    expect(inputs).toContain('src/core/kind-names.ts');
    expect(inputs).toContain('src/panel/timeline/entries.ts');
    expect(
      inputs.filter((i) =>
        /pickle\/index\.ts|known-keys\.ts|timeline\/view\.ts|preact\/compat|webextension-polyfill/.test(i),
      ),
    ).toEqual([]);
  });
});
