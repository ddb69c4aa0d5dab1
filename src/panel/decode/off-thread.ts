// decode() off the panel's main thread, under a watchdog: a value built to exhaust the decoder
// (a pickle or zlib bomb planted as the site's own sessionid) costs a worker, never the panel's
// responsiveness. A decode that outlives the watchdog, or a worker that dies (out of memory),
// ends as a report with the code 'too-slow' instead of a frozen or blank panel.

import { blankReport, type DecodeOptions, type DecodeReport, type Kind, setError } from '../../core/index';
import type { DecodeJob, DecodeReply } from './job';

/** Every cookie-sized value decodes in well under a second; this is several times that. */
export const DECODE_WATCHDOG_MS = 3000;

/** The part of the DOM Worker this module uses, typed with the job's messages. */
interface DecodeWorker {
  postMessage(job: DecodeJob): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<DecodeReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

/** vite turns this `new URL(…, import.meta.url)` into the built worker's path. */
const spawnDecodeWorker = (): DecodeWorker =>
  new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module', name: 'sessionlens-decode' });

/** A session key or CSRF token decodes at once; anything stopped is one of the signed kinds. */
const asKind = (detected: Kind | null): Kind => detected ?? 'signing';

function interrupted(detected: Kind | null, message: string): DecodeReport {
  const report = blankReport(asKind(detected), 'not-decoded');
  setError(report, 'too-slow', message);
  return report;
}

/**
 * Resolves with decode()'s report, or a 'too-slow' one. `signal`: the caller no longer wants the
 * answer (the value changed): the worker is stopped at once rather than left to the watchdog.
 */
export function decodeOffThread(
  value: string,
  options: DecodeOptions,
  { watchdogMs = DECODE_WATCHDOG_MS, signal }: { watchdogMs?: number; signal?: AbortSignal } = {},
): Promise<DecodeReport> {
  return new Promise((resolve) => {
    let worker: DecodeWorker;
    let detected: Kind | null = null;
    try {
      worker = spawnDecodeWorker();
    } catch (error) {
      resolve(interrupted(detected, `The decoder could not start: ${String(error)}.`));
      return;
    }
    const finish = (report: DecodeReport) => {
      clearTimeout(timer);
      worker.onmessage = null;
      worker.onerror = null;
      worker.terminate();
      resolve(report);
    };
    const timer = setTimeout(
      () =>
        finish(
          interrupted(
            detected,
            `Took too long to decode: stopped after ${watchdogMs / 1000} s so the panel stays responsive.`,
          ),
        ),
      watchdogMs,
    );
    worker.onmessage = (e) => {
      if (e.data.type === 'detected') detected = e.data.kind;
      else finish(e.data.report);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      finish(
        interrupted(detected, `The decoder stopped (${e.message || 'out of memory?'}) before it finished.`),
      );
    };
    signal?.addEventListener('abort', () => finish(interrupted(detected, 'No longer needed.')), {
      once: true,
    });
    worker.postMessage({ value, options });
  });
}
