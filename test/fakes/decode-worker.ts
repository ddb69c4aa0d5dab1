// happy-dom has no Worker: panel unit tests get this stand-in as the global Worker
// (test/unit/setup.ts). It runs the decode worker's own job function in-process, asynchronously,
// behind the same surface (terminate stops further replies). Threading itself is proven in the
// browsers (test/e2e/hostile.ts).
import { type DecodeJob, type DecodeReply, runDecodeJob } from '../../src/panel/decode/job';
import { runSignJob, type SignJob, type SignReply } from '../../src/panel/edit/sign-job';

/** The part of the DOM Worker the panel uses, as fakes of it implement it. */
export interface FakeWorker {
  postMessage(job: DecodeJob): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<DecodeReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

export class InProcessDecodeWorker implements FakeWorker {
  onmessage: FakeWorker['onmessage'] = null;
  onerror: FakeWorker['onerror'] = null;
  private alive = true;

  postMessage(job: DecodeJob): void {
    setTimeout(() => {
      void runDecodeJob(job, (reply: DecodeReply) => {
        if (this.alive) this.onmessage?.(new MessageEvent('message', { data: reply }));
      });
    }, 0);
  }

  terminate(): void {
    this.alive = false;
  }
}

/** The sign worker's stand-in (src/panel/edit/sign.worker.ts): its job function, in-process. */
export class InProcessSignWorker {
  onmessage: ((e: MessageEvent<SignReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  private alive = true;

  postMessage(job: SignJob): void {
    setTimeout(() => {
      void runSignJob(job).then((reply) => {
        if (this.alive) this.onmessage?.(new MessageEvent('message', { data: reply }));
      });
    }, 0);
  }

  terminate(): void {
    this.alive = false;
  }
}

/** `new Worker(url)` as the panel calls it: the stand-in of the worker the URL names. */
export class InProcessWorker {
  constructor(url: string | URL) {
    // biome-ignore lint/correctness/noConstructorReturn: a constructor standing in for two worker kinds returns the one the URL names.
    return String(url).includes('sign.worker') ? new InProcessSignWorker() : new InProcessDecodeWorker();
  }
}
