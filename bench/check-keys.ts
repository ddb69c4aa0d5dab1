// `make bench`, check-keys: the whole `sessionlens check-keys VALUE --wordlist FILE` process, as a
// user types it (no --kind, no --algorithm), against bench/hmac_loop.py on the same list.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SESSION_COOKIE_SALT } from '../src/core/formats/session-cookie';
import { PYTHON } from '../test/python';
import { median, ratio, row, section } from './table';

const CANDIDATES = 100_000;
const RUNS = 3;

/** 100,000 distinct 50-character keys in the alphabet startproject uses, the right one last. */
function wordlist(rightKey: string): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)';
  const keys = new Set<string>();
  for (let i = 0; keys.size < CANDIDATES - 1; i++) {
    // Deterministic: the same list every run, so runs and machines compare.
    const digest = createHash('sha512').update(`candidate-${i}`).digest();
    let key = '';
    for (let j = 0; j < 50; j++) key += alphabet[(digest[j] ?? 0) % alphabet.length];
    // A line starting with `#` is a comment to the wordlist reader: such a key is never a candidate.
    if (key !== rightKey && !key.startsWith('#')) keys.add(key);
  }
  return `${[...keys, rightKey].join('\n')}\n`;
}

interface Timed {
  wall: number;
  /** user + system CPU seconds of the process, from /usr/bin/time (null where it is missing). */
  cpu: number | null;
}

const TIME = '/usr/bin/time';

function timed(command: string, args: string[], expect: RegExp): Timed {
  const useTime = existsSync(TIME);
  const start = performance.now();
  const run = useTime
    ? spawnSync(TIME, ['-f', '%U %S', command, ...args], { encoding: 'utf8' })
    : spawnSync(command, args, { encoding: 'utf8' });
  const wall = (performance.now() - start) / 1000;
  if (!expect.test(run.stdout))
    throw new Error(`${command} did not find the key: ${run.stdout}${run.stderr}`);
  const [user, sys] = (run.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  return { wall, cpu: useTime && user !== undefined && sys !== undefined ? user + sys : null };
}

export async function benchCheckKeys(root: string, key: string, value: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sessionlens-bench-'));
  try {
    const list = join(dir, '100k.txt');
    writeFileSync(list, wordlist(key));
    const cli = join(root, 'dist/cli/sessionlens.mjs');
    const ours: Timed[] = [];
    const theirs: Timed[] = [];
    for (let run = 0; run < RUNS; run++) {
      ours.push(timed(process.execPath, [cli, 'check-keys', value, '--wordlist', list], /✔/));
      theirs.push(
        timed(PYTHON, [join(root, 'bench/hmac_loop.py'), value, list, SESSION_COOKIE_SALT], /found at/),
      );
    }
    section(
      `check-keys VALUE --wordlist 100k.txt (a signed_cookies session, the right key last), whole process, ` +
        `${RUNS} interleaved runs, medians`,
    );
    row(['', 'ours', 'Python', 'Python/ours time', 'target'], true);
    const wall = (xs: Timed[]) => median(xs.map((x) => x.wall));
    row([
      'wall seconds',
      wall(ours).toFixed(2),
      wall(theirs).toFixed(2),
      ratio(wall(theirs) / wall(ours), 1),
    ]);
    row(['keys/s (whole process, wall)', CANDIDATES / wall(ours), CANDIDATES / wall(theirs)]);
    if (ours.every((x) => x.cpu !== null) && theirs.every((x) => x.cpu !== null)) {
      const cpu = (xs: Timed[]) => median(xs.map((x) => x.cpu ?? 0));
      // Issue 14's target is the wall time; the CPU time is shown beside it, without one.
      row([
        'CPU seconds (user + sys)',
        cpu(ours).toFixed(2),
        cpu(theirs).toFixed(2),
        ratio(cpu(theirs) / cpu(ours)),
      ]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
