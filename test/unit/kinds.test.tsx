// The Kind registry's meta-test (in the spirit of refined-github's feature checks): every kind of
// src/core/kinds.ts has a reader, vectors made by real Django, a CLI --kind entry and an entry in
// the Decode tab's selector — all derived from the registry, so none can be forgotten.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { HELP, parseCommand } from '../../src/cli/args';
import { KINDS } from '../../src/core/kinds';
import { EMPTY_DRAFT } from '../../src/panel/paste/draft';
import { PasteTab } from '../../src/panel/paste/PasteTab';

afterEach(cleanup);

// happy-dom gives import.meta.url an http: address: the vectors are found from the repository root.
const dir = join(process.cwd(), 'test/vectors');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const vectorKinds = new Map<string, number>();
for (const f of files) {
  const doc = JSON.parse(readFileSync(join(dir, f), 'utf8')) as {
    generator: string;
    vectors: Array<{ kind: string }>;
  };
  expect(doc.generator).toBe('test/generators/make_vectors.py');
  for (const v of doc.vectors) vectorKinds.set(v.kind, (vectorKinds.get(v.kind) ?? 0) + 1);
}

describe('the Kind registry', () => {
  it('lists each kind once', () => {
    expect(KINDS.length).toBeGreaterThanOrEqual(7);
    expect(new Set(KINDS.map((k) => k.kind)).size).toBe(KINDS.length);
    expect(new Set(KINDS.map((k) => k.cli)).size).toBe(KINDS.length);
  });

  it('holds no kind the vectors do not know, and the vectors no kind it does not hold', () => {
    expect([...vectorKinds.keys()].sort()).toEqual(KINDS.map((k) => k.kind).sort());
  });

  for (const k of KINDS) {
    describe(k.kind, () => {
      it('has a reader, a label and a detector', () => {
        expect(typeof k.read).toBe('function');
        expect(typeof k.detect).toBe('function');
        expect(k.label.trim()).not.toBe('');
      });

      it('has vectors made by real Django', () => {
        expect(vectorKinds.get(k.kind) ?? 0).toBeGreaterThan(0);
      });

      it('is a CLI --kind choice', () => {
        const cmd = parseCommand(['decode', 'value', '--kind', k.cli], 0);
        expect(cmd.command === 'decode' && cmd.options.kind).toBe(k.kind);
        expect(HELP).toContain(k.cli);
      });

      it("is in the Decode tab's kind selector", () => {
        render(<PasteTab keys={[]} now={0} draft={EMPTY_DRAFT} onDraft={() => undefined} />);
        const select = screen.getByTestId('paste-kind') as HTMLSelectElement;
        const option = [...select.options].find((o) => o.value === k.kind);
        expect(option?.textContent).toBe(k.label);
      });
    });
  }
});
