// PyValue out and in: exact JSON (ints of any size as digits), the companion's tagged JSON
// (src/core/companion.ts TaggedJson), and Python's repr() for people to read.
import type { TaggedJson } from './companion';
import { floatRepr } from './float-repr';
import type { PyValue } from './types';

/** float(text) for the texts Python's repr() and the pickle FLOAT opcode write. */
export function parsePyFloat(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (t === 'nan' || t === '+nan' || t === '-nan') return Number.NaN;
  if (t === 'inf' || t === '+inf' || t === 'infinity' || t === '+infinity') return Number.POSITIVE_INFINITY;
  if (t === '-inf' || t === '-infinity') return Number.NEGATIVE_INFINITY;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) return null;
  return Number(t);
}

const TAG = '$py';

/**
 * JSON text for a PyValue. Ints are written as their exact digits (valid JSON, exact for any
 * reader that keeps big numbers); what JSON cannot carry is tagged as the companion tags it.
 * Objects carry `args`, `state` and `unsafe` beside the companion's `type`/`repr`.
 */
export function toExactJson(value: PyValue, indent = 0): string {
  return write(value, indent, '');
}

function write(value: PyValue, indent: number, pad: string): string {
  const inner = pad + ' '.repeat(indent);
  const nl = indent ? '\n' : '';
  const colon = indent ? ': ' : ':';
  const arr = (items: string[]) =>
    items.length === 0 ? '[]' : `[${nl}${items.map((s) => inner + s).join(`,${nl}`)}${nl}${pad}]`;
  const obj = (fields: Array<[string, string]>) =>
    `{${nl}${fields.map(([k, v]) => `${inner}${JSON.stringify(k)}${colon}${v}`).join(`,${nl}`)}${nl}${pad}}`;
  const tagged = (tag: string, fields: Array<[string, string]>) =>
    obj([[TAG, JSON.stringify(tag)], ...fields]);
  const child = (v: PyValue) => write(v, indent, inner);
  switch (value.t) {
    case 'none':
      return 'null';
    case 'bool':
      return value.v ? 'true' : 'false';
    case 'int':
      return value.v;
    case 'float':
      return /^-?(inf|nan)$/.test(value.v) ? tagged('float', [['value', JSON.stringify(value.v)]]) : value.v;
    case 'str':
      return JSON.stringify(value.v);
    case 'list':
      return arr(value.items.map(child));
    case 'tuple':
    case 'set':
    case 'frozenset':
      return tagged(value.t, [['items', write({ t: 'list', items: value.items }, indent, inner)]]);
    case 'dict': {
      const plain = value.entries.every(([k]) => k.t === 'str' && k.v !== TAG);
      if (plain && value.entries.length === 0) return '{}';
      if (plain) return obj(value.entries.map(([k, v]) => [(k as { v: string }).v, child(v)]));
      const entries = value.entries.map(([k, v]) => write({ t: 'list', items: [k, v] }, indent, inner));
      return tagged('dict', [['entries', arr(entries)]]);
    }
    case 'object':
      return tagged('object', [
        ['type', JSON.stringify(value.cls)],
        ['repr', JSON.stringify(pyRepr(value))],
        ['args', write({ t: 'list', items: value.args }, indent, inner)],
        ['state', value.state === null ? 'null' : write(value.state, indent, inner)],
        ['unsafe', String(value.unsafe)],
      ]);
    default:
      // bytes, datetime, date, time, timedelta, decimal, uuid: text carried as "value".
      return tagged(value.t, [['value', JSON.stringify(value.v)]]);
  }
}

/** The inverse of the tagging, for data the companion sends. JSON numbers: integral → int. */
export function fromTaggedJson(json: TaggedJson): PyValue {
  if (json === null) return { t: 'none' };
  if (typeof json === 'boolean') return { t: 'bool', v: json };
  if (typeof json === 'number') {
    return Number.isInteger(json)
      ? { t: 'int', v: BigInt(json).toString() }
      : { t: 'float', v: floatRepr(json) };
  }
  if (typeof json === 'string') return { t: 'str', v: json };
  if (Array.isArray(json)) return { t: 'list', items: json.map(fromTaggedJson) };
  const tag = json[TAG];
  const text = typeof json.value === 'string' ? json.value : String(json.value);
  const items = Array.isArray(json.items) ? json.items.map(fromTaggedJson) : [];
  switch (tag) {
    case 'int':
      return { t: 'int', v: text };
    case 'float':
      return { t: 'float', v: text };
    case 'bytes':
    case 'datetime':
    case 'date':
    case 'time':
    case 'timedelta':
    case 'decimal':
    case 'uuid':
      return { t: tag, v: text };
    case 'tuple':
    case 'set':
    case 'frozenset':
      return { t: tag, items };
    case 'dict': {
      const entries = Array.isArray(json.entries) ? json.entries : [];
      return {
        t: 'dict',
        entries: entries.map((pair): [PyValue, PyValue] => {
          const [k = null, v = null] = Array.isArray(pair) ? pair : [];
          return [fromTaggedJson(k), fromTaggedJson(v)];
        }),
      };
    }
    case 'object':
      return {
        t: 'object',
        cls: typeof json.type === 'string' ? json.type : '?',
        args: Array.isArray(json.args) ? json.args.map(fromTaggedJson) : [],
        state: json.state === undefined || json.state === null ? null : fromTaggedJson(json.state),
        unsafe: json.unsafe === true,
      };
    default:
      return {
        t: 'dict',
        entries: Object.entries(json).map(([k, v]): [PyValue, PyValue] => [
          { t: 'str', v: k },
          fromTaggedJson(v),
        ]),
      };
  }
}

/**
 * What Python's str.isprintable() refuses, which repr() escapes: controls (C0, DEL, C1), format
 * characters (the bidi overrides U+202A–202E and isolates U+2066–2069, U+200E/F, U+061C…),
 * surrogates, private use, unassigned, and separators other than the space. A terminal or a
 * page shown them raw could be made to clear itself, retitle itself or reorder the text.
 */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]|[^\P{Zs} ]/gu;
const REPR_SINGLE = /['\\\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]|[^\P{Zs} ]/gu;
const REPR_DOUBLE = /["\\\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]|[^\P{Zs} ]/gu;

/** One character as repr() escapes it: \n \r \t, else \xhh, \uhhhh or \Uhhhhhhhh. */
function escapeChar(ch: string): string {
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (ch === '\t') return '\\t';
  if (ch === '\\' || ch === "'" || ch === '"') return `\\${ch}`;
  const c = ch.codePointAt(0) ?? 0;
  if (c < 0x100) return `\\x${c.toString(16).padStart(2, '0')}`;
  if (c < 0x10000) return `\\u${c.toString(16).padStart(4, '0')}`;
  return `\\U${c.toString(16).padStart(8, '0')}`;
}

/** Text for a terminal or a log line, without quotes: every unprintable character escaped as repr() does. */
export function escapeUnprintable(s: string): string {
  return s.replace(UNPRINTABLE, escapeChar);
}

/** str.__repr__: single quotes unless the text has ' and no ", escapes for the unprintable. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  return quote + s.replace(quote === "'" ? REPR_SINGLE : REPR_DOUBLE, escapeChar) + quote;
}

/** bytes.__repr__ of each byte, by its two hex digits, for each quote: built once. */
const BYTE_REPRS = (["'", '"'] as const).map((quote) => {
  const table: Record<string, string> = {};
  for (let c = 0; c < 256; c++) {
    const ch = String.fromCharCode(c);
    table[c.toString(16).padStart(2, '0')] =
      ch === quote || ch === '\\'
        ? `\\${ch}`
        : c === 10
          ? '\\n'
          : c === 13
            ? '\\r'
            : c === 9
              ? '\\t'
              : c < 0x20 || c >= 0x7f
                ? `\\x${c.toString(16).padStart(2, '0')}`
                : ch;
  }
  return table;
});

/** bytes.__repr__: single quotes unless the bytes hold ' and no "; one table lookup per byte. */
function bytesRepr(hex: string): string {
  const lower = hex.toLowerCase();
  const quote = lower.includes('27') && /^(?:..)*?27/.test(lower) && !/^(?:..)*?22/.test(lower) ? '"' : "'";
  const table = BYTE_REPRS[quote === "'" ? 0 : 1] as Record<string, string>;
  return `b${quote}${lower.replace(/[0-9a-f]{2}/g, (pair) => table[pair] ?? '')}${quote}`;
}

/** Python's repr() of the value; display types show as their constructor with the text. */
export function pyRepr(value: PyValue): string {
  const out: string[] = [];
  flatInto(value, out);
  return out.join('');
}

/**
 * repr() laid out for a terminal: containers whose one-line repr is longer than `width` are
 * broken one item per line, indented. Linear in the size of the value: each level only asks
 * whether its children fit (a question answered within `width` characters) and every piece is
 * written once into one buffer, so deep nesting around a long string costs its length, once.
 */
export function toPlainText(value: PyValue, width = 88): string {
  const out: string[] = [];
  layout(value, width, '', out);
  return out.join('');
}

const OPEN_CLOSE: Partial<Record<PyValue['t'], [string, string]>> = {
  list: ['[', ']'],
  tuple: ['(', ')'],
  set: ['{', '}'],
  frozenset: ['frozenset({', '})'],
  dict: ['{', '}'],
};

function layout(value: PyValue, width: number, pad: string, out: string[]): void {
  const brackets = OPEN_CLOSE[value.t];
  if (!brackets || fitsFlat(value, width - pad.length) >= 0) {
    flatInto(value, out);
    return;
  }
  const inner = `${pad}  `;
  out.push(brackets[0], '\n');
  if (value.t === 'dict') {
    for (const [k, v] of value.entries) {
      out.push(inner);
      flatInto(k, out);
      out.push(': ');
      layout(v, width, inner, out);
      out.push(',\n');
    }
  } else if ('items' in value) {
    for (const item of value.items) {
      out.push(inner);
      layout(item, width, inner, out);
      out.push(',\n');
    }
  }
  out.push(pad, brackets[1]);
}

/**
 * What is left of `budget` once the value's one-line repr is written, or -1 when it does not
 * fit; the work stops with the budget, so asking costs at most about `budget` characters.
 */
function fitsFlat(value: PyValue, budget: number): number {
  if (budget < 0) return -1;
  if ('items' in value || value.t === 'dict' || value.t === 'object') {
    let left = budget - 2 - (value.t === 'object' ? value.cls.length : 0);
    const each = (child: PyValue) => {
      left = left < 0 ? -1 : fitsFlat(child, left - 2);
      return left >= 0;
    };
    if (value.t === 'dict') value.entries.every(([k, v]) => each(k) && each(v));
    else (value.t === 'object' ? value.args : value.items).every(each);
    if (value.t === 'object' && value.state !== null && left >= 0) left = fitsFlat(value.state, left - 16);
    return left;
  }
  // A scalar's repr is at least as long as its text: a long one never needs rendering to know.
  if ('v' in value && typeof value.v === 'string' && value.v.length > budget) return -1;
  return budget - pyRepr(value).length;
}

function flatInto(value: PyValue, out: string[]): void {
  const join = (items: PyValue[]) => {
    items.forEach((item, i) => {
      if (i) out.push(', ');
      flatInto(item, out);
    });
  };
  switch (value.t) {
    case 'none':
      out.push('None');
      return;
    case 'bool':
      out.push(value.v ? 'True' : 'False');
      return;
    case 'int':
    case 'float':
      out.push(value.v);
      return;
    case 'str':
      out.push(strRepr(value.v));
      return;
    case 'bytes':
      out.push(bytesRepr(value.v));
      return;
    case 'list':
      out.push('[');
      join(value.items);
      out.push(']');
      return;
    case 'tuple':
      out.push('(');
      join(value.items);
      out.push(value.items.length === 1 ? ',)' : ')');
      return;
    case 'set':
    case 'frozenset': {
      const name = value.t === 'set' ? '' : 'frozenset(';
      if (!value.items.length) out.push(`${value.t}()`);
      else {
        out.push(`${name}{`);
        join(value.items);
        out.push(value.t === 'set' ? '}' : '})');
      }
      return;
    }
    case 'dict':
      out.push('{');
      value.entries.forEach(([k, v], i) => {
        if (i) out.push(', ');
        flatInto(k, out);
        out.push(': ');
        flatInto(v, out);
      });
      out.push('}');
      return;
    case 'decimal':
      out.push(`Decimal(${strRepr(value.v)})`);
      return;
    case 'uuid':
      out.push(`UUID(${strRepr(value.v)})`);
      return;
    case 'datetime':
    case 'date':
    case 'time':
    case 'timedelta':
      out.push(`${value.t}(${strRepr(value.v)})`);
      return;
    case 'object': {
      if (value.cls === '<recursion>') {
        out.push('...');
        return;
      }
      // The class name comes from the stream: a hostile one carries escapes too.
      const cls = escapeUnprintable(value.cls);
      // A marker (`<int of … bytes: too large to show>`) is its own text.
      if (cls.startsWith('<') && value.args.length === 0 && value.state === null) {
        out.push(cls);
        return;
      }
      out.push(cls, '(');
      join(value.args);
      if (value.state !== null) {
        out.push(value.args.length ? ', __setstate__=' : '__setstate__=');
        flatInto(value.state, out);
      }
      out.push(')');
      return;
    }
  }
}
