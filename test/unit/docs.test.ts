// docs/companion.md is the companion's reference (issue 15): it must name every SESSIONLENS
// setting conf.py knows and every system check checks.py registers — and nothing they do not, so
// a setting or a check added, renamed or removed without its documentation fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(join(process.cwd(), path), 'utf8');
const all = (text: string, re: RegExp) => [...text.matchAll(re)].map((m) => m[1] ?? '').sort();

const docs = read('docs/companion.md');

describe('docs/companion.md', () => {
  it('documents every system check the companion registers, and no other', () => {
    const registered = all(read('companion/src/sessionlens/checks.py'), /id="(sessionlens\.[EW]\d{3})"/g);
    expect(registered.length).toBeGreaterThanOrEqual(8);
    expect(all(docs, /^\| `(sessionlens\.[EW]\d{3})` \|/gm)).toEqual(registered);
  });

  it('documents every SESSIONLENS setting with its default, and no other', () => {
    const conf = read('companion/src/sessionlens/conf.py');
    const defaults = all(conf, /^ {4}"([A-Z_]+)":/gm);
    expect(defaults).toContain('TOKEN');
    expect(all(docs, /^\| `([A-Z_]+)` \| [^|]+ \|/gm)).toEqual(defaults);
  });
});
