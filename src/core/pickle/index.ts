// A pickle disassembler: reads the opcodes of protocols 0–5 (CPython Lib/pickletools.py, the
// opcode table; Lib/pickle.py _Unpickler, their meaning) into an inert PyValue tree. It never
// imports, calls or evaluates anything: globals are names, REDUCE/NEWOBJ/BUILD are shown, and only
// the display allowlist (./allowlist.ts) is rendered by meaning. Django's PickleSerializer wrote
// pickle.dumps(obj, HIGHEST_PROTOCOL) until 5.0 (docs/formats.md §3.2).
import { latin1Decode, toHex, utf8Decode } from '../bytes';
import { floatRepr } from '../float-repr';
import { DEFAULT_LIMITS } from '../limits';
import { parsePyFloat } from '../pyvalue';
import type { ErrorCode, PyValue, Result } from '../types';
import { buildSafe, type Facts, isSafeGlobal, newFacts, normalizeGlobal, reduceSafe } from './allowlist';

export interface PickleLimits {
  maxDepth: number;
  /** The written-out tree's values at most (Limits.maxNodes); MAX_NODES when absent. */
  maxNodes?: number;
  /** Opcodes read at most: a hostile stream cannot spin. */
  maxOps?: number;
}

export interface Disassembly {
  value: PyValue;
  /** Every global (module.qualname) the stream references, in order of first reference. */
  references: string[];
  /** A reference outside the display allowlist: a remote-code-execution payload. */
  unsafe: boolean;
}

/** How a self-containing value (`l = []; l.append(l)`) shows where Python's repr prints `[...]`. */
const RECURSION_CLS = '<recursion>';

/**
 * The tree a panel or a terminal can show: values and characters of text counted as the value
 * reads when written out, each shared (memo) node once per place it appears. Far above a real
 * session (a few hundred values), far below a memo fan-out ("billion laughs").
 */
export const MAX_NODES = DEFAULT_LIMITS.maxNodes;
export const MAX_TEXT = 16 * 1024 * 1024;

/**
 * Opcodes read per value allowed (plus items copied by set()): pickle.dumps spends one to three
 * per value (the value, a MEMOIZE, a batch's MARK), so a tree within maxNodes fits with room to
 * spare, while a cookie-sized stream of a million DUPs or Nones stops early.
 */
const OPS_PER_NODE = 4;

/**
 * CPython's sys.int_info.default_max_str_digits: int(text) raises ValueError past it (3.11+),
 * so the text opcodes INT/LONG/PUT/GET fail there as pickle.loads does; and str(n) would too,
 * so a binary LONG past it is shown by its size, never spelled out.
 */
const MAX_STR_DIGITS = 4300;
/** The longest LONG1/LONG4 payload (two's complement) whose value has at most 4300 digits. */
const MAX_LONG_BYTES = Math.floor((MAX_STR_DIGITS - 1) / Math.log10(256));

/** A failure also says how many opcodes were read before it: 0 means "not a pickle at all". */
export type PickleResult = Result<Disassembly> & { opcodes?: number };

/** Reads a pickle stream's opcodes into an inert PyValue tree. Never unpickles, never evaluates. */
export function disassemblePickle(data: Uint8Array, limits: PickleLimits): PickleResult {
  const machine = new Machine(data, limits);
  try {
    return { ok: true, value: machine.run() };
  } catch (e) {
    const opcodes = machine.opcodes;
    if (e instanceof Halt) return { ok: false, code: e.code, message: e.message, opcodes };
    // A RangeError from an engine limit is still a stream we cannot read, never a crash.
    return { ok: false, code: 'bad-pickle', message: `unreadable pickle stream (${String(e)})`, opcodes };
  }
}

class Halt {
  constructor(
    readonly code: ErrorCode,
    readonly message: string,
  ) {}
}

const bad = (message: string) => new Halt('bad-pickle', message);

/** A global on the stack: a name, resolved by nothing. */
interface GlobalRef {
  t: 'global';
  name: string;
}

type Item = PyValue | GlobalRef;
type ObjectValue = Extract<PyValue, { t: 'object' }>;

class Machine {
  private pos = 0;
  private stack: Item[] = [];
  private readonly metastack: Item[][] = [];
  private readonly memo = new Map<number, Item>();
  private unsafe = false;
  private readonly facts: Facts = newFacts();
  /** Key index of each dict node, so a repeated key replaces its value as in a Python dict. */
  private readonly dictIndex = new WeakMap<PyValue, Map<string, number>>();
  private readonly references: string[] = [];
  private readonly referenced = new Set<string>();
  private readonly maxOps: number;
  private readonly maxNodes: number;
  /** Opcodes read plus items copied: a hostile stream cannot spin. */
  private ops = 0;
  /** Expanded size of each node already sealed, so a shared node is walked once. */
  private readonly sealed = new Map<PyValue, { nodes: number; text: number; height: number }>();
  /** hashKey of a dict key node, computed once: memo GETs can repeat a long key many times. */
  private readonly keyIds = new WeakMap<PyValue, string | null>();

  constructor(
    private readonly data: Uint8Array,
    private readonly limits: PickleLimits,
  ) {
    this.maxNodes = limits.maxNodes ?? MAX_NODES;
    this.maxOps = limits.maxOps ?? OPS_PER_NODE * this.maxNodes;
  }

  /** Opcodes executed completely. */
  opcodes = 0;

  run(): Disassembly {
    while (this.pos < this.data.length) {
      if (++this.ops > this.maxOps) throw bad(`more than ${this.maxOps} opcodes`);
      const at = this.pos;
      const op = this.u8();
      const result = this.step(op, at);
      this.opcodes++;
      if (result !== undefined) {
        // Bytes after STOP are never read by pickle.loads either.
        const value = asValue(result);
        const size = this.seal(value, 0, new Set());
        if (size.nodes > this.maxNodes || size.text > MAX_TEXT) throw this.tooLarge(size.nodes);
        return { value, references: this.references, unsafe: this.unsafe };
      }
    }
    throw bad('truncated pickle: no STOP opcode');
  }

  /** Executes one opcode; returns the result at STOP. */
  private step(op: number, at: number): Item | undefined {
    switch (op) {
      case 0x2e: // STOP '.'
        return this.pop();
      case 0x80: {
        // PROTO
        const proto = this.u8();
        if (proto > 5) throw bad(`unsupported pickle protocol ${proto}`);
        return;
      }
      case 0x95: {
        // FRAME: the next n bytes are one frame; its opcodes follow inline, so only check n fits.
        const n = this.len8();
        if (n > this.data.length - this.pos)
          throw bad(`truncated pickle: FRAME of ${n} bytes at offset ${at}`);
        return;
      }
      case 0x28: // MARK '('
        if (this.metastack.length >= this.limits.maxDepth)
          throw new Halt('too-deep', 'MARK nesting too deep');
        this.metastack.push(this.stack);
        this.stack = [];
        return;
      case 0x30: // POP '0'
        if (this.stack.length > 0) this.stack.pop();
        else this.popMark();
        return;
      case 0x31: // POP_MARK '1'
        this.popMark();
        return;
      case 0x32: // DUP '2'
        this.push(this.top());
        return;

      case 0x4e: // NONE 'N'
        return this.push({ t: 'none' });
      case 0x88: // NEWTRUE
        return this.push({ t: 'bool', v: true });
      case 0x89: // NEWFALSE
        return this.push({ t: 'bool', v: false });
      case 0x49: {
        // INT 'I': protocol 0 writes True/False as I01/I00 (Lib/pickle.py load_int)
        const line = this.lineBytes();
        if (line.length === 2 && line[0] === 0x30 && (line[1] === 0x30 || line[1] === 0x31))
          return this.push({ t: 'bool', v: line[1] === 0x31 });
        return this.push({ t: 'int', v: parseDecimal(line) });
      }
      case 0x4c: // LONG 'L': decimal text with Python 2's trailing L
        return this.push({ t: 'int', v: parseDecimal(withoutSuffixL(this.lineBytes())) });
      case 0x4a: // BININT 'J'
        return this.push({ t: 'int', v: String(this.view(4).getInt32(0, true)) });
      case 0x4b: // BININT1 'K'
        return this.push({ t: 'int', v: String(this.u8()) });
      case 0x4d: // BININT2 'M'
        return this.push({ t: 'int', v: String(this.view(2).getUint16(0, true)) });
      case 0x8a: // LONG1
        return this.push(decodeLong(this.take(this.u8())));
      case 0x8b: {
        // LONG4
        const n = this.view(4).getInt32(0, true);
        if (n < 0) throw bad('LONG4 with a negative length');
        return this.push(decodeLong(this.take(n)));
      }
      case 0x46: {
        // FLOAT 'F'
        const x = parsePyFloat(this.line());
        if (x === null) throw bad('FLOAT opcode with unreadable text');
        return this.push({ t: 'float', v: floatRepr(x) });
      }
      case 0x47: // BINFLOAT 'G': big-endian IEEE 754 double
        return this.push({ t: 'float', v: floatRepr(this.view(8).getFloat64(0, false)) });

      case 0x53: // STRING 'S': a Python 2 str repr, decoded as ASCII (pickle.loads' default encoding)
        return this.push(asciiStr(escapeDecode(this.lineBytes())));
      case 0x54: {
        // BINSTRING 'T'
        const n = this.view(4).getInt32(0, true);
        if (n < 0) throw bad('BINSTRING with a negative length');
        return this.push(asciiStr(this.take(n)));
      }
      case 0x55: // SHORT_BINSTRING 'U'
        return this.push(asciiStr(this.take(this.u8())));
      case 0x56: // UNICODE 'V': raw-unicode-escape text
        return this.push({ t: 'str', v: rawUnicodeEscape(this.line()) });
      case 0x58: // BINUNICODE 'X'
        return this.push(this.utf8(this.take(this.len4())));
      case 0x8c: // SHORT_BINUNICODE
        return this.push(this.utf8(this.take(this.u8())));
      case 0x8d: // BINUNICODE8
        return this.push(this.utf8(this.take(this.len8())));
      case 0x42: // BINBYTES 'B'
        return this.push({ t: 'bytes', v: toHex(this.take(this.len4())) });
      case 0x43: // SHORT_BINBYTES 'C'
        return this.push({ t: 'bytes', v: toHex(this.take(this.u8())) });
      case 0x8e: // BINBYTES8
      case 0x96: // BYTEARRAY8: shown as bytes, the contract's only byte type
        return this.push({ t: 'bytes', v: toHex(this.take(this.len8())) });

      case 0x29: // EMPTY_TUPLE ')'
        return this.push({ t: 'tuple', items: [] });
      case 0x74: // TUPLE 't'
        return this.push({ t: 'tuple', items: this.popMark().map(asValue) });
      case 0x85: // TUPLE1
      case 0x86: // TUPLE2
      case 0x87: {
        // TUPLE3
        const n = op - 0x84;
        if (this.stack.length < n) throw bad(`stack underflow at offset ${at}`);
        return this.push({ t: 'tuple', items: this.stack.splice(-n).map(asValue) });
      }
      case 0x5d: // EMPTY_LIST ']'
        return this.push({ t: 'list', items: [] });
      case 0x6c: // LIST 'l'
        return this.push({ t: 'list', items: this.popMark().map(asValue) });
      case 0x7d: // EMPTY_DICT '}'
        return this.push({ t: 'dict', entries: [] });
      case 0x64: {
        // DICT 'd'
        const items = this.popMark();
        const dict: PyValue = { t: 'dict', entries: [] };
        this.setItems(dict, items, at);
        return this.push(dict);
      }
      case 0x8f: // EMPTY_SET
        return this.push({ t: 'set', items: [] });
      case 0x91: // FROZENSET
        return this.push({ t: 'frozenset', items: this.popMark().map(asValue) });

      case 0x61: {
        // APPEND 'a'
        const v = this.pop();
        this.addTo(this.top(), [v], 'list', at);
        return;
      }
      case 0x65: {
        // APPENDS 'e'
        const items = this.popMark();
        this.addTo(this.top(), items, 'list', at);
        return;
      }
      case 0x90: {
        // ADDITEMS
        const items = this.popMark();
        this.addTo(this.top(), items, 'set', at);
        return;
      }
      case 0x73: {
        // SETITEM 's'
        const v = this.pop();
        const k = this.pop();
        this.setItems(this.top(), [k, v], at);
        return;
      }
      case 0x75: {
        // SETITEMS 'u'
        const items = this.popMark();
        this.setItems(this.top(), items, at);
        return;
      }

      case 0x70: // PUT 'p'
        return this.put(Number(parseDecimal(this.lineBytes())));
      case 0x71: // BINPUT 'q'
        return this.put(this.u8());
      case 0x72: // LONG_BINPUT 'r'
        return this.put(this.view(4).getUint32(0, true));
      case 0x94: // MEMOIZE
        return this.put(this.memo.size);
      case 0x67: // GET 'g'
        return this.get(Number(parseDecimal(this.lineBytes())));
      case 0x68: // BINGET 'h'
        return this.get(this.u8());
      case 0x6a: // LONG_BINGET 'j'
        return this.get(this.view(4).getUint32(0, true));

      case 0x63: {
        // GLOBAL 'c'
        const module = this.line();
        return this.push(this.global(module, this.line()));
      }
      case 0x93: {
        // STACK_GLOBAL
        const name = this.pop();
        const module = this.pop();
        if (module.t !== 'str' || name.t !== 'str') throw bad('STACK_GLOBAL needs two str');
        return this.push(this.global(module.v, name.v));
      }
      case 0x69: {
        // INST 'i': module, name, then the MARKed arguments
        const module = this.line();
        const ref = this.global(module, this.line());
        return this.push(this.call(ref, this.popMark().map(asValue)));
      }
      case 0x6f: {
        // OBJ 'o': the class is the first MARKed item
        const [cls, ...args] = this.popMark();
        if (cls === undefined) throw bad('OBJ without a class');
        return this.push(this.call(cls, args.map(asValue)));
      }
      case 0x52: {
        // REDUCE 'R'
        const args = this.pop();
        return this.push(this.call(this.pop(), tupleItems(args, 'REDUCE')));
      }
      case 0x81: {
        // NEWOBJ: cls.__new__(cls, *args)
        const args = this.pop();
        return this.push(this.call(this.pop(), tupleItems(args, 'NEWOBJ')));
      }
      case 0x92: {
        // NEWOBJ_EX: cls.__new__(cls, *args, **kwargs)
        const kwargs = asValue(this.pop());
        const args = tupleItems(this.pop(), 'NEWOBJ_EX');
        const withKw = kwargs.t === 'dict' && kwargs.entries.length === 0 ? args : [...args, kwargs];
        return this.push(this.call(this.pop(), withKw));
      }
      case 0x62: {
        // BUILD 'b'
        const state = asValue(this.pop());
        this.build(this.top(), state, at);
        return;
      }

      case 0x82: // EXT1
      case 0x83: // EXT2
      case 0x84: // EXT4
        // copyreg's extension registry is empty unless a program fills it: pickle.loads raises.
        throw bad(`extension code opcode at offset ${at} (no registry to resolve it)`);
      case 0x50: // PERSID 'P'
      case 0x51: // BINPERSID 'Q'
        throw bad('persistent id: pickle.loads has no persistent_load to resolve it');
      case 0x97: // NEXT_BUFFER
        throw bad('out-of-band buffer: pickle.loads was given no buffers');
      case 0x98: // READONLY_BUFFER
        this.top();
        return;
      default:
        throw bad(`unknown opcode 0x${op.toString(16).padStart(2, '0')} at offset ${at}`);
    }
  }

  // --- reading -----------------------------------------------------------------------------

  private take(n: number): Uint8Array {
    if (n > this.data.length - this.pos) {
      throw bad(
        `truncated pickle: ${n} bytes wanted at offset ${this.pos}, ${this.data.length - this.pos} left`,
      );
    }
    const out = this.data.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  private u8(): number {
    return this.take(1)[0] ?? 0;
  }

  private view(n: number): DataView {
    const b = this.take(n);
    return new DataView(b.buffer, b.byteOffset, n);
  }

  private len4(): number {
    return this.view(4).getUint32(0, true);
  }

  /** An 8-byte length: anything past 2^32 is beyond any input we accept, so it is "truncated". */
  private len8(): number {
    const v = this.view(8);
    const high = v.getUint32(4, true);
    return high === 0 ? v.getUint32(0, true) : Number.MAX_SAFE_INTEGER;
  }

  /** A text argument up to its newline, as bytes: digit lines are checked before any decoding. */
  private lineBytes(): Uint8Array {
    const end = this.data.indexOf(0x0a, this.pos);
    if (end < 0) throw bad('truncated pickle: a text argument has no newline');
    const bytes = this.data.subarray(this.pos, end);
    this.pos = end + 1;
    return bytes;
  }

  private line(): string {
    return latin1Decode(this.lineBytes());
  }

  private utf8(bytes: Uint8Array): PyValue {
    const text = utf8Decode(bytes);
    if (text === null) throw bad('str that is not UTF-8');
    return { t: 'str', v: text };
  }

  // --- the stack ---------------------------------------------------------------------------

  private push(item: Item): undefined {
    this.stack.push(item);
    return undefined;
  }

  private pop(): Item {
    const item = this.stack.pop();
    if (item === undefined) throw bad('stack underflow');
    return item;
  }

  private top(): Item {
    const item = this.stack[this.stack.length - 1];
    if (item === undefined) throw bad('stack underflow');
    return item;
  }

  private popMark(): Item[] {
    const items = this.stack;
    const outer = this.metastack.pop();
    if (outer === undefined) throw bad('no MARK to pop to');
    this.stack = outer;
    return items;
  }

  private put(index: number): undefined {
    this.memo.set(index, this.top());
    return undefined;
  }

  private get(index: number): undefined {
    const item = this.memo.get(index);
    if (item === undefined) throw bad(`memo key ${index} was never stored`);
    return this.push(item);
  }

  // --- meaning -----------------------------------------------------------------------------

  private global(module: string, name: string): GlobalRef {
    const qualname = normalizeGlobal(module, name);
    if (!this.referenced.has(qualname)) {
      this.referenced.add(qualname);
      this.references.push(qualname);
    }
    // getattr is judged where it is called: getattr(<global>, 'name') is how protocols 0–3 spell
    // a dotted qualname (Lib/pickle.py save_global), anything else is a payload.
    if (!isSafeGlobal(qualname) && qualname !== GETATTR) this.unsafe = true;
    return { t: 'global', name: qualname };
  }

  /** What calling `callable(*args)` would build, shown rather than done. */
  private call(callable: Item, args: PyValue[]): Item {
    if (callable.t === 'global' && callable.name === GETATTR) {
      const [owner, attr] = args;
      if (args.length === 2 && owner && bareRefs.has(owner) && owner.t === 'object' && attr?.t === 'str') {
        return this.global(owner.cls, attr.v);
      }
      this.unsafe = true;
    }
    if (callable.t !== 'global') {
      // Calling a value (getattr(...)(...) chains): only a payload does that.
      this.unsafe = true;
      const cls = callable.t === 'object' ? `${callable.cls}(…)` : `<${callable.t}>`;
      return { t: 'object', cls, args, state: null, unsafe: true };
    }
    const name = callable.name;
    if (name === 'copyreg._reconstructor' || name === 'copyreg.__newobj__') {
      // _reconstructor(cls, base, state) is object.__reduce_ex__ for protocols 0–1 (Lib/copyreg.py).
      const [cls, ...rest] = args;
      if (cls?.t === 'object' && bareRefs.has(cls)) {
        const ctorArgs =
          name === 'copyreg.__newobj__' ? rest : rest[1] && rest[1].t !== 'none' ? [rest[1]] : [];
        return asValue(this.call({ t: 'global', name: cls.cls }, ctorArgs));
      }
    }
    if (isSafeGlobal(name)) {
      // set(x) copies x's items: a stream calling it over and over on one big memoized list
      // costs its length each time, so the copies count against the opcode budget.
      if (name === 'builtins.set' || name === 'builtins.frozenset') this.spend(args[0]);
      return (
        reduceSafe(name, args, this.facts) ?? { t: 'object', cls: name, args, state: null, unsafe: false }
      );
    }
    return { t: 'object', cls: name, args, state: null, unsafe: true };
  }

  private build(target: Item, state: PyValue, at: number): void {
    if (target.t !== 'object') throw bad(`BUILD on a ${target.t} at offset ${at}`);
    const meaning = buildSafe(target.cls, state);
    if (meaning) {
      morph(target, meaning);
      return;
    }
    target.state = target.state === null ? state : { t: 'tuple', items: [target.state, state] };
  }

  private addTo(target: Item, items: Item[], kind: 'list' | 'set', at: number): void {
    if (kind === 'list' ? target.t === 'list' : target.t === 'set') {
      // A loop, not push(...items): APPENDS can carry more items than a call takes arguments.
      for (const item of items) (target as { items: PyValue[] }).items.push(asValue(item));
      return;
    }
    if (target.t !== 'object')
      throw bad(`${kind === 'list' ? 'APPEND' : 'ADDITEMS'} on a ${target.t} at offset ${at}`);
    // A list/set subclass: its items are kept in its state, shown beside the object.
    const into = this.extraState(target, kind);
    for (const item of items) (into as { items: PyValue[] }).items.push(asValue(item));
  }

  private setItems(target: Item, items: Item[], at: number): void {
    if (items.length % 2 !== 0) throw bad(`odd number of items for a dict at offset ${at}`);
    let dict: PyValue;
    if (target.t === 'dict') dict = target;
    else if (target.t === 'object') dict = this.extraState(target, 'dict');
    else throw bad(`SETITEM on a ${target.t} at offset ${at}`);
    if (dict.t !== 'dict') return;
    let index = this.dictIndex.get(dict);
    if (!index) {
      index = new Map();
      this.dictIndex.set(dict, index);
    }
    for (let i = 0; i < items.length; i += 2) {
      const k = asValue(items[i] as Item);
      const v = asValue(items[i + 1] as Item);
      const id = this.keyId(k);
      const existing = id === null ? undefined : index.get(id);
      if (existing !== undefined) {
        const entry = dict.entries[existing];
        if (entry) entry[1] = v;
      } else {
        if (id !== null) index.set(id, dict.entries.length);
        dict.entries.push([k, v]);
      }
    }
  }

  private extraState(target: ObjectValue, kind: 'list' | 'set' | 'dict'): PyValue {
    if (target.state?.t === kind) return target.state;
    const fresh: PyValue = kind === 'dict' ? { t: 'dict', entries: [] } : { t: kind, items: [] };
    target.state = target.state === null ? fresh : { t: 'tuple', items: [target.state, fresh] };
    return fresh;
  }

  private tooLarge(nodes: number): Halt {
    const what =
      nodes > this.maxNodes ? `over ${this.maxNodes} values` : `over ${MAX_TEXT} characters of text`;
    return new Halt(
      'too-large',
      `pickle memo references expand past what can be shown (${what} once written out)`,
    );
  }

  private keyId(k: PyValue): string | null {
    let id = this.keyIds.get(k);
    if (id === undefined) {
      id = hashKey(k);
      this.keyIds.set(k, id);
    }
    return id;
  }

  private spend(source: PyValue | undefined): void {
    const n = source && 'items' in source ? source.items.length : 0;
    this.ops += n;
    if (this.ops > this.maxOps) throw bad(`more than ${this.maxOps} opcodes and copied items`);
  }

  /**
   * Makes the (possibly shared, possibly cyclic) graph safe to hand out, in place and in time
   * linear in its size: a reference back to an enclosing container becomes a recursion marker,
   * shared nodes stay shared (never copied), and the size the value has when written out — each
   * shared node counted at every place it appears — is returned, so the caller can refuse a
   * fan-out before any reader expands it.
   */
  private seal(
    value: PyValue,
    depth: number,
    active: Set<PyValue>,
  ): { nodes: number; text: number; height: number } {
    if (depth > this.limits.maxDepth)
      throw new Halt('too-deep', `pickle nesting deeper than ${this.limits.maxDepth}`);
    const known = this.sealed.get(value);
    if (known) {
      if (depth + known.height > this.limits.maxDepth)
        throw new Halt('too-deep', `pickle nesting deeper than ${this.limits.maxDepth}`);
      return known;
    }
    const size = {
      nodes: 1,
      text: 'v' in value && typeof value.v === 'string' ? value.v.length : 0,
      height: 0,
    };
    const slots = childSlots(value);
    if (slots.length) {
      active.add(value);
      for (const slot of slots) {
        const child = slotGet(slot) as Item;
        let node = asValue(child);
        if (active.has(node)) node = recursionMarker();
        if (node !== child) slotSet(slot, node);
        const sub = this.seal(node, depth + 1, active);
        size.nodes += sub.nodes;
        size.text += sub.text;
        size.height = Math.max(size.height, sub.height + 1);
        // Stop as soon as the cap is passed: a fan-out's sizes grow exponentially.
        if (size.nodes > this.maxNodes || size.text > MAX_TEXT) throw this.tooLarge(size.nodes);
      }
      active.delete(value);
    }
    this.sealed.set(value, size);
    return size;
  }
}

/** A place a node holds a child: an array index, or an object's state. */
type Slot = [PyValue[] | [PyValue, PyValue], number] | [ObjectValue, 'state'];

const slotGet = ([holder, key]: Slot): PyValue | null =>
  key === 'state' ? (holder as ObjectValue).state : ((holder as PyValue[])[key] ?? null);

function slotSet([holder, key]: Slot, node: PyValue): void {
  if (key === 'state') (holder as ObjectValue).state = node;
  else (holder as PyValue[])[key] = node;
}

/** Where a node holds children, so a back reference can be replaced in place. */
function childSlots(value: PyValue): Slot[] {
  switch (value.t) {
    case 'list':
    case 'tuple':
    case 'set':
    case 'frozenset':
      return value.items.map((_, i): Slot => [value.items, i]);
    case 'dict':
      return value.entries.flatMap((entry): Slot[] => [
        [entry, 0],
        [entry, 1],
      ]);
    case 'object': {
      const slots = value.args.map((_, i): Slot => [value.args, i]);
      if (value.state !== null) slots.push([value, 'state']);
      return slots;
    }
    default:
      return [];
  }
}

function recursionMarker(): PyValue {
  return { t: 'object', cls: RECURSION_CLS, args: [], state: null, unsafe: false };
}

/** A global used as a value (pickle.dumps(os.system)): shown as a reference, never imported. */
function asValue(item: Item): PyValue {
  if (item.t !== 'global') return item;
  const node: PyValue = {
    t: 'object',
    cls: item.name,
    args: [],
    state: null,
    unsafe: !isSafeGlobal(item.name),
  };
  bareRefs.add(node);
  return node;
}

const GETATTR = 'builtins.getattr';

/** Object nodes that are a global named, not called: only those may be getattr's owner. */
const bareRefs = new WeakSet<PyValue>();

function tupleItems(item: Item, op: string): PyValue[] {
  if (item.t !== 'tuple' && item.t !== 'list') throw bad(`${op} arguments are a ${item.t}, not a tuple`);
  return item.items;
}

/** Turns an object node into its meaning in place: the memo may already hold this very node. */
function morph(node: ObjectValue, meaning: PyValue): void {
  const record = node as unknown as Record<string, unknown>;
  for (const key of Object.keys(record)) delete record[key];
  Object.assign(record, meaning);
}

/** Python dict key identity for the hashable scalars (1 == True, as in Python). */
function hashKey(k: PyValue): string | null {
  switch (k.t) {
    case 'str':
      return `s${k.v}`;
    case 'int':
      return `i${k.v}`;
    case 'bool':
      return k.v ? 'i1' : 'i0';
    case 'none':
      return 'n';
    case 'bytes':
      return `b${k.v}`;
    default:
      return null;
  }
}

/** int(text) as pickle.loads calls it, with CPython 3.11+'s digit limit (leading zeros are free). */
function parseDecimal(line: Uint8Array): string {
  const isSpace = (b: number | undefined) => b === 0x20 || (b !== undefined && b >= 0x09 && b <= 0x0d);
  let i = 0;
  let end = line.length;
  while (i < end && isSpace(line[i])) i++;
  while (end > i && isSpace(line[end - 1])) end--;
  const negative = line[i] === 0x2d;
  if (negative || line[i] === 0x2b) i++;
  const digitsFrom = i;
  while (i < end && line[i] === 0x30) i++;
  const significant = i;
  let digits = digitsFrom < end;
  for (let k = digitsFrom; k < end && digits; k++) digits = (line[k] ?? 0) >= 0x30 && (line[k] ?? 0) <= 0x39;
  if (!digits) throw bad(`not an integer: ${JSON.stringify(latin1Decode(line.subarray(0, 40)))}`);
  const count = end - significant;
  if (count > MAX_STR_DIGITS) {
    throw bad(
      `Exceeds the limit (${MAX_STR_DIGITS} digits) for integer string conversion: value has ${count} digits (pickle.loads raises ValueError)`,
    );
  }
  return count === 0 ? '0' : `${negative ? '-' : ''}${latin1Decode(line.subarray(significant, end))}`;
}

/** Python 2's long repr ends in L (`12L`), which protocol 0 writes. */
function withoutSuffixL(line: Uint8Array): Uint8Array {
  return line[line.length - 1] === 0x4c ? line.subarray(0, -1) : line;
}

/**
 * LONG1/LONG4: little-endian two's complement (Lib/pickle.py decode_long). Past 4300 digits the
 * int is shown by its size: spelling out millions of digits takes seconds and no one reads them.
 */
function decodeLong(raw: Uint8Array): PyValue {
  let n = raw.length;
  // Redundant sign bytes (a hand-made stream may pad) do not make the value longer.
  while (
    n > 1 &&
    ((raw[n - 1] === 0 && !((raw[n - 2] ?? 0) & 0x80)) || (raw[n - 1] === 0xff && (raw[n - 2] ?? 0) & 0x80))
  )
    n--;
  const bytes = raw.subarray(0, n);
  if (bytes.length === 0) return { t: 'int', v: '0' };
  const negative = ((bytes[bytes.length - 1] ?? 0) & 0x80) !== 0;
  if (bytes.length > MAX_LONG_BYTES) {
    const cls = `<${negative ? 'negative ' : ''}int of ${grouped(bytes.length)} bytes: too large to show>`;
    return { t: 'object', cls, args: [], state: null, unsafe: false };
  }
  let hex = '';
  for (let i = bytes.length - 1; i >= 0; i--) hex += (bytes[i] ?? 0).toString(16).padStart(2, '0');
  let v = BigInt(`0x${hex}`);
  if (negative) v -= 1n << BigInt(8 * bytes.length);
  return { t: 'int', v: v.toString() };
}

/** 3145728 → '3,145,728', as Python's f"{n:,}". */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

function asciiStr(bytes: Uint8Array): PyValue {
  // pickle.loads(data) decodes Python 2 str with encoding='ASCII': other bytes raise.
  if (bytes.some((b) => b > 0x7f)) throw bad('Python 2 str with non-ASCII bytes (pickle.loads would raise)');
  return { t: 'str', v: latin1Decode(bytes) };
}

/** The one-letter escapes of a Python 2 str repr, by byte: n t r a b f v \\ ' ". */
const SIMPLE_ESCAPES = new Map([
  [0x6e, 10],
  [0x74, 9],
  [0x72, 13],
  [0x61, 7],
  [0x62, 8],
  [0x66, 12],
  [0x76, 11],
  [0x5c, 92],
  [0x27, 39],
  [0x22, 34],
]);

const hexValue = (b: number | undefined): number =>
  b === undefined
    ? -1
    : b >= 0x30 && b <= 0x39
      ? b - 0x30
      : (b | 0x20) >= 0x61 && (b | 0x20) <= 0x66
        ? (b | 0x20) - 0x57
        : -1;
const isOctal = (b: number | undefined): b is number => b !== undefined && b >= 0x30 && b <= 0x37;

/**
 * codecs.escape_decode of a quoted Python 2 str repr (Lib/pickle.py load_string), on the bytes
 * in one pass: a line of a million escapes is read in milliseconds, without a string per escape.
 */
function escapeDecode(line: Uint8Array): Uint8Array {
  const q = line[0];
  if (line.length < 2 || (q !== 0x27 && q !== 0x22) || line[line.length - 1] !== q) {
    throw bad('STRING opcode argument must be quoted');
  }
  const body = line.subarray(1, -1);
  const out = new Uint8Array(body.length);
  let n = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as number;
    if (c !== 0x5c || i + 1 >= body.length) {
      out[n++] = c;
      continue;
    }
    const e = body[++i] as number;
    const simple = SIMPLE_ESCAPES.get(e);
    if (simple !== undefined) out[n++] = simple;
    else if (e === 0x78 && hexValue(body[i + 1]) >= 0 && hexValue(body[i + 2]) >= 0) {
      out[n++] = hexValue(body[i + 1]) * 16 + hexValue(body[i + 2]);
      i += 2;
    } else if (isOctal(e)) {
      let v = e - 0x30;
      for (let k = 0; k < 2 && isOctal(body[i + 1]); k++) v = v * 8 + ((body[++i] as number) - 0x30);
      out[n++] = v & 0xff;
    } else if (e !== 0x0a) {
      out[n++] = 0x5c;
      out[n++] = e;
    }
  }
  return out.subarray(0, n);
}

/** raw-unicode-escape: latin-1 text with \uXXXX and \UXXXXXXXX escapes (protocol 0 UNICODE). */
function rawUnicodeEscape(line: string): string {
  return line.replace(
    /\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g,
    (_m, u4: string | undefined, u8: string | undefined) => {
      const cp = Number.parseInt(u4 ?? u8 ?? '0', 16);
      if (cp > 0x10ffff) throw bad('\\U escape beyond U+10FFFF');
      return String.fromCodePoint(cp);
    },
  );
}
