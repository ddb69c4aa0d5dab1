// Vitest globalSetup: the CLI's tests run the BUILT `sessionlens` (dist/cli/sessionlens.mjs, as
// package.json's bin), so it is built here, once, before any test file starts. WHY: built in each
// file's beforeAll, one file rewrote the bundle while another was running it (a CI flake).
import { execFileSync } from 'node:child_process';

export default function buildCli(): void {
  execFileSync(process.execPath, [new URL('../../scripts/build-cli.mjs', import.meta.url).pathname], {
    stdio: 'pipe',
  });
}
