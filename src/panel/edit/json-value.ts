// The JSON editor's text as the TaggedJson a `set` write sends: checked as the user types, so a
// value that would change on the way (an integer past 2^53, which JSON.parse rounds) or that the
// companion cannot read is refused with a reason before anything is sent.
import { type TaggedJson, taggedJsonProblem } from '../../core/index';

export type EditorValue = { ok: true; value: TaggedJson } | { ok: false; problem: string };

/** An integer literal too long for a double, anywhere outside a string. */
const BIG_INT = /(?<![\w.])-?\d{16,}(?![\w.eE])/;

export function readEditorValue(text: string): EditorValue {
  if (text.trim() === '')
    return { ok: false, problem: 'Type a JSON value, e.g. 40, "text", [1, 2] or {"a": 1}.' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `Not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const lost = lostInteger(value, text);
  if (lost !== null) {
    return {
      ok: false,
      problem: `${lost} has more digits than JSON numbers keep: write it as {"$py": "int", "value": "${lost}"}.`,
    };
  }
  const problem = taggedJsonProblem(value);
  return problem === null ? { ok: true, value: value as TaggedJson } : { ok: false, problem };
}

/** The first integer literal of `text` that JSON.parse did not keep exactly, or null. */
function lostInteger(value: unknown, text: string): string | null {
  if (!BIG_INT.test(stripStrings(text))) return null;
  let lost: string | null = null;
  const walk = (v: unknown): void => {
    if (lost !== null) return;
    if (typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v)) {
      lost = stripStrings(text).match(BIG_INT)?.[0] ?? String(v);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(walk);
  };
  walk(value);
  return lost;
}

/** The text with every JSON string's contents blanked, so digits inside strings are not numbers. */
function stripStrings(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"/g, '""');
}
