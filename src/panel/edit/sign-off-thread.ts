// resign() in the sign worker (sign.worker.ts): the panel's main thread loads none of the writers.
import type { SignJob, SignReply } from './sign-job';

export function signOffThread(job: SignJob): Promise<SignReply> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./sign.worker.ts', import.meta.url), {
        type: 'module',
        name: 'sessionlens-sign',
      });
    } catch (error) {
      resolve({ ok: false, message: `The signer could not start: ${String(error)}.` });
      return;
    }
    worker.onmessage = (e: MessageEvent<SignReply>) => {
      worker.terminate();
      resolve(e.data);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      resolve({ ok: false, message: `The signer stopped (${e.message || 'out of memory?'}).` });
    };
    worker.postMessage(job);
  });
}
