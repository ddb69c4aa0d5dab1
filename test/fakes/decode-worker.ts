// happy-dom has no Worker: panel unit tests run the decode worker's own job function in-process,
// asynchronously, behind the same WorkerLike surface (terminate stops further replies). Threading
// itself is proven in the browsers (test/e2e/hostile.ts).
import { type DecodeReply, runDecodeJob } from '../../src/panel/decode/job';
import type { WorkerLike } from '../../src/panel/decode/off-thread';

export function inProcessDecodeWorker(): WorkerLike {
  let alive = true;
  const worker: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(job) {
      setTimeout(() => {
        void runDecodeJob(job, (reply: DecodeReply) => {
          if (alive) worker.onmessage?.(new MessageEvent('message', { data: reply }));
        });
      }, 0);
    },
    terminate() {
      alive = false;
    },
  };
  return worker;
}
