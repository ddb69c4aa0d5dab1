// `make bench`, memory: peak RSS of a process reading a validly signed value that inflates to
// 1 GiB (input cap raised so the ~1.4 MB value is read at all; the inflation cap stays the default).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { PYTHON } from '../test/python';
import { row, section } from './table';

const MIB = 1024 * 1024;
const TARGET_MIB = 100;

export async function benchMemory(root: string, key: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sessionlens-bomb-'));
  try {
    const value = join(dir, 'bomb.txt');
    execFileSync(PYTHON, [join(root, 'bench/bomb.py'), key, value]);
    const child = join(dir, 'memory-child.mjs');
    await build({
      entryPoints: [join(root, 'bench/memory-child.ts')],
      outfile: child,
      bundle: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'warning',
    });
    const out = JSON.parse(execFileSync(process.execPath, [child, value, key], { encoding: 'utf8' })) as {
      inputBytes: number;
      verified: boolean | null;
      code: string | null;
      ms: number;
      rssBeforeBytes: number;
      peakRssBytes: number;
    };
    if (out.verified !== true || out.code !== 'too-large') {
      throw new Error(`the 1 GiB value was not verified then stopped: ${JSON.stringify(out)}`);
    }
    section(
      `memory: a validly signed session inflating to 1 GiB (${(out.inputBytes / MIB).toFixed(2)} MiB value), ` +
        `verified then stopped at the inflation cap (${out.code}) in ${out.ms.toFixed(0)} ms`,
    );
    const peak = out.peakRssBytes / MIB;
    row([
      'peak RSS of the whole process, MiB',
      peak.toFixed(1),
      '',
      `target < ${TARGET_MIB} MiB: ${peak < TARGET_MIB ? 'met' : 'MISSED'}`,
    ]);
    row(['  (RSS before decoding, MiB)', (out.rssBeforeBytes / MIB).toFixed(1)]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
