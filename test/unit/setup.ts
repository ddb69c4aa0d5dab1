// Loaded before every ui-project test file (vitest.config.ts setupFiles).
import { InProcessWorker } from '../fakes/decode-worker';

// Assigned, not vi.stubGlobal'ed: a test's vi.unstubAllGlobals() must leave it in place.
globalThis.Worker = InProcessWorker as unknown as typeof Worker;
