import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

// Kept apart from vite.config.ts so crxjs stays out of unit tests.
export default defineConfig({
  plugins: [preact()],
  test: {
    projects: [
      {
        // The core runs in plain Node: no DOM, no extension globals. Proves it is browser-free.
        extends: true,
        test: {
          name: 'core',
          environment: 'node',
          include: ['src/core/**/*.test.ts', 'test/core/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'ui',
          environment: 'happy-dom',
          setupFiles: ['test/unit/setup.ts'],
          // The CLI's tests run dist/cli/sessionlens.mjs: built once, before any file starts.
          globalSetup: ['test/unit/build-cli.ts'],
          // Room for test/unit/setup.ts's 5 s findBy/waitFor on a loaded machine (vitest's default is 5 s).
          testTimeout: 15_000,
          include: [
            'src/{panel,messaging,background,platform,devtools,cli}/**/*.test.{ts,tsx}',
            'test/unit/**/*.test.{ts,tsx}',
          ],
        },
      },
    ],
  },
});
