// The boundaries ARCHITECTURE.md states are lint errors (biome.json overrides), proven here on
// probe files: the panel and the CLI enter the core through src/core/index.ts only, and only
// src/platform touches the extension API (the `browser`/`chrome` globals and the types of
// webextension-polyfill). And test data has one home, outside src/.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();
const BIOME = join(ROOT, 'node_modules/.bin/biome');

/** Lints `source` as if it lived at `path` (a probe file, removed afterwards): the diagnostics. */
function lintAt(path: string, source: string): string {
  const file = join(ROOT, path.replace(/\.ts$/, `.probe-${process.pid}.ts`));
  writeFileSync(file, source);
  try {
    const run = spawnSync(BIOME, ['lint', '--max-diagnostics=50', file], { cwd: ROOT, encoding: 'utf8' });
    return `${run.stdout}${run.stderr}`;
  } finally {
    rmSync(file, { force: true });
  }
}

const PROBES = {
  types: "import type { Runtime } from 'webextension-polyfill';\nexport type Probe = Runtime.Port;\n",
  browser: 'export const probe = browser.runtime.id;\n',
  chrome: 'export const probe = chrome.runtime.id;\n',
};

describe('lint-enforced boundaries', () => {
  it('the panel and the CLI may not import a core module directly', () => {
    const deep = "import { decode } from '../../core/decode';\nexport const probe = decode;\n";
    expect(lintAt('src/panel/session/x.ts', deep)).toContain('enter the core through src/core/index.ts only');
    const cli = "import { decode } from '../core/decode';\nexport const probe = decode;\n";
    expect(lintAt('src/cli/x.ts', cli)).toContain('enter the core through src/core/index.ts only');
    const door = "import { decode } from '../../core/index';\nexport const probe = decode;\n";
    expect(lintAt('src/panel/session/x.ts', door)).not.toContain('noRestrictedImports');
  });

  it('only src/platform touches the extension API', () => {
    const at = [
      'src/panel/x.ts',
      'src/background/x.ts',
      'src/messaging/x.ts',
      'src/devtools/x.ts',
      'src/core/x.ts',
    ];
    for (const file of at) {
      expect(lintAt(file, PROBES.types), file).toContain('noRestrictedImports');
      expect(lintAt(file, PROBES.browser), file).toContain('noRestrictedGlobals');
      expect(lintAt(file, PROBES.chrome), file).toContain('noRestrictedGlobals');
    }
    for (const probe of Object.values(PROBES))
      expect(lintAt('src/platform/x.ts', probe)).not.toContain('noRestricted');
  });
});

describe('one home for test data and docs', () => {
  it('src/ holds no fixtures, generators or data files: they are test/generators/ and test/vectors/', () => {
    const files = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' });
    const data = files.filter(
      (f) =>
        /(^|\/)fixtures(\/|$)/.test(f) ||
        f.endsWith('.py') ||
        (f.endsWith('.json') && !f.endsWith('tsconfig.json')),
    );
    expect(data).toEqual([]);
    expect(files.length).toBeGreaterThan(50);
  });

  it("the repository carries its own docs: no file cites the workstation's shared notes", () => {
    // Spelled apart, so this file does not cite them.
    const [absolute, relative] = [['/work', 'shared/'].join('/'), ['..', 'shared/'].join('/')];
    const cited = spawnSync('git', ['grep', '-l', '-F', '-e', absolute, '-e', relative], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(cited.status, cited.stderr).not.toBe(2);
    expect(cited.stdout.split('\n').filter(Boolean)).toEqual([]);
  });
});
