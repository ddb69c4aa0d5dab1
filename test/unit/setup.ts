// Loaded before every ui-project test file (vitest.config.ts setupFiles).

import { configure } from '@testing-library/preact';
import browser from '../fakes/browser';
import { InProcessWorker } from '../fakes/decode-worker';

// Assigned, not vi.stubGlobal'ed: a test's vi.unstubAllGlobals() must leave them in place.
globalThis.Worker = InProcessWorker as unknown as typeof Worker;
// The extension namespace src/platform reads (Firefox's name; Chromium's is `chrome`).
(globalThis as { browser?: unknown }).browser = browser;

// findBy*/waitFor wait up to 5 s, not testing-library's 1 s: the panel's tabs and editors are lazy
// chunks, and on a loaded two-core CI machine their first import alone took over a second (a
// flake in App.test.tsx). A test still fails the moment its expectation cannot come true in time.
configure({ asyncUtilTimeout: 5_000 });
