import {
  COMPANION_SESSION_HEADER,
  COMPANION_TOKEN_HEADER,
  type CompanionResponse,
  type CompanionTimelineRecord,
  type CompanionWriteResponse,
} from '../core/companion';
import {
  claimsCompanion,
  type Parsed,
  parseCompanionResponse,
  parseCompanionTimelineRecord,
  parseCompanionWriteResponse,
} from '../core/companion-validate';
import type { CompanionLookup, Payload, Response } from '../messaging/protocol';

export const COMPANION_TIMEOUT_MS = 5000;

/**
 * What the body says: not the companion at all (absent), the companion in a shape the protocol
 * does not allow (invalid, with the first wrong field: the panel must not render it), or an answer.
 */
function lookupOf<R>(
  body: unknown,
  httpStatus: number,
  parse: (body: unknown) => Parsed<R>,
): CompanionLookup<R> {
  if (!claimsCompanion(body)) return { status: 'absent', httpStatus };
  const parsed = parse(body);
  return parsed.ok
    ? { status: 'found', response: parsed.value }
    : { status: 'invalid', problem: parsed.problem, httpStatus };
}

/**
 * One request to the companion with the session value as a header: a request from the extension's
 * origin does not carry the site's cookies (credentials omitted on purpose, so the browser's own
 * session cookie never mixes in), and nothing may be cached.
 */
async function askCompanion<R>(
  { origin, path, sessionValue, token }: Payload<'fetchCompanion'>,
  init: { method: 'GET' | 'POST'; body?: string },
  parse: (body: unknown) => Parsed<R>,
  timeoutMs: number,
): Promise<Response<CompanionLookup<R>>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (sessionValue) headers[COMPANION_SESSION_HEADER] = sessionValue;
  if (token) headers[COMPANION_TOKEN_HEADER] = token;
  // The companion accepts a write only as application/json: what a page cannot send to another
  // origin without a preflight (writes.py). The extension's own Origin (chrome-extension://…,
  // moz-extension://…) is in the gate's default ALLOWED_ORIGINS.
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let res: globalThis.Response;
  try {
    res = await fetch(new URL(path, origin).href, {
      ...init,
      headers,
      cache: 'no-store',
      credentials: 'omit',
      redirect: 'error',
      signal: controller.signal,
    });
  } catch (error) {
    if (controller.signal.aborted) {
      return {
        ok: false,
        code: 'timeout',
        message: `The companion did not answer within ${timeoutMs / 1000} s.`,
      };
    }
    return { ok: false, code: 'network', message: `Could not reach ${origin}: ${String(error)}` };
  } finally {
    clearTimeout(timer);
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // HTML error pages, empty 404s: not the companion.
  }
  return { ok: true, value: lookupOf(body, res.status, parse) };
}

/** GET: the companion's view of the session named by `sessionValue`. */
export function fetchCompanion(
  payload: Payload<'fetchCompanion'>,
  timeoutMs = COMPANION_TIMEOUT_MS,
): Promise<Response<CompanionLookup<CompanionResponse>>> {
  return askCompanion(payload, { method: 'GET' }, parseCompanionResponse, timeoutMs);
}

/** POST one CompanionWrite; the answer is the session after it, and the cookie to set. */
export function writeCompanion(
  { write, ...target }: Payload<'writeCompanion'>,
  timeoutMs = COMPANION_TIMEOUT_MS,
): Promise<Response<CompanionLookup<CompanionWriteResponse>>> {
  const init = { method: 'POST', body: JSON.stringify(write) } as const;
  return askCompanion(target, init, parseCompanionWriteResponse, timeoutMs);
}

/**
 * GET a timeline record (the site's 404 for an unknown or expired id reads absent, like the
 * gate's); no session header: a record names its own sessions. The payload check has already
 * kept the path under the companion's mount.
 */
export function fetchTimelineRecord(
  { origin, path, token }: Payload<'fetchTimelineRecord'>,
  timeoutMs = COMPANION_TIMEOUT_MS,
): Promise<Response<CompanionLookup<CompanionTimelineRecord>>> {
  return askCompanion(
    { origin, path, sessionValue: '', token },
    { method: 'GET' },
    parseCompanionTimelineRecord,
    timeoutMs,
  );
}
