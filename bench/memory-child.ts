// Run by bench/memory.ts in a fresh Node process (bundled, no loader in the way): reads the
// 1 GiB-inflating session with the input cap raised to fit it, and prints the peak RSS.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { decode } from '../src/core/decode';

const [file = '', key = ''] = process.argv.slice(2);
const value = readFileSync(file, 'utf8');
const before = process.memoryUsage().rss;
const start = performance.now();
const report = await decode(value, {
  kind: 'session-cookie',
  keys: [key],
  now: Date.now() / 1000,
  limits: { maxInputBytes: value.length },
});
const ms = performance.now() - start;
console.log(
  JSON.stringify({
    inputBytes: value.length,
    verified: report.verified,
    code: report.code,
    message: report.message,
    ms,
    rssBeforeBytes: before,
    // resourceUsage().maxRSS is in KiB: the high-water mark of the whole process.
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
