// Building DecodeReports: one blank shape, and the order in which Django would fail.
import type { ObjectPayload } from './payload';
import type { Algorithm, DecodeReport, ErrorCode, Kind, Limits, Secret } from './types';

/** What every format reader is given, resolved from DecodeOptions. */
export interface ReadContext {
  keys: readonly Secret[];
  algorithm: Algorithm | undefined;
  maxAge: number | null;
  now: number;
  limits: Limits;
  /**
   * Payloads already loaded in this decode(), with their `[.]b64` text: `auto` reads the same
   * payload as up to five kinds, and a hostile one is the costly part (inflate, parse). A list
   * searched with ===, not a Map: a decode sees one or two payload texts, and a Map hashes its
   * key, a new slice of the value each time, at ~2 µs a KB on the machine measured (~15 µs of a
   * 4 KB value's `auto`, which stores and looks up the one payload).
   */
  payloads?: Array<{ text: string; loaded: ObjectPayload }>;
}

export function blankReport(kind: Kind, format: string): DecodeReport {
  return {
    kind,
    guessed: false,
    alternatives: [],
    format,
    verified: null,
    code: null,
    message: null,
    data: null,
    text: null,
    matchedKey: null,
    algorithm: null,
    timestamp: null,
    compressed: false,
    serializer: null,
    salt: null,
    messages: null,
    messagesNotFinished: false,
    pickle: null,
    warnings: [],
  };
}

/** Keeps the first failure: callers report in Django's order (signature, timestamp, payload). */
export function setError(report: DecodeReport, code: ErrorCode, message: string): void {
  if (report.code !== null) return;
  report.code = code;
  report.message = message;
}
