// Prints how long each value of the hostile corpus (test/vectors/hostile.*.json, signed by real
// Django) takes to decode, median and worst of many runs, and how far the heap grows: the
// figures behind the per-case bounds test/core/hostile.test.ts asserts. Run with `make bench`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { decode } from '../src/core/decode';
import { toPlainText } from '../src/core/pyvalue';
import type { DecodeOptions } from '../src/core/types';

const RUNS = Number(process.env.HOSTILE_RUNS ?? 20);
const dir = new URL('../test/vectors/', import.meta.url).pathname;
const vectors = readdirSync(dir)
  .filter((f) => f.startsWith('hostile.'))
  .flatMap(
    (f) =>
      (
        JSON.parse(readFileSync(join(dir, f), 'utf8')) as {
          vectors: Array<{ id: string; value: string; options: DecodeOptions }>;
        }
      ).vectors,
  );

const MiB = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
console.log(
  `hostile corpus: ${vectors.length} Django-signed values, ${RUNS} decodes each (Node ${process.version})\n`,
);
console.log(
  `${'value'.padEnd(62)}${'median'.padStart(9)}${'worst'.padStart(9)}${'heap +'.padStart(11)}  text render`,
);
let worst = 0;
for (const v of vectors) {
  const times: number[] = [];
  let growth = 0;
  let report = await decode(v.value, v.options);
  for (let i = 0; i < RUNS; i++) {
    const before = process.memoryUsage().heapUsed;
    const start = performance.now();
    report = await decode(v.value, v.options);
    times.push(performance.now() - start);
    growth = Math.max(growth, process.memoryUsage().heapUsed - before);
  }
  times.sort((a, b) => a - b);
  const start = performance.now();
  const rendered = report.data === null ? 0 : toPlainText(report.data).length;
  const render =
    report.data === null ? '-' : `${(performance.now() - start).toFixed(0)} ms (${rendered} chars)`;
  worst = Math.max(worst, times[times.length - 1] ?? 0);
  const id = v.id.replace(/^hostile\//, '');
  console.log(
    `${id.padEnd(62)}${`${(times[times.length >> 1] ?? 0).toFixed(1)}`.padStart(9)}${`${(times[times.length - 1] ?? 0).toFixed(1)}`.padStart(9)}${MiB(growth).padStart(11)}  ${render}`,
  );
}
console.log(`\nworst single decode: ${worst.toFixed(0)} ms; rss now ${MiB(process.memoryUsage().rss)}`);
