// PyValue out and in: exact JSON (ints of any size as digits), the companion's tagged JSON
// (src/core/companion.ts TaggedJson), and Python's repr() for people to read.
import type { TaggedJson } from './companion';
import { floatRepr } from './pyjson';
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

/** str.__repr__: single quotes unless the text has ' and no ", escapes for the unprintable. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

function bytesRepr(hex: string): string {
  let body = '';
  let hasSingle = false;
  let hasDouble = false;
  const codes = hex.match(/../g)?.map((h) => Number.parseInt(h, 16)) ?? [];
  for (const c of codes) {
    if (c === 0x27) hasSingle = true;
    if (c === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  for (const c of codes) {
    const ch = String.fromCharCode(c);
    if (ch === quote || ch === '\\') body += `\\${ch}`;
    else if (c === 10) body += '\\n';
    else if (c === 13) body += '\\r';
    else if (c === 9) body += '\\t';
    else if (c < 0x20 || c >= 0x7f) body += `\\x${c.toString(16).padStart(2, '0')}`;
    else body += ch;
  }
  return `b${quote}${body}${quote}`;
}

/** Python's repr() of the value; display types show as their constructor with the text. */
export function pyRepr(value: PyValue): string {
  return render(value, null, '');
}

/**
 * repr() laid out for a terminal: containers whose one-line repr is longer than `width` are
 * broken one item per line, indented.
 */
export function toPlainText(value: PyValue, width = 88): string {
  return render(value, width, '');
}

function render(value: PyValue, width: number | null, pad: string): string {
  const flat = renderFlat(value);
  if (width === null || flat.length + pad.length <= width) return flat;
  const inner = `${pad}  `;
  const lines = (open: string, parts: string[], close: string) =>
    `${open}\n${parts.map((p) => `${inner}${p},`).join('\n')}\n${pad}${close}`;
  switch (value.t) {
    case 'list':
      return lines(
        '[',
        value.items.map((v) => render(v, width, inner)),
        ']',
      );
    case 'tuple':
      return lines(
        '(',
        value.items.map((v) => render(v, width, inner)),
        ')',
      );
    case 'set':
      return lines(
        '{',
        value.items.map((v) => render(v, width, inner)),
        '}',
      );
    case 'frozenset':
      return lines(
        'frozenset({',
        value.items.map((v) => render(v, width, inner)),
        '})',
      );
    case 'dict':
      return lines(
        '{',
        value.entries.map(([k, v]) => `${renderFlat(k)}: ${render(v, width, inner)}`),
        '}',
      );
    default:
      return flat;
  }
}

function renderFlat(value: PyValue): string {
  const join = (items: PyValue[]) => items.map(renderFlat).join(', ');
  switch (value.t) {
    case 'none':
      return 'None';
    case 'bool':
      return value.v ? 'True' : 'False';
    case 'int':
    case 'float':
      return value.v;
    case 'str':
      return strRepr(value.v);
    case 'bytes':
      return bytesRepr(value.v);
    case 'list':
      return `[${join(value.items)}]`;
    case 'tuple':
      return value.items.length === 1 ? `(${join(value.items)},)` : `(${join(value.items)})`;
    case 'set':
      return value.items.length ? `{${join(value.items)}}` : 'set()';
    case 'frozenset':
      return value.items.length ? `frozenset({${join(value.items)}})` : 'frozenset()';
    case 'dict':
      return `{${value.entries.map(([k, v]) => `${renderFlat(k)}: ${renderFlat(v)}`).join(', ')}}`;
    case 'decimal':
      return `Decimal(${strRepr(value.v)})`;
    case 'uuid':
      return `UUID(${strRepr(value.v)})`;
    case 'datetime':
    case 'date':
    case 'time':
    case 'timedelta':
      return `${value.t}(${strRepr(value.v)})`;
    case 'object': {
      if (value.cls === '<recursion>') return '...';
      const state =
        value.state === null ? '' : `${value.args.length ? ', ' : ''}__setstate__=${renderFlat(value.state)}`;
      return `${value.cls}(${join(value.args)}${state})`;
    }
  }
}
