// The sign worker: a module worker vite builds beside the panel (new Worker(new URL(…))), one job
// per worker, terminated by the panel once it answers.
import { runSignJob, type SignJob } from './sign-job';

// The panel's tsconfig has the DOM lib, not WebWorker: name the two members used.
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<SignJob>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (e) => {
  void runSignJob(e.data).then((reply) => scope.postMessage(reply));
};
