import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { manifestFor, type Target } from './manifest.config.ts';

// `vite build --mode chrome|firefox` → dist/<target>. One manifest source, two outputs. A mode, not
// an environment variable, so the same npm script runs in any shell (cmd.exe has no `VAR=… cmd`).
export default defineConfig(({ mode }) => {
  if (mode !== 'chrome' && mode !== 'firefox') {
    throw new Error(`vite: build with --mode chrome or --mode firefox, not "${mode}"`);
  }
  const target: Target = mode;
  return {
    plugins: [preact(), crx({ manifest: manifestFor(target), browser: target })],
    build: {
      outDir: `dist/${target}`,
      emptyOutDir: true,
      target: 'es2022',
      // Every browser the manifest admits (Chrome 119+, Firefox 140+) has <link rel=modulepreload>:
      // Vite's polyfill for it would be 0.38 KiB gzip of the panel's first load that never runs.
      modulePreload: { polyfill: false },
      // The panel page is only referenced at runtime (devtools.panels.create), so name it here.
      rollupOptions: { input: { panel: 'src/panel/index.html' } },
    },
    server: { cors: { origin: [/chrome-extension:\/\//, /moz-extension:\/\//] } },
  };
});
