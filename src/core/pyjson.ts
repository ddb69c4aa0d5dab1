// Python's json.loads / json.dumps(separators=(',', ':')) for signing.JSONSerializer (§2.4),
// lossless: ints of any size stay exact text, floats become Python's repr() text, NaN/Infinity
// are accepted, duplicate keys keep the first position and the last value (dict semantics).
// The parser is iterative, so hostile nesting ends as `too-deep`, never as a stack overflow.
import type { PyValue, Result } from './types';

/** CPython 3.11's int max_str_digits: json.loads raises ValueError beyond it. */
const INT_MAX_STR_DIGITS = 4300;

/** float.__repr__: shortest round-trip digits; exponent form when decpt ≤ -4 or > 16. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Number.POSITIVE_INFINITY) return 'inf';
  if (x === Number.NEGATIVE_INFINITY) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  // toExponential() without an argument gives the shortest digits that round-trip, like repr.
  const [mantissa = '', exp = '0'] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const decpt = Number(exp) + 1;
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
    if (decpt >= digits.length) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`;
    return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  }
  const e = decpt - 1;
  const rest = digits.length > 1 ? `.${digits.slice(1)}` : '';
  return `${sign}${digits[0]}${rest}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

type Frame =
  | { t: 'list'; items: PyValue[] }
  | { t: 'dict'; entries: Array<[PyValue, PyValue]>; index: Map<string, number>; key: string };

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON forbids raw U+0000–U+001F in strings; this class stops at them on purpose.
const PLAIN = /[^"\\\x00-\x1f]*/y;
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

class JsonError {
  constructor(
    readonly code: 'bad-json' | 'too-deep' | 'too-large',
    readonly message: string,
  ) {}
}

function fail(msg: string, pos: number): JsonError {
  return new JsonError('bad-json', `${msg}: char ${pos}`);
}

function skipWs(s: string, pos: number): number {
  let p = pos;
  while (p < s.length) {
    const c = s.charCodeAt(p);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
    p++;
  }
  return p;
}

/** py_scanstring(strict=True); `pos` is just after the opening quote. */
function scanString(s: string, start: number): [string, number] {
  let pos = start;
  let out = '';
  for (;;) {
    PLAIN.lastIndex = pos;
    const chunk = PLAIN.exec(s)?.[0] ?? '';
    out += chunk;
    pos += chunk.length;
    if (pos >= s.length) throw fail('Unterminated string starting at', start - 1);
    const c = s[pos];
    if (c === '"') return [out, pos + 1];
    if (c !== '\\') throw fail('Invalid control character at', pos);
    const esc = s[pos + 1];
    if (esc === undefined) throw fail('Unterminated string starting at', start - 1);
    if (esc === 'u') {
      const hex = s.slice(pos + 2, pos + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw fail('Invalid \\uXXXX escape', pos + 1);
      // Code units concatenate: an escaped high + low surrogate pair forms the astral char as in
      // Python, and a lone surrogate stays lone.
      out += String.fromCharCode(Number.parseInt(hex, 16));
      pos += 6;
    } else {
      const mapped = ESCAPES[esc];
      if (mapped === undefined) throw fail('Invalid \\escape', pos);
      out += mapped;
      pos += 2;
    }
  }
}

/** One scalar, or null for an opening bracket handled by the caller. */
function scanScalar(s: string, pos: number): [PyValue, number] {
  const c = s[pos];
  if (c === '"') {
    const [v, end] = scanString(s, pos + 1);
    return [{ t: 'str', v }, end];
  }
  if (s.startsWith('null', pos)) return [{ t: 'none' }, pos + 4];
  if (s.startsWith('true', pos)) return [{ t: 'bool', v: true }, pos + 4];
  if (s.startsWith('false', pos)) return [{ t: 'bool', v: false }, pos + 5];
  if (s.startsWith('NaN', pos)) return [{ t: 'float', v: 'nan' }, pos + 3];
  if (s.startsWith('Infinity', pos)) return [{ t: 'float', v: 'inf' }, pos + 8];
  if (s.startsWith('-Infinity', pos)) return [{ t: 'float', v: '-inf' }, pos + 9];
  NUMBER.lastIndex = pos;
  const m = NUMBER.exec(s);
  if (!m) throw fail('Expecting value', pos);
  const text = m[0];
  const end = pos + text.length;
  if (m[1] !== undefined || m[2] !== undefined)
    return [{ t: 'float', v: floatRepr(Number.parseFloat(text)) }, end];
  const digits = text.startsWith('-') ? text.slice(1) : text;
  if (digits.length > INT_MAX_STR_DIGITS) {
    throw new JsonError(
      'bad-json',
      `Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion`,
    );
  }
  return [{ t: 'int', v: text === '-0' ? '0' : text }, end];
}

function parse(s: string, maxDepth: number, maxNodes: number): PyValue {
  const stack: Frame[] = [];
  let pos = skipWs(s, 0);
  let nodes = 0;
  for (;;) {
    if (++nodes > maxNodes) throw new JsonError('too-large', `more than ${maxNodes} values`);
    // Read one value at `pos`, descending into containers without recursion.
    let value: PyValue;
    const c = s[pos];
    if (c === '[' || c === '{') {
      if (stack.length >= maxDepth) throw new JsonError('too-deep', `nesting deeper than ${maxDepth}`);
      pos = skipWs(s, pos + 1);
      if (c === '[') {
        if (s[pos] === ']') {
          value = { t: 'list', items: [] };
          pos++;
        } else {
          stack.push({ t: 'list', items: [] });
          continue;
        }
      } else if (s[pos] === '}') {
        value = { t: 'dict', entries: [] };
        pos++;
      } else {
        const [key, after] = readKey(s, pos);
        stack.push({ t: 'dict', entries: [], index: new Map(), key });
        pos = after;
        continue;
      }
    } else {
      [value, pos] = scanScalar(s, pos);
    }
    // Hand the value to the enclosing containers, closing every one that ends here.
    for (;;) {
      const top = stack[stack.length - 1];
      if (!top) {
        pos = skipWs(s, pos);
        if (pos !== s.length) throw fail('Extra data', pos);
        return value;
      }
      if (top.t === 'list') top.items.push(value);
      else {
        const at = top.index.get(top.key);
        if (at === undefined) {
          top.index.set(top.key, top.entries.length);
          top.entries.push([{ t: 'str', v: top.key }, value]);
        } else {
          top.entries[at] = [{ t: 'str', v: top.key }, value];
        }
      }
      pos = skipWs(s, pos);
      const close = top.t === 'list' ? ']' : '}';
      if (s[pos] === close) {
        stack.pop();
        value = top.t === 'list' ? { t: 'list', items: top.items } : { t: 'dict', entries: top.entries };
        pos++;
        continue;
      }
      if (s[pos] !== ',') throw fail("Expecting ',' delimiter", pos);
      pos = skipWs(s, pos + 1);
      if (top.t === 'dict') [top.key, pos] = readKey(s, pos);
      break;
    }
  }
}

/** `"key"` ws `:` ws, returning the key and the position of the value. */
function readKey(s: string, pos: number): [string, number] {
  if (s[pos] !== '"') throw fail('Expecting property name enclosed in double quotes', pos);
  const [key, end] = scanString(s, pos + 1);
  const colon = skipWs(s, end);
  if (s[colon] !== ':') throw fail("Expecting ':' delimiter", colon);
  return [key, skipWs(s, colon + 1)];
}

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
 * readers: the exact one below was 30% of a 4 KB session's decode profile; JSON.parse is native,
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

/** The exact reader alone (what parsePyJson falls back to; the tests compare the two). */
export function parsePyJsonExact(
  s: string,
  maxDepth: number,
  maxNodes = Number.POSITIVE_INFINITY,
): Result<PyValue> {
  try {
    return { ok: true, value: parse(s, maxDepth, maxNodes) };
  } catch (e) {
    if (e instanceof JsonError) return { ok: false, code: e.code, message: e.message };
    throw e;
  }
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
