import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type FakeWorker, InProcessDecodeWorker } from '../../../test/fakes/decode-worker';
import type { DecodeOptions } from '../../core/types';
import { verdictOf } from '../decoded/verdict';
import type { DecodeJob } from './job';
import { decodeOffThread } from './off-thread';

const NOW = 1_700_000_000;
const signing = JSON.parse(readFileSync(`${process.cwd()}/test/vectors/signing.5.2.19.json`, 'utf8')) as {
  vectors: Array<{ id: string; value: string; options: unknown }>;
};

/** The global Worker, for the test: the panel's `new Worker(…)` makes one of these. */
const installWorker = (worker: new () => FakeWorker) => vi.stubGlobal('Worker', worker);

/** A worker that takes the job and then does whatever `behave` says (nothing: it hangs). */
function scriptedWorker(behave: (w: FakeWorker, job: DecodeJob) => void = () => undefined) {
  const calls = { terminated: 0, jobs: [] as DecodeJob[] };
  class ScriptedWorker implements FakeWorker {
    onmessage: FakeWorker['onmessage'] = null;
    onerror: FakeWorker['onerror'] = null;
    postMessage(job: DecodeJob): void {
      calls.jobs.push(job);
      behave(this, job);
    }
    terminate(): void {
      calls.terminated++;
    }
  }
  return { worker: ScriptedWorker, calls };
}

describe('decodeOffThread', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("returns the worker's decode() report and stops the worker", async () => {
    const { worker, calls } = scriptedWorker((w, job) => {
      void import('./job').then(({ runDecodeJob }) =>
        runDecodeJob(job, (data) => w.onmessage?.(new MessageEvent('message', { data }))),
      );
    });
    installWorker(worker);
    // signing.dumps('hello') by Django 5.2 (test/generators/make_vectors.py).
    const vector = signing.vectors.find((v) => v.id === 'signing/5.2.19/hello_string');
    if (!vector) throw new Error('the hello_string vector is missing');
    const options = vector.options as DecodeOptions;
    const report = await decodeOffThread(vector.value, options);
    expect(report).toMatchObject({ verified: true, code: null, data: { t: 'str', v: 'hello' } });
    expect(calls.jobs).toEqual([{ value: vector.value, options }]);
    expect(calls.terminated).toBe(1);
  });

  it('gives up on a decode that outlives the watchdog, terminates the worker and says it took too long', async () => {
    const { worker, calls } = scriptedWorker((w) =>
      w.onmessage?.(new MessageEvent('message', { data: { type: 'detected', kind: 'session-cookie' } })),
    );
    installWorker(worker);
    const started = Date.now();
    const report = await decodeOffThread('.eJwbomb:1r:sig', { now: NOW }, { watchdogMs: 50 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(report).toMatchObject({
      kind: 'session-cookie',
      format: 'not-decoded',
      code: 'too-slow',
      data: null,
    });
    expect(report.message).toBe(
      'Took too long to decode: stopped after 0.05 s so the panel stays responsive.',
    );
    expect(verdictOf(report, NOW)).toMatchObject({ title: 'Took too long to decode', tone: 'error' });
    expect(calls.terminated).toBe(1);
  });

  it('reports a worker that dies (out of memory) instead of waiting for it', async () => {
    const { worker, calls } = scriptedWorker((w) => {
      const e = new ErrorEvent('error', { message: 'Uncaught RangeError: Array buffer allocation failed' });
      w.onerror?.(e);
    });
    installWorker(worker);
    const report = await decodeOffThread('x', { now: NOW }, { watchdogMs: 10_000 });
    expect(report).toMatchObject({ kind: 'signing', code: 'too-slow' });
    expect(report.message).toMatch(
      /^The decoder stopped \(Uncaught RangeError: Array buffer allocation failed\)/,
    );
    expect(calls.terminated).toBe(1);
  });

  it('stops the worker at once when the caller no longer wants the answer', async () => {
    const { worker, calls } = scriptedWorker();
    installWorker(worker);
    const stale = new AbortController();
    const pending = decodeOffThread('x', { now: NOW }, { watchdogMs: 10_000, signal: stale.signal });
    stale.abort();
    expect((await pending).code).toBe('too-slow');
    expect(calls.terminated).toBe(1);
  });

  it('says so when no worker can start', async () => {
    installWorker(
      class Refused extends InProcessDecodeWorker {
        constructor() {
          super();
          throw new DOMException('Worker is not allowed', 'SecurityError');
        }
      },
    );
    const report = await decodeOffThread('x', { now: NOW });
    expect(report.message).toMatch(/^The decoder could not start: SecurityError: Worker is not allowed/);
    vi.restoreAllMocks();
  });
});

describe('useDecoded', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('stops the worker of a value that changed before its decode finished', async () => {
    const { renderHook, waitFor } = await import('@testing-library/preact');
    const { useDecoded } = await import('../hooks/useDecoded');
    const terminated: string[] = [];
    installWorker(
      class Hanging implements FakeWorker {
        onmessage: FakeWorker['onmessage'] = null;
        onerror: FakeWorker['onerror'] = null;
        private job: DecodeJob | null = null;
        postMessage(job: DecodeJob): void {
          this.job = job;
        }
        terminate(): void {
          terminated.push(this.job?.value ?? '?');
        }
      },
    );
    const { rerender, unmount } = renderHook(({ value }) => useDecoded(value, 'sessionid', [], NOW), {
      initialProps: { value: 'first-bomb' },
    });
    rerender({ value: 'second' });
    await waitFor(() => expect(terminated).toEqual(['first-bomb']));
    unmount();
    await waitFor(() => expect(terminated).toEqual(['first-bomb', 'second']));
  });
});
