import { COMPANION_SESSION_HEADER, COMPANION_TOKEN_HEADER } from '../core/companion';
import { claimsCompanion, parseCompanionResponse } from '../core/companion-validate';
import type { CompanionLookup, Payload, Response } from '../messaging/protocol';

export const COMPANION_TIMEOUT_MS = 5000;

/**
 * What the body says: not the companion at all (absent), the companion in a shape the protocol
 * does not allow (invalid, with the first wrong field: the panel must not render it), or an answer.
 */
function lookupOf(body: unknown, httpStatus: number): CompanionLookup {
  if (!claimsCompanion(body)) return { status: 'absent', httpStatus };
  const parsed = parseCompanionResponse(body);
  return parsed.ok
    ? { status: 'found', response: parsed.value }
    : { status: 'invalid', problem: parsed.problem, httpStatus };
}

/**
 * GET the companion with the session value as a header: a request from the extension's origin
 * does not carry the site's cookies (credentials omitted on purpose, so the browser's own
 * session cookie never mixes in), and nothing may be cached.
 */
export async function fetchCompanion(
  { origin, path, sessionValue, token }: Payload<'fetchCompanion'>,
  timeoutMs = COMPANION_TIMEOUT_MS,
): Promise<Response<CompanionLookup>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (sessionValue) headers[COMPANION_SESSION_HEADER] = sessionValue;
  if (token) headers[COMPANION_TOKEN_HEADER] = token;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let res: globalThis.Response;
  try {
    res = await fetch(new URL(path, origin).href, {
      method: 'GET',
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
  return { ok: true, value: lookupOf(body, res.status) };
}
