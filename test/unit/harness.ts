// Shared arrangement for panel unit tests: a fresh fake browser with the real background router
// listening, so panel code talks to the background exactly as in the extension.
import { cleanup } from '@testing-library/preact';
import { afterEach, beforeEach } from 'vitest';
import { startBackground } from '../../src/background/start';
import { fake } from '../fakes/browser.ts';

export function withBackground(): void {
  beforeEach(() => {
    fake.reset();
    startBackground();
  });
  afterEach(cleanup);
}

/** Lets pending promises (messaging round trips, storage) settle. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
}

export { fake };
