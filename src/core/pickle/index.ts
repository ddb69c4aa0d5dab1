// PLACEHOLDER owned by the pickle helper: replaced by the real opcode disassembler.
import type { PyValue, Result } from '../types';

export interface PickleLimits {
  maxDepth: number;
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

/** Reads a pickle stream's opcodes into an inert PyValue tree. Never unpickles, never evaluates. */
export function disassemblePickle(_data: Uint8Array, _limits: PickleLimits): Result<Disassembly> {
  return { ok: false, code: 'bad-pickle', message: 'pickle disassembly is not implemented yet' };
}
