// Prints our decode/verify throughput beside Django's own signing.loads on the same values, and
// check-keys keys/s. Figures only: nothing here asserts a speed. Run with `make bench`.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { decode } from '../src/core/decode';
import { checkKeys } from '../src/core/weakkeys/index';

const ROOT = new URL('..', import.meta.url).pathname;
const python = join(ROOT, '.venv/bin/python');
const side = JSON.parse(execFileSync(python, [join(ROOT, 'bench/django_side.py')], { encoding: 'utf8' })) as {
  python: string;
  key: string;
  values: Record<string, string>;
  salts: Record<string, string>;
  django: Record<string, number>;
  djangoKeysPerSecond: number;
};

async function perSecond(fn: () => Promise<unknown>, seconds = 1, warmups = 50): Promise<number> {
  for (let i = 0; i < warmups; i++) await fn(); // warm up the JIT and the key cache, as timeit's autorange does
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    await fn();
    runs++;
  }
  return (runs * 1000) / (performance.now() - start);
}

const now = Date.now() / 1000;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(12);
const rows: string[] = [];
for (const [name, value] of Object.entries(side.values)) {
  const salt = side.salts[name] ?? '';
  const ours = await perSecond(async () => {
    const report = await decode(value, { kind: 'signing', salt, keys: [side.key], now });
    if (report.verified !== true) throw new Error(`${name} did not verify: ${report.message}`);
  });
  rows.push(
    `${name.padEnd(40)}${fmt(ours)}${fmt(side.django[name] ?? 0)}   ${(ours / (side.django[name] ?? 1)).toFixed(2)}x`,
  );
}

const candidates = Array.from({ length: 2000 }, (_, i) => `wrong-key-${i}`);
const value = side.values['small signing.dumps'] ?? '';
const huntOptions = {
  kind: 'signing',
  salt: 'django.core.signing',
  now,
  clock: () => performance.now(),
} as const;
const hunt = await checkKeys(value, [...candidates, side.key], huntOptions);
if (hunt.index !== candidates.length) throw new Error('check-keys did not find the key');
// One hunt lasts tens of ms, so a single one is at the mercy of GC and the scheduler: hunts are
// repeated for a second, like the decodes above and Django's timeit.
const keysPerSecond =
  hunt.tried * (await perSecond(() => checkKeys(value, [...candidates, side.key], huntOptions), 1, 5));

console.log(`sessionlens core (Node ${process.version}) vs Django signing.loads (Python ${side.python})\n`);
console.log(
  `${'verify + decode, per second'.padEnd(40)}${'ours'.padStart(12)}${'Django'.padStart(12)}   ratio`,
);
for (const row of rows) console.log(row);
console.log(
  `\n${'check-keys, keys per second'.padEnd(40)}${fmt(keysPerSecond)}${fmt(side.djangoKeysPerSecond)}   ${(keysPerSecond / side.djangoKeysPerSecond).toFixed(2)}x`,
);
console.log(
  `(hunts of ${hunt.tried} candidates, the last one found; one took ${hunt.elapsedMs.toFixed(0)} ms)`,
);
