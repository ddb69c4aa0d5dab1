// Run by bench/memory.ts in a fresh Node process (bundled, no loader in the way): reads the
// 1 GiB-inflating session with the input cap raised to fit it, and prints the peak RSS.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { decode } from '../src/core/decode';

/**
 * This process's peak RSS in bytes: Linux's VmHWM, the high-water mark of its own memory since
 * exec. WHY not resourceUsage().maxRSS: the kernel carries getrusage's maximum over from the
 * forked copy of the parent, so it reported the bench's own process (~110 MiB, the 1,000-value
 * cases in memory) where VmHWM read 65 MiB in the same run. Without /proc, maxRSS (KiB) it is.
 */
function peakRss(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm?.[1]) return Number(hwm[1]) * 1024;
  } catch {
    // Not Linux: no /proc.
  }
  return process.resourceUsage().maxRSS * 1024;
}

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
    peakRssBytes: peakRss(),
  }),
);
