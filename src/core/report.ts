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
   * The last object payload read in this decode() call, by its text: `auto` reads one value as
   * several kinds, and they all share one payload, so it is inflated and parsed once.
   */
  loaded?: { text: string; object: ObjectPayload };
}

export function blankReport(kind: Kind, format: string): DecodeReport {
  return {
    kind,
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
