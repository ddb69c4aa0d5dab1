// The decode worker: a module worker vite builds beside the panel (new Worker(new URL(…))). One
// job per worker: the panel terminates it when the job ends or its watchdog runs out.
import { type DecodeJob, runDecodeJob } from './job';

// The panel's tsconfig has the DOM lib, not WebWorker: name the two members used.
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<DecodeJob>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (e) => {
  void runDecodeJob(e.data, (reply) => scope.postMessage(reply));
};
