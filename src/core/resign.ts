// Editing a decoded signed value and signing it again exactly as Django wrote it (jwt.io for
// Django): the same kind, salt, serializer, algorithm and compression, a timestamp of now, the
// key the user gives. resignPlan() reads how the value was written from its DecodeReport;
// resign() writes the edited text with sign.ts's writers, the inverse of formats/.
import { DEFAULT_LIMITS } from './limits';
import { dumpsPyJson, parsePyJson } from './pyjson';
import { toExactJson } from './pyvalue';
import {
  type MessageToSign,
  messagesToSign,
  signDumps,
  signMessages,
  signSessionCookie,
  signSignedCookie,
} from './sign';
import type { Compress } from './signing';
import type { Algorithm, DecodeReport, PyValue, Result, Secret } from './types';

/** How Django wrote the value, enough to write an edited one the same way. */
export type ResignPlan =
  /** signing.dumps(obj, salt=salt, compress=compress). */
  | { kind: 'signing'; salt: string; compress: boolean; algorithm: Algorithm }
  /** The signed_cookies SessionStore: dumps(session, compress=True, salt=…signed_cookies). */
  | { kind: 'session-cookie'; algorithm: Algorithm }
  /** CookieStorage._encode: sign_object(messages, compress=True) under the cookie signer. */
  | { kind: 'messages'; algorithm: Algorithm }
  /** set_signed_cookie(name, text, salt), the v2 salt or the legacy name+salt. */
  | { kind: 'signed-cookie'; name: string; salt: string; legacySalt: boolean; algorithm: Algorithm };

export interface ResignContext {
  /** The cookie's name: set_signed_cookie signs under it. */
  cookieName?: string;
  /** The salt given to set_signed_cookie (what the Decode tab or the cookie detail holds). */
  salt?: string;
}

const refuse = (message: string): Result<never> => ({ ok: false, code: 'malformed', message });

/** How to re-sign this value, or why it cannot be (not decoded, or a format Django no longer writes). */
export function resignPlan(report: DecodeReport, context: ResignContext = {}): Result<ResignPlan> {
  const algorithm = report.algorithm ?? 'sha256';
  if (report.serializer === 'pickle') {
    return refuse('a pickled payload is not re-signed: the panel writes JSON only (JSONSerializer)');
  }
  switch (report.kind) {
    case 'signing':
      // dumps is TimestampSigner.sign_object: a Signer.sign_object value has no timestamp.
      if (report.format !== 'signed-object' || report.timestamp === null) {
        return refuse(
          'only signing.dumps objects are re-signed here (not Signer values or TimestampSigner strings)',
        );
      }
      if (report.data === null || report.salt === null) return refuse('the value could not be read');
      return {
        ok: true,
        value: { kind: 'signing', salt: report.salt, compress: report.compressed, algorithm },
      };
    case 'session-cookie':
      if (report.data === null) return refuse('the session could not be read, so there is nothing to edit');
      return { ok: true, value: { kind: 'session-cookie', algorithm } };
    case 'messages':
      if (report.format !== 'signed-object' || report.messages === null) {
        return refuse('only the messages format of Django 3.2+ (a signed object) is re-signed');
      }
      // The editor's {"level", "message", "extra_tags"} cannot carry these: refused, not dropped.
      if (report.messages.some((m) => m.safe)) {
        return refuse('a message is mark_safe()d, which re-signing here would drop');
      }
      if (report.messagesNotFinished) {
        return refuse('the cookie holds the "not finished" marker, which re-signing here would drop');
      }
      return { ok: true, value: { kind: 'messages', algorithm } };
    case 'signed-cookie':
      if (report.text === null) return refuse('the cookie could not be read, so there is nothing to edit');
      if (!context.cookieName) return refuse('set_signed_cookie signs under the cookie name: give it');
      return {
        ok: true,
        value: {
          kind: 'signed-cookie',
          name: context.cookieName,
          salt: context.salt ?? '',
          // Unverified, the scheme is unknown: the current one (5.2.15+/6.0.6+), as Django now writes.
          legacySalt: report.format === 'signed-cookie-legacy',
          algorithm,
        },
      };
    case 'session-data':
      return refuse(
        'session_data lives in the session store, not in a cookie: edit it through the companion (Session tab)',
      );
    case 'session-key':
    case 'csrf-token':
      return refuse(`a ${report.kind} is not signed: there is nothing to re-sign`);
  }
}

/** The decoded value as the text to edit: JSON for objects (messages as the CLI takes them), else the string. */
export function resignText(report: DecodeReport, plan: ResignPlan): string {
  if (plan.kind === 'signed-cookie') return report.text ?? '';
  if (plan.kind === 'messages') {
    const list: PyValue = {
      t: 'list',
      items: (report.messages ?? []).map((m) => ({
        t: 'dict',
        entries: [
          [
            { t: 'str', v: 'level' },
            { t: 'int', v: String(m.level) },
          ],
          [
            { t: 'str', v: 'message' },
            { t: 'str', v: m.message },
          ],
          [
            { t: 'str', v: 'extra_tags' },
            m.extraTags === null ? { t: 'none' } : { t: 'str', v: m.extraTags },
          ],
        ],
      })),
    };
    return toExactJson(list, 2);
  }
  if (report.data === null) return '';
  // Indented for editing, unless the data holds what only Python's json writes bare (NaN,
  // Infinity): toExactJson tags those, so the compact json.dumps text is the exact one.
  const indented = toExactJson(report.data, 2);
  if (!indented.includes('"$py"')) return indented;
  const compact = dumpsPyJson(report.data);
  return compact.ok ? compact.value : indented;
}

export interface ResignOptions {
  /** The key to sign with: SECRET_KEY as the user typed it. */
  key: Secret;
  /** time.time(), unix seconds. */
  now: number;
  compress: Compress;
}

/** The edited text written as Django would write it under `plan`. */
export async function resign(
  plan: ResignPlan,
  text: string,
  options: ResignOptions,
): Promise<Result<string>> {
  const { key, now, compress } = options;
  const base = { key, now, algorithm: plan.algorithm };
  if (plan.kind === 'signed-cookie') {
    return signSignedCookie(text, { ...base, name: plan.name, salt: plan.salt, legacySalt: plan.legacySalt });
  }
  // json.loads, as Django's JSONSerializer reads it back: big ints, floats and key order exact.
  const parsed = parsePyJson(text, DEFAULT_LIMITS.maxDepth, DEFAULT_LIMITS.maxNodes);
  if (!parsed.ok) return { ok: false, code: parsed.code, message: `not JSON: ${parsed.message}` };
  switch (plan.kind) {
    case 'signing':
      return signDumps(parsed.value, { ...base, salt: plan.salt, ...(plan.compress ? { compress } : {}) });
    case 'session-cookie':
      return signSessionCookie(parsed.value, { ...base, compress });
    case 'messages': {
      const messages: Result<MessageToSign[]> = messagesToSign(parsed.value);
      return messages.ok ? signMessages(messages.value, { ...base, compress }) : messages;
    }
  }
}
