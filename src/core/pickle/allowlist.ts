// The DISPLAY allowlist: the few globals whose pickled state we show by meaning (a datetime as its
// isoformat text, a set as a set). Nothing here is ever called; a global outside this list makes
// the stream `unsafe`, since pickle.loads would import and call it (os.system, builtins.eval…).
import { fromHex, latin1Encode, toHex } from '../bytes';
import type { PyValue } from '../types';

/** Python 2 module names that protocols 0–2 write (Lib/_compat_pickle.py REVERSE_IMPORT_MAPPING). */
const PY2_MODULES: Record<string, string> = {
  __builtin__: 'builtins',
  copy_reg: 'copyreg',
  exceptions: 'builtins',
};

export function normalizeGlobal(module: string, name: string): string {
  return `${PY2_MODULES[module] ?? module}.${name}`;
}

/** Globals shown by meaning, or as an inert reference (a defaultdict factory, a reconstructor base). */
const SAFE = new Set([
  'builtins.set',
  'builtins.frozenset',
  'builtins.bytes',
  'builtins.bytearray',
  'builtins.object',
  'builtins.list',
  'builtins.dict',
  'builtins.tuple',
  'builtins.str',
  'builtins.int',
  'builtins.float',
  'builtins.bool',
  'builtins.complex',
  '_codecs.encode',
  'copyreg._reconstructor',
  'copyreg.__newobj__',
  'collections.OrderedDict',
  'collections.defaultdict',
  'datetime.datetime',
  'datetime.date',
  'datetime.time',
  'datetime.timedelta',
  'datetime.timezone',
  'decimal.Decimal',
  'uuid.UUID',
  'pytz._UTC',
  'pytz._p',
  'zoneinfo.ZoneInfo',
  'zoneinfo.ZoneInfo._unpickle',
  'django.utils.safestring.SafeString',
  'django.utils.safestring.SafeText',
  'django.utils.safestring.SafeBytes',
]);

export function isSafeGlobal(qualname: string): boolean {
  return SAFE.has(qualname);
}

/** Internal facts about display values, kept beside the tree so the PyValue shape stays the contract's. */
export interface Facts {
  /** timedelta nodes → (days, seconds, microseconds). */
  timedeltas: WeakMap<PyValue, [bigint, bigint, bigint]>;
  /** tzinfo nodes → fixed offset in microseconds, or a zone name when the offset needs a tz database. */
  zones: WeakMap<PyValue, { offsetUs: bigint } | { name: string }>;
}

export function newFacts(): Facts {
  return { timedeltas: new WeakMap(), zones: new WeakMap() };
}

const pad = (n: number | bigint, width: number) => String(n).padStart(width, '0');

function bytesOf(value: PyValue | undefined): Uint8Array | null {
  return value?.t === 'bytes' ? fromHex(value.v) : null;
}

function intOf(value: PyValue | undefined): bigint | null {
  if (value?.t === 'int') return BigInt(value.v);
  if (value?.t === 'bool') return value.v ? 1n : 0n;
  return null;
}

/** Python's str(timedelta) (Lib/datetime.py timedelta.__str__). */
function timedeltaStr(days: bigint, seconds: bigint, us: bigint): string {
  const mm = seconds / 60n;
  let text = `${seconds / 3600n}:${pad(mm % 60n, 2)}:${pad(seconds % 60n, 2)}`;
  if (days !== 0n) text = `${days} day${days === 1n || days === -1n ? '' : 's'}, ${text}`;
  if (us !== 0n) text += `.${pad(us, 6)}`;
  return text;
}

/** The +HH:MM[:SS[.ffffff]] suffix of isoformat() (Lib/datetime.py _format_offset). */
function formatOffset(offsetUs: bigint): string {
  const sign = offsetUs < 0n ? '-' : '+';
  let rest = offsetUs < 0n ? -offsetUs : offsetUs;
  const us = rest % 1_000_000n;
  rest /= 1_000_000n;
  const hh = rest / 3600n;
  const mm = (rest % 3600n) / 60n;
  const ss = rest % 60n;
  let text = `${sign}${pad(hh, 2)}:${pad(mm, 2)}`;
  if (ss !== 0n || us !== 0n) text += `:${pad(ss, 2)}`;
  if (us !== 0n) text += `.${pad(us, 6)}`;
  return text;
}

function tzSuffix(tz: PyValue | undefined, facts: Facts): string | null {
  if (tz === undefined || tz.t === 'none') return '';
  const zone = facts.zones.get(tz);
  if (zone === undefined) return tz.t === 'object' ? `[${tz.cls}]` : null;
  // The offset of a named zone depends on a tz database the display does not carry: show the
  // name as RFC 9557 does rather than guess an offset.
  return 'offsetUs' in zone ? formatOffset(zone.offsetUs) : `[${zone.name}]`;
}

function timeText(h: number, m: number, s: number, us: number): string {
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}${us ? `.${pad(us, 6)}` : ''}`;
}

/** The C datetime's pickled state: year (2 bytes BE), month (+128 = fold), day, then the time. */
function datetimeFromState(b: Uint8Array): string | null {
  if (b.length !== 10) return null;
  const [yh = 0, yl = 0, month = 0, day = 0, h = 0, m = 0, s = 0, u1 = 0, u2 = 0, u3 = 0] = b;
  return `${pad(yh * 256 + yl, 4)}-${pad(month & 0x7f, 2)}-${pad(day, 2)}T${timeText(h, m, s, (u1 << 16) | (u2 << 8) | u3)}`;
}

function dateFromState(b: Uint8Array): string | null {
  if (b.length !== 4) return null;
  const [yh = 0, yl = 0, month = 0, day = 0] = b;
  return `${pad(yh * 256 + yl, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function timeFromState(b: Uint8Array): string | null {
  if (b.length !== 6) return null;
  const [h = 0, m = 0, s = 0, u1 = 0, u2 = 0, u3 = 0] = b;
  return timeText(h & 0x7f, m, s, (u1 << 16) | (u2 << 8) | u3);
}

/**
 * What `callable(*args)` means for an allowlisted callable, or null to show it as an inert object.
 * Mirrors each type's __reduce__ in CPython 3.11 (Modules/_datetimemodule.c, Lib/_pydecimal.py,
 * Lib/collections/__init__.py) and django/utils/safestring.py.
 */
export function reduceSafe(qualname: string, args: PyValue[], facts: Facts): PyValue | null {
  const [a0, a1, a2] = args;
  switch (qualname) {
    case 'builtins.set':
    case 'builtins.frozenset': {
      const t = qualname === 'builtins.set' ? 'set' : 'frozenset';
      if (args.length === 0) return { t, items: [] };
      if (a0 && (a0.t === 'list' || a0.t === 'tuple' || a0.t === 'set' || a0.t === 'frozenset')) {
        return { t, items: [...a0.items] };
      }
      return null;
    }
    case 'builtins.bytes':
    case 'builtins.bytearray':
      if (args.length === 0) return { t: 'bytes', v: '' };
      if (a0?.t === 'bytes' && args.length === 1) return { t: 'bytes', v: a0.v };
      return a0?.t === 'str' && a1?.t === 'str' ? encodeLatin1(a0.v, a1.v) : null;
    case '_codecs.encode':
      // Protocols 0–2 carry bytes as _codecs.encode(text, 'latin1') (Lib/pickle.py save_bytes).
      return a0?.t === 'str' && a1?.t === 'str' ? encodeLatin1(a0.v, a1.v) : null;
    case 'collections.OrderedDict':
    case 'collections.defaultdict':
      // Both pickle their items as SETITEMS after the REDUCE: an empty dict receives them.
      return { t: 'dict', entries: [] };
    case 'datetime.datetime': {
      const state = bytesOf(a0);
      const text = state && datetimeFromState(state);
      const tz = tzSuffix(a1, facts);
      return text && tz !== null ? { t: 'datetime', v: text + tz } : null;
    }
    case 'datetime.date': {
      const state = bytesOf(a0);
      const text = state && dateFromState(state);
      return text ? { t: 'date', v: text } : null;
    }
    case 'datetime.time': {
      const state = bytesOf(a0);
      const text = state && timeFromState(state);
      const tz = tzSuffix(a1, facts);
      return text && tz !== null ? { t: 'time', v: text + tz } : null;
    }
    case 'datetime.timedelta': {
      const [days, seconds, us] = [intOf(a0) ?? 0n, intOf(a1) ?? 0n, intOf(a2) ?? 0n];
      if (args.some((a) => intOf(a) === null) || args.length > 3) return null;
      const node: PyValue = { t: 'timedelta', v: timedeltaStr(days, seconds, us) };
      facts.timedeltas.set(node, [days, seconds, us]);
      return node;
    }
    case 'datetime.timezone': {
      const delta = a0 && facts.timedeltas.get(a0);
      if (!delta) return null;
      const node: PyValue = { t: 'object', cls: qualname, args, state: null, unsafe: false };
      facts.zones.set(node, { offsetUs: (delta[0] * 86400n + delta[1]) * 1_000_000n + delta[2] });
      return node;
    }
    case 'pytz._UTC': {
      const node: PyValue = { t: 'object', cls: qualname, args, state: null, unsafe: false };
      facts.zones.set(node, { offsetUs: 0n });
      return node;
    }
    case 'pytz._p': {
      // pytz's unpickler: _p(zone, utcoffset_seconds, dst_seconds, tzname) pins one fixed offset.
      const offset = intOf(a1);
      const node: PyValue = { t: 'object', cls: qualname, args, state: null, unsafe: false };
      if (offset !== null) facts.zones.set(node, { offsetUs: offset * 1_000_000n });
      else if (a0?.t === 'str') facts.zones.set(node, { name: a0.v });
      return node;
    }
    case 'zoneinfo.ZoneInfo':
    case 'zoneinfo.ZoneInfo._unpickle': {
      const node: PyValue = { t: 'object', cls: 'zoneinfo.ZoneInfo', args, state: null, unsafe: false };
      if (a0?.t === 'str') facts.zones.set(node, { name: a0.v });
      return node;
    }
    case 'decimal.Decimal':
      return a0?.t === 'str' && args.length === 1 ? { t: 'decimal', v: a0.v } : null;
    case 'django.utils.safestring.SafeString':
    case 'django.utils.safestring.SafeText':
      return a0?.t === 'str' ? { t: 'str', v: a0.v } : null;
    case 'django.utils.safestring.SafeBytes':
      return a0?.t === 'bytes' ? { t: 'bytes', v: a0.v } : null;
    default:
      return null;
  }
}

function encodeLatin1(text: string, encoding: string): PyValue | null {
  if (!/^latin[-_]?1$/i.test(encoding)) return null;
  const bytes = latin1Encode(text);
  return bytes ? { t: 'bytes', v: toHex(bytes) } : null;
}

/** BUILD on an allowlisted object whose meaning is in its state: uuid.UUID's {'int': N}. */
export function buildSafe(cls: string, state: PyValue): PyValue | null {
  if (cls !== 'uuid.UUID') return null;
  // UUID.__getstate__ (Lib/uuid.py) gives {'int': n[, 'is_safe': v]}; __slots__ make it (None, dict).
  const dict = state.t === 'tuple' && state.items.length === 2 ? state.items[1] : state;
  if (dict?.t !== 'dict') return null;
  const entry = dict.entries.find(([k]) => k.t === 'str' && k.v === 'int');
  const n = entry && intOf(entry[1]);
  if (n === undefined || n === null || n < 0n || n >= 1n << 128n) return null;
  const hex = n.toString(16).padStart(32, '0');
  return {
    t: 'uuid',
    v: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
  };
}
