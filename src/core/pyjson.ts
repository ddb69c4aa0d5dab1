// Python's json.loads / json.dumps(separators=(',', ':')) for signing.JSONSerializer (§2.4),
// lossless. Reading takes JSON.parse's native speed where the text provably reads the same, and
// the exact reader (pyjson-exact.ts) everywhere else.
import { parsePyJsonExact } from './pyjson-exact';
import type { PyValue, Result } from './types';

/**
 * The longest digit run JSON.parse turns into a number without loss: every integer of at most 15
 * digits is below 2^53, so a double holds it exactly and String() gives back the same digits.
 */
const SAFE_INT_DIGITS = 15;

/**
 * Whether the engine's JSON.parse reads `s` exactly as Python's json.loads would, decided without
 * parsing: no number token has a fraction or exponent (JSON.parse would turn `1.0` into the int
 * 1), no integer has more digits than a double holds, and no nesting goes past `maxDepth`. What
 * JSON.parse rejects (NaN, Infinity, bad escapes…) it throws on, and the exact reader then runs.
 */
function fastPathSafe(s: string, maxDepth: number, maxNodes: number): boolean {
  let depth = 0;
  // Every value but the first follows a comma or an opening bracket: their count bounds the
  // values JSON.parse would build, so a text past maxNodes goes to the exact reader, which stops.
  let values = 1;
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    if (c === 0x22) {
      // A string: its closing quote is the first one not escaped by an odd run of backslashes.
      let end = s.indexOf('"', i + 1);
      for (;;) {
        if (end < 0) return false;
        let slashes = 0;
        while (s.charCodeAt(end - 1 - slashes) === 0x5c) slashes++;
        if (slashes % 2 === 0) break;
        end = s.indexOf('"', end + 1);
      }
      i = end + 1;
    } else if (c >= 0x30 && c <= 0x39) {
      const start = i;
      while (i < s.length && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39) i++;
      const next = s.charCodeAt(i);
      if (i - start > SAFE_INT_DIGITS || next === 0x2e || next === 0x65 || next === 0x45) return false;
    } else {
      if (c === 0x5b || c === 0x7b) {
        if (++depth > maxDepth || ++values > maxNodes) return false;
      } else if (c === 0x5d || c === 0x7d) depth--;
      else if (c === 0x2c && ++values > maxNodes) return false;
      i++;
    }
  }
  return true;
}

/** An array index name (`"0"`, `"17"`): JS objects list those first, in numeric order. */
const INDEX_KEY = /^(?:0|[1-9]\d{0,9})$/;

/** JSON.parse's value as a PyValue, or null where a JS object lost the key order Python keeps. */
function fromParsed(x: unknown): PyValue | null {
  if (x === null) return { t: 'none' };
  switch (typeof x) {
    case 'boolean':
      return { t: 'bool', v: x };
    case 'number':
      // fastPathSafe let only integers of ≤15 digits through; String(-0) is '0' as int('-0') is 0.
      return { t: 'int', v: String(x) };
    case 'string':
      return { t: 'str', v: x };
  }
  if (Array.isArray(x)) {
    const items: PyValue[] = new Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const item = fromParsed(x[i]);
      if (item === null) return null;
      items[i] = item;
    }
    return { t: 'list', items };
  }
  const entries: Array<[PyValue, PyValue]> = [];
  for (const key in x as Record<string, unknown>) {
    // Duplicate keys already behave as in a dict (first position, last value); index-like keys
    // would have been moved to the front, so those objects go to the exact reader.
    const c = key.charCodeAt(0);
    if (c >= 0x30 && c <= 0x39 && INDEX_KEY.test(key) && Number(key) < 2 ** 32 - 1) return null;
    const value = fromParsed((x as Record<string, unknown>)[key]);
    if (value === null) return null;
    entries.push([{ t: 'str', v: key }, value]);
  }
  return { t: 'dict', entries };
}

/** JSON.parse where it provably agrees with json.loads (see fastPathSafe), else null. */
function fastParse(s: string, maxDepth: number, maxNodes: number): PyValue | null {
  if (!fastPathSafe(s, maxDepth, maxNodes)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(s);
  } catch {
    return null;
  }
  return fromParsed(parsed);
}

/**
 * json.loads(s) on text (the caller decodes bytes as latin-1, as JSONSerializer does). WHY two
 * readers: the exact one (pyjson-exact.ts) was 30% of a 4 KB session's decode profile; JSON.parse is native,
 * and is used whenever the text provably reads the same under both (fastPathSafe). Past
 * `maxNodes` values it stops with too-large, where Python would build the whole tree.
 */
export function parsePyJson(
  s: string,
  maxDepth: number,
  maxNodes = Number.POSITIVE_INFINITY,
): Result<PyValue> {
  const fast = fastParse(s, maxDepth, maxNodes);
  return fast !== null ? { ok: true, value: fast } : parsePyJsonExact(s, maxDepth, maxNodes);
}

function jsonFloat(v: string): string {
  return v === 'nan' ? 'NaN' : v === 'inf' ? 'Infinity' : v === '-inf' ? '-Infinity' : v;
}

/** json.encoder's ensure_ascii escaping: everything outside ' '..'~' becomes an escape. */
function quote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] ?? '';
    const c = s.charCodeAt(i);
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (c >= 0x20 && c <= 0x7e) out += ch;
    else {
      const short = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' }[ch];
      out += short ?? `\\u${c.toString(16).padStart(4, '0')}`;
    }
  }
  return `${out}"`;
}

function dictKey(key: PyValue): string | null {
  switch (key.t) {
    case 'str':
      return key.v;
    case 'int':
      return key.v;
    case 'float':
      return jsonFloat(key.v);
    case 'bool':
      return key.v ? 'true' : 'false';
    case 'none':
      return 'null';
    default:
      return null;
  }
}

function encode(v: PyValue): string {
  switch (v.t) {
    case 'none':
      return 'null';
    case 'bool':
      return v.v ? 'true' : 'false';
    case 'int':
      return v.v;
    case 'float':
      return jsonFloat(v.v);
    case 'str':
      return quote(v.v);
    case 'list':
    case 'tuple':
      return `[${v.items.map(encode).join(',')}]`;
    case 'dict':
      return `{${v.entries
        .map(([k, val]) => {
          const key = dictKey(k);
          if (key === null) throw new TypeError(`keys must be str, int, float, bool or None, not ${k.t}`);
          return `${quote(key)}:${encode(val)}`;
        })
        .join(',')}}`;
    default:
      throw new TypeError(`Object of type ${v.t} is not JSON serializable`);
  }
}

/** json.dumps(obj, separators=(',', ':')) (ensure_ascii=True), or the TypeError Python raises. */
export function dumpsPyJson(value: PyValue): Result<string> {
  try {
    return { ok: true, value: encode(value) };
  } catch (e) {
    return { ok: false, code: 'malformed', message: e instanceof Error ? e.message : String(e) };
  }
}
