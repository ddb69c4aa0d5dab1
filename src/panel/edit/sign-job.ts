// One re-signing, as the panel hands it to its sign worker: core's resign() with the worker's
// CompressionStream. The key crosses to the worker (a thread of the panel page), never to the
// background or the network. Off the main thread so the writers and their serializers stay out
// of the panel's first load (the worker is its own bundle).
import { type ResignPlan, resign } from '../../core/index';
import { zlibCompress } from './deflate';

export interface SignJob {
  plan: ResignPlan;
  text: string;
  key: string;
  /** time.time() when the signature is made. */
  now: number;
}

export type SignReply = { ok: true; value: string } | { ok: false; message: string };

/** What the worker does with a job; the unit tests' in-process worker runs it too. */
export async function runSignJob(job: SignJob): Promise<SignReply> {
  const made = await resign(job.plan, job.text, { key: job.key, now: job.now, compress: zlibCompress });
  return made.ok ? { ok: true, value: made.value } : { ok: false, message: made.message };
}
