// check-keys' loop on Node's own hashes, split over worker threads: the core's HuntPlan (what
// decode() would HMAC per candidate, worked out from the value once) run with node:crypto, which
// the core may not import. WHY: the core's pure-JS SHA-256 costs ~1.6 µs a block here, Node's
// native one ~0.14 µs plus the call; a candidate is three calls (K = H(salt ‖ key), the inner and
// the outer hash of the HMAC). Each digest comes back as a latin-1 string, not a Buffer: on Node 20
// a Buffer result costs ~1.1 µs a call and a string ~0.3 µs. Measured here, the bare loop is
// ~1.4 µs a key (Python's hashlib + hmac doing the same: ~2.4 µs), the whole hunt of 100,000 keys
// ~0.18 s (1.8 µs a key: the loop's bookkeeping, the plan, the confirming decode).
import { createHash, hash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { type MessagePort, workerData as received, Worker } from 'node:worker_threads';
import type { HuntPlan, HuntRunner, Secret } from '../core/index';

/** What a worker is sent once: the plan and its share of the candidates, with where the share starts. */
interface Share {
  plan: HuntPlan;
  candidates: readonly Secret[];
  offset: number;
}

/**
 * Below this many candidates per thread a worker costs more than it saves. Its start-up (loading
 * this bundle, copying its share) is ~50 ms, ~35,000 keys of one thread's hashing. Where there are
 * only two CPUs they are often one core's two hyperthreads, as on the machine this was measured
 * on, where two hashing threads run ~30% slower each: 100,000 keys took 0.30 s in one thread and
 * 0.32 s in two, 1,000,000 took 1.80 s in one and 1.50 s in two. With more CPUs the start-up alone
 * decides (an estimate: not measured on such a machine).
 */
const KEYS_PER_WORKER = availableParallelism() <= 2 ? 100_000 : 50_000;

const BLOCK = 64;

// crypto.hash (one-shot, no Hash object) is Node ≥ 20.12; createHash gives the same digest.
// 'binary' is Node's name for latin-1: one char a byte.
const digest: (algorithm: string, data: Uint8Array) => string =
  typeof hash === 'function'
    ? (algorithm, data) => hash(algorithm, data, 'binary')
    : (algorithm, data) => createHash(algorithm).update(data).digest('binary');

/**
 * The lowest index in candidates[from..to) of a key that passes the plan's attempt `attempt`
 * (the core's SaltedHmacLoop, computed with node:crypto, every buffer made once).
 */
function huntAttempt(
  plan: HuntPlan,
  attempt: number,
  candidates: readonly Secret[],
  from: number,
  to: number,
): number | null {
  const { material, algorithm } = plan.attempts[attempt] ?? {
    material: new Uint8Array(),
    algorithm: 'sha256',
  };
  // Digests are latin-1 strings (one char a byte), so the signature is compared as one too.
  const expected = Buffer.from(plan.signature).toString('latin1');
  const size = algorithm === 'sha1' ? 20 : 32;
  // key_salt ‖ prefix, then the candidate; the HMAC's inner block ‖ message and outer block ‖ inner digest.
  let keyed = Buffer.alloc(material.length + 256);
  keyed.set(material);
  // keyed's first n bytes, one view per n: a subarray per candidate was ~5% of the hunt.
  let views: Buffer[] = [];
  // K is a digest, shorter than the block, so the HMAC key is K zero-padded: past K the pads are
  // 0 ^ ipad and 0 ^ opad for every candidate.
  const inner = Buffer.alloc(BLOCK + plan.message.length, 0x36);
  inner.set(plan.message, BLOCK);
  const outer = Buffer.alloc(BLOCK + size, 0x5c);
  for (let i = from; i < to; i++) {
    const secret = candidates[i] ?? '';
    // force_bytes: UTF-8 (a lone surrogate becomes U+FFFD, as TextEncoder writes it for the core).
    const most = typeof secret === 'string' ? 3 * secret.length : secret.length;
    if (material.length + most > keyed.length) {
      const grown = Buffer.alloc(material.length + most);
      grown.set(material);
      keyed = grown;
      views = [];
    }
    let length = material.length;
    if (typeof secret === 'string') length += keyed.write(secret, length, 'utf8');
    else {
      keyed.set(secret, length);
      length += secret.length;
    }
    const view = views[length] ?? keyed.subarray(0, length);
    views[length] = view;
    const k = digest(algorithm, view);
    for (let j = 0; j < size; j++) {
      const byte = k.charCodeAt(j);
      inner[j] = byte ^ 0x36;
      outer[j] = byte ^ 0x5c;
    }
    outer.write(digest(algorithm, inner), BLOCK, 'latin1');
    if (digest(algorithm, outer) === expected) return i;
  }
  return null;
}

/**
 * A HuntRunner for the CLI, with huntIndex's answer: attempt by attempt (the likeliest salt over
 * the whole list first), candidates[from..] cut into consecutive shares, one per core: this
 * thread takes the first, a worker thread each of the others (running `entry`, the CLI's own
 * module, which calls serveHuntShare when not the main thread); a list shorter than two
 * `keysPerWorker` stays here. Every share finishes an attempt before the next starts, so no thread
 * hashes a later salt while the key is still to be found under an earlier one.
 */
export function nativeHunt(entry: URL, keysPerWorker = KEYS_PER_WORKER): HuntRunner {
  return async (plan, candidates, from) => {
    const count = candidates.length - from;
    const threads = Math.min(availableParallelism(), Math.floor(count / keysPerWorker));
    if (threads <= 1) {
      for (let attempt = 0; attempt < plan.attempts.length; attempt++) {
        const index = huntAttempt(plan, attempt, candidates, from, candidates.length);
        if (index !== null) return index;
      }
      return null;
    }
    // This thread hunts the first share itself: one worker fewer to start, and it would only wait.
    const size = Math.ceil(count / threads);
    const ownEnd = from + size;
    const workers: ShareWorker[] = [];
    for (let start = ownEnd; start < candidates.length; start += size) {
      workers.push(
        new ShareWorker(entry, { plan, candidates: candidates.slice(start, start + size), offset: start }),
      );
    }
    try {
      for (let attempt = 0; attempt < plan.attempts.length; attempt++) {
        const theirs = workers.map((w) => w.run(attempt));
        const own = huntAttempt(plan, attempt, candidates, from, ownEnd);
        // Shares in list order: the first share's hit is the lowest index.
        const hit = [own, ...(await Promise.all(theirs))].find((index) => index !== null);
        if (hit !== undefined) return hit;
      }
      return null;
    } finally {
      for (const w of workers) void w.stop();
    }
  };
}

/** One worker thread holding one share, answering one attempt at a time. */
class ShareWorker {
  private readonly worker: Worker;
  private failed: Error | null = null;
  private pending: { resolve: (index: number | null) => void; reject: (e: Error) => void } | null = null;

  constructor(entry: URL, share: Share) {
    this.worker = new Worker(entry, { workerData: share });
    this.worker.on('message', (index: number | null) => {
      this.pending?.resolve(index);
      this.pending = null;
    });
    const fail = (e: Error) => {
      this.failed = e;
      this.pending?.reject(e);
      this.pending = null;
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`check-keys worker exited (${code})`)));
  }

  run(attempt: number): Promise<number | null> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(attempt);
    });
  }

  stop(): Promise<number> {
    this.worker.removeAllListeners('exit');
    return this.worker.terminate();
  }
}

/** The worker's side: for each attempt asked, the lowest index in its share that passes, in the whole list. */
export function serveHuntShare(port: MessagePort): void {
  const { plan, candidates, offset } = received as Share;
  port.on('message', (attempt: number) => {
    const index = huntAttempt(plan, attempt, candidates, 0, candidates.length);
    port.postMessage(index === null ? null : index + offset);
  });
}
