import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { manifestFor, type Target } from './manifest.config.ts';

// TARGET=chrome|firefox vite build → dist/<target>. One manifest source, two outputs.
const target: Target = process.env.TARGET === 'firefox' ? 'firefox' : 'chrome';

export default defineConfig({
  plugins: [preact(), crx({ manifest: manifestFor(target), browser: target })],
  build: {
    outDir: `dist/${target}`,
    emptyOutDir: true,
    target: 'es2022',
    // The panel page is only referenced at runtime (devtools.panels.create), so name it here.
    rollupOptions: { input: { panel: 'src/panel/index.html' } },
  },
  server: { cors: { origin: [/chrome-extension:\/\//, /moz-extension:\/\//] } },
});
