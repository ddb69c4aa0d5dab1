// Python's json.loads, exactly: ints of any size stay exact text, floats become Python's repr()
// text, NaN/Infinity are accepted, duplicate keys keep the first position and the last value
// (dict semantics). Iterative, so hostile nesting ends as `too-deep`, never as a stack overflow.
// pyjson.ts reads with JSON.parse where it provably agrees, and with this reader otherwise.
import { floatRepr } from './float-repr';
import type { PyValue, Result } from './types';

/** CPython 3.11's int max_str_digits: json.loads raises ValueError beyond it. */
const INT_MAX_STR_DIGITS = 4300;

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

/** json.loads(s), read character by character (what parsePyJson falls back to). */
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
