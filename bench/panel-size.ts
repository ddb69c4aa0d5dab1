// `make bench`, panel weight: the gzip size of the JS the panel page loads before it can paint,
// i.e. its <script>/modulepreload tags and their static imports, from the built dist/chrome.
// Chunks reached only through import() are listed apart: they load when a value needs them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { row, section } from './table';

const TARGET_KIB = 40;

function staticImports(code: string): string[] {
  return [...code.matchAll(/(?:import|export)\s*(?:[\w*{}\s,$]*from\s*)?["'](\.\/[^"']+\.js)["']/g)].map(
    (m) => m[1] ?? '',
  );
}

function dynamicImports(code: string): string[] {
  return [...code.matchAll(/import\(\s*["'`](\.\/[^"'`]+\.js)["'`]\s*\)/g)].map((m) => m[1] ?? '');
}

export async function benchPanelSize(root: string): Promise<void> {
  const dist = join(root, 'dist/chrome');
  const html = readFileSync(join(dist, 'src/panel/index.html'), 'utf8');
  const entries = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
  const loaded = new Set<string>();
  const lazy = new Set<string>();
  const queue = [...entries];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (loaded.has(file)) continue;
    loaded.add(file);
    const code = readFileSync(join(dist, file), 'utf8');
    for (const rel of staticImports(code)) queue.push(join('assets', rel));
    for (const rel of dynamicImports(code)) lazy.add(join('assets', rel));
  }
  const gz = (file: string) => gzipSync(readFileSync(join(dist, file))).length / 1024;
  const total = [...loaded].reduce((n, f) => n + gz(f), 0);
  section('panel page JS, gzip KiB (dist/chrome, what loads before the first paint)');
  for (const file of loaded) row([`  ${file}`, gz(file).toFixed(2)]);
  row([
    'total',
    total.toFixed(2),
    '',
    `target ≤ ${TARGET_KIB} KiB: ${total <= TARGET_KIB ? 'met' : 'MISSED'}`,
  ]);
  for (const file of lazy) if (!loaded.has(file)) row([`  loaded on demand: ${file}`, gz(file).toFixed(2)]);
}
