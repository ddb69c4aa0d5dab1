// One decode, as the panel hands it to its worker: the core's decode() and nothing else, so the
// worker and the CLI run the same implementation. Keys cross to the worker (an extension-origin
// thread of the same page), never to the network.

import { type DecodeOptions, type DecodeReport, decode, detectKind, type Kind } from '../../core/index';

export interface DecodeJob {
  value: string;
  options: DecodeOptions;
}

/**
 * The detected kind first (cheap: shape checks), so a decode the watchdog stops can still say
 * what the value looked like; then the report.
 */
export type DecodeReply = { type: 'detected'; kind: Kind } | { type: 'report'; report: DecodeReport };

/** What the worker does with a job; exported so tests can run it without a thread. */
export async function runDecodeJob(job: DecodeJob, reply: (r: DecodeReply) => void): Promise<void> {
  const { kind = 'auto' } = job.options;
  reply({ type: 'detected', kind: kind === 'auto' ? (await detectKind(job.value, job.options)).kind : kind });
  reply({ type: 'report', report: await decode(job.value, job.options) });
}
