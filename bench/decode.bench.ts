// `make bench`: the core beside Django's own Python, measured side by side in one run.
// Figures only, each against the target of issue 14; nothing here asserts a speed.
//
// Honesty rules (why the code is shaped like this):
// - every case is 1,000 DISTINCT values made by Django 5.2's signing.dumps (bench/django_side.py),
//   each checked verified and equal to Django's own loads() result before anything is timed;
// - Django's signing.loads runs on the same values in a Python process kept alive for the whole
//   run, and the two sides take turns round by round (interleaved), so machine noise hits both;
// - medians of the rounds are printed, with the machine they ran on.

import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { decode } from '../src/core/decode';
import { dumpsPyJson } from '../src/core/pyjson';
import type { DecodeOptions, Kind } from '../src/core/types';
import { PYTHON } from '../test/python';
import { benchCheckKeys } from './check-keys';
import { benchMemory } from './memory';
import { benchPaint } from './paint';
import { benchPanelSize } from './panel-size';
import { corePhases, JSON_PARSE_FLOOR } from './phases';
import { median, ratio, row, section } from './table';

const ROOT = new URL('..', import.meta.url).pathname;
const ROUNDS = 7;

interface Case {
  salt: string;
  values: string[];
  data: string[];
  medianLength: number;
}

interface DjangoSide {
  python: string;
  django: string;
  key: string;
  cases: Record<string, Case>;
}

/** The Python side, one request at a time: a line out, a line back. */
class Django {
  private readonly lines: AsyncIterator<string>;
  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stderr.pipe(process.stderr);
    this.lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  }

  static start(): Django {
    return new Django(spawn(PYTHON, [join(ROOT, 'bench/django_side.py')]));
  }

  async line(): Promise<string> {
    const next = await this.lines.next();
    if (next.done) throw new Error('bench/django_side.py exited early');
    return next.value;
  }

  /** CPU seconds of each step of signing.loads over every value of the case (django_side.py phases()). */
  async phases(name: string): Promise<Record<string, number>> {
    this.child.stdin.write(`phases ${name}\n`);
    return JSON.parse(await this.line()) as Record<string, number>;
  }

  /** Seconds signing.loads took over every value of the case, once each. */
  async loads(name: string): Promise<number> {
    this.child.stdin.write(`loads ${name}\n`);
    return Number(await this.line());
  }

  stop(): void {
    this.child.stdin.end();
  }
}

/** The kind a user would pass with --kind for each case (its salt is then implied or default). */
const EXPLICIT: Record<string, Kind> = {
  'small session (~330 B)': 'session-cookie',
  '4 KB session (compressed)': 'session-cookie',
  '4 KB signing.dumps (plain)': 'signing',
};

function optionsFor(kind: Kind | 'auto', key: string, now: number): DecodeOptions {
  return { kind, keys: [key], now };
}

/** Every value verifies and reads as exactly what Django's loads() returned: checked, not timed. */
async function checkExact(name: string, c: Case, key: string, now: number): Promise<void> {
  for (const kind of [EXPLICIT[name] ?? 'signing', 'auto'] as const) {
    for (const [i, value] of c.values.entries()) {
      const report = await decode(value, optionsFor(kind, key, now));
      const json = report.data === null ? null : dumpsPyJson(report.data);
      if (report.verified !== true || !json?.ok || json.value !== c.data[i]) {
        throw new Error(
          `${name} #${i} (${kind}): verified=${report.verified} ${report.code ?? ''} data differs`,
        );
      }
    }
  }
}

/** CPU seconds (this process, as Python's process_time) our decode() took over every value, once each. */
async function ours(c: Case, options: DecodeOptions): Promise<number> {
  const start = process.cpuUsage();
  for (const value of c.values) {
    const report = await decode(value, options);
    if (report.verified !== true) throw new Error(`did not verify: ${report.message}`);
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

const django = Django.start();
const side = JSON.parse(await django.line()) as DjangoSide;
const now = Date.now() / 1000;

section(
  `Machine: ${cpus().length} CPUs (nproc), ${cpus()[0]?.model ?? 'unknown CPU'}; Node ${process.version}; ` +
    `Python ${side.python}, Django ${side.django}. Shared machines give noisy figures: ` +
    `${ROUNDS} interleaved rounds, medians of CPU time (process_time / cpuUsage) shown.`,
);

const names = Object.keys(side.cases);
for (const name of names) {
  const c = side.cases[name];
  if (c) await checkExact(name, c, side.key, now);
}

type Timings = { django: number[]; explicit: number[]; auto: number[] };
const timings = new Map<string, Timings>(names.map((n) => [n, { django: [], explicit: [], auto: [] }]));
// Round 0 warms both sides (JIT, imports, Python's caches) and is not counted.
for (let round = 0; round <= ROUNDS; round++) {
  for (const name of names) {
    const c = side.cases[name];
    const counted = timings.get(name);
    if (!c || !counted) continue;
    const t: Timings = round === 0 ? { django: [], explicit: [], auto: [] } : counted;
    const explicitKind = EXPLICIT[name] ?? 'signing';
    // The order of the three turns rotates so that none always runs right after the other side.
    const turns = [
      async () => t.django.push(await django.loads(name)),
      async () => t.explicit.push(await ours(c, optionsFor(explicitKind, side.key, now))),
      async () => t.auto.push(await ours(c, optionsFor('auto', side.key, now))),
    ];
    for (let k = 0; k < turns.length; k++) await turns[(k + round) % turns.length]?.();
  }
}
// Where the time goes: each step alone, both sides, the same values, taking turns.
const phaseRuns = new Map(
  names.map((n) => [n, { django: [] as Record<string, number>[], ours: [] as Record<string, number>[] }]),
);
for (let round = 0; round <= ROUNDS; round++) {
  for (const name of names) {
    const c = side.cases[name];
    const runs = phaseRuns.get(name);
    if (!c || !runs) continue;
    const theirs = await django.phases(name);
    const ours = corePhases(c.values, c.salt, side.key);
    if (round > 0) {
      runs.django.push(theirs);
      runs.ours.push(ours);
    }
  }
}
django.stop();

section('verify + decode of 1,000 distinct Django-made values, values per CPU second (median)');
row(['case', 'ours', 'Django', 'ours/Django', 'target'], true);
const rate = (c: Case, seconds: number[]) => c.values.length / median(seconds);
for (const name of names) {
  const c = side.cases[name];
  const t = timings.get(name);
  if (!c || !t) continue;
  const target = name.startsWith('small') ? 2 : 1;
  const djangoRate = rate(c, t.django);
  const explicitRate = rate(c, t.explicit);
  const autoRate = rate(c, t.auto);
  row([
    `${name}, --kind ${EXPLICIT[name]} (${c.medianLength} B)`,
    explicitRate,
    djangoRate,
    ratio(explicitRate / djangoRate, target),
  ]);
  row([`${name}, auto (CLI default)`, autoRate, djangoRate, ratio(autoRate / djangoRate)]);
  row([`  auto time / explicit time`, '', '', ratio(median(t.auto) / median(t.explicit), 1.5, 'at most')]);
}

section(
  "where the time goes: each step alone over the same 1,000 values, µs a value (median); 'the rest' is " +
    'the whole decode minus its steps (splitting, the timestamp, the report; Django: the calls between them)',
);
row(['case / step', 'ours µs', 'Django µs', 'ours/Django speed'], true);
for (const name of names) {
  const c = side.cases[name];
  const runs = phaseRuns.get(name);
  const t = timings.get(name);
  if (!c || !runs || !t) continue;
  const perValue = (seconds: number) => (seconds / c.values.length) * 1e6;
  const step = (rounds: Record<string, number>[], key: string) =>
    perValue(median(rounds.map((r) => r[key] ?? 0)));
  row([`${name}, --kind ${EXPLICIT[name]}`, '', '']);
  let oursSteps = 0;
  let theirSteps = 0;
  for (const key of Object.keys(runs.ours[0] ?? {})) {
    const ours = step(runs.ours, key);
    const theirs = key in (runs.django[0] ?? {}) ? step(runs.django, key) : null;
    if (key !== JSON_PARSE_FLOOR) {
      oursSteps += ours;
      theirSteps += theirs ?? 0;
    }
    row([
      `  ${key}`,
      ours.toFixed(1),
      theirs === null ? '' : theirs.toFixed(1),
      theirs === null ? '' : ratio(theirs / ours),
    ]);
  }
  const oursTotal = perValue(median(t.explicit));
  const theirTotal = perValue(median(t.django));
  row(['  the rest', (oursTotal - oursSteps).toFixed(1), (theirTotal - theirSteps).toFixed(1)]);
  row([
    '  whole decode / signing.loads',
    oursTotal.toFixed(1),
    theirTotal.toFixed(1),
    ratio(theirTotal / oursTotal),
  ]);
}

await benchCheckKeys(ROOT, side.key, side.cases['small session (~330 B)']?.values[0] ?? '');
await benchMemory(ROOT, side.key);
await benchPanelSize(ROOT);
await benchPaint();
