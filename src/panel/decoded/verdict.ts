// The one-line answer on top of every decoded value: can it be trusted, and if not, why and
// what to do. Plain language for each core ErrorCode (src/core/types.ts).
import { type DecodeReport, type ErrorCode, fallbackName } from '../../core/index';

export type VerdictKind =
  | 'verified'
  | 'fallback'
  | 'bad-signature'
  | 'salt-unknown'
  | 'wrong-kind'
  | 'expired'
  | 'unverified'
  | 'unreadable'
  | 'not-signed';

export interface Verdict {
  kind: VerdictKind;
  tone: 'ok' | 'warn' | 'error';
  title: string;
  /** What the code means, in the reader's words. */
  detail: string | null;
  /** What to do next. */
  advice: string | null;
}

const UNREADABLE: Record<ErrorCode, { detail: string; advice: string }> = {
  malformed: {
    detail: 'This is not a shape Django writes: no ":" separator, an empty part, or a bad timestamp.',
    advice: 'Copy the whole value again (without surrounding quotes) and check the kind.',
  },
  'bad-base64': {
    detail: "The payload is not valid base64: Django's b64_decode would raise binascii.Error.",
    advice: 'The value looks truncated or URL-encoded; copy it again from the cookie or the database.',
  },
  'bad-json': {
    detail: 'The payload decodes but is not the JSON Django writes.',
    advice: 'It may be another kind of value, or a session serialized with a custom SESSION_SERIALIZER.',
  },
  'too-deep': {
    detail: 'The data nests deeper than Sessionlens is willing to follow.',
    advice: 'Nothing Django writes normally nests this deep; treat the value as suspicious.',
  },
  'too-large': {
    detail: 'The value is larger than Sessionlens reads, or it inflates past the decompression cap.',
    advice: 'A compressed value that inflates this much is a zip bomb; a real session is rarely this big.',
  },
  'decompress-failed': {
    detail: 'The value is marked compressed (leading ".") but is not a complete zlib stream.',
    advice: 'The value is probably truncated; copy it again.',
  },
  'bad-pickle': {
    detail: 'The payload is a pickle the disassembler cannot read.',
    advice: 'The value may be truncated, or pickled by a Python newer than Django supports.',
  },
  'unsafe-pickle': {
    detail: 'The pickle calls functions outside the safe list: unpickling it would run code.',
    advice: 'Do not load it in Python. Rotate SECRET_KEY if a signature verifies: someone holds it.',
  },
  'bad-signature': {
    detail: 'None of your keys produced this signature.',
    advice: "Add the site's SECRET_KEY (or its fallbacks) in Keys, and check the kind, salt and cookie name.",
  },
  'signature-expired': {
    detail: 'The signature is valid but older than the allowed max age.',
    advice: 'Django refuses it: the user starts a new session. Log in again or raise the max age.',
  },
  'unsafe-separator': {
    detail: 'The separator is one Django refuses (it could appear inside base64).',
    advice: 'Use ":" as Django does.',
  },
  'unsupported-algorithm': {
    detail: 'That hash algorithm is not one Django signs with.',
    advice: 'Choose sha256 (Django 3.1+) or sha1 (older), or leave the algorithm on auto.',
  },
  'too-slow': {
    detail: 'Sessionlens stopped decoding it so the panel stays responsive.',
    advice:
      'Nothing Django writes takes this long to read: a value built to exhaust a decoder (a pickle or zlib bomb) does. Treat it as hostile.',
  },
};

/** Formats the core reads but that carry no signature (formats/opaque.ts). */
const NOT_SIGNED: Record<string, { title: string; advice: string }> = {
  'session-key': {
    title: 'A server-side session key: nothing to verify',
    advice:
      'The data is in the session store (db, cache or file): the Session tab asks the companion for it.',
  },
  'csrf-token': {
    title: 'A CSRF cookie: not signed',
    advice: 'Django compares it with the token in forms and headers; there is no signature to check.',
  },
};

export function verdictOf(report: DecodeReport, now: number): Verdict {
  const { code } = report;
  const notSigned = code === null ? NOT_SIGNED[report.format] : undefined;
  if (notSigned) return { kind: 'not-signed', tone: 'ok', detail: report.message, ...notSigned };
  if (code === 'signature-expired') {
    const age = report.timestamp === null ? null : Math.round(now - report.timestamp);
    return {
      kind: 'expired',
      tone: 'error',
      title: 'Expired: signature older than the max age',
      detail:
        age === null ? UNREADABLE[code].detail : `Signed ${timeAgo(age)}; ${report.message ?? ''}`.trim(),
      advice: UNREADABLE[code].advice,
    };
  }
  // An unsafe pickle is still shown (inertly); its banner carries the alarm, the verdict the trust.
  // A read error comes first: a value that cannot be read was not verified either.
  if (code !== null && code !== 'unsafe-pickle' && code !== 'bad-signature') {
    const title = code === 'too-slow' ? 'Took too long to decode' : `Unreadable (${code})`;
    return { kind: 'unreadable', tone: 'error', title, ...UNREADABLE[code] };
  }
  const saltUnknown = report.warnings.find((w) => w.code === 'salt-unknown');
  if (code === 'bad-signature' && saltUnknown) {
    // set_signed_cookie with no salt entered: the key may well be right (issue 10).
    return {
      kind: 'salt-unknown',
      tone: 'warn',
      title: 'Not verified: a set_signed_cookie salt may be needed',
      detail: saltUnknown.message,
      advice:
        "Enter the view's salt= in the salt field (kept per cookie name in this site's settings). With the right salt, a failure means the key is wrong: check Keys.",
    };
  }
  const saltMismatch = report.warnings.find((w) => w.code === 'salt-mismatch');
  if (code === 'bad-signature' && saltMismatch) {
    return {
      kind: 'salt-unknown',
      tone: 'warn',
      title: 'Not verified: the key is right, the salt is not',
      detail: saltMismatch.message,
      advice: "Clear the salt field: Django's get_signed_cookie with this salt refuses the cookie.",
    };
  }
  const otherKind = report.warnings.find((w) => w.code === 'other-kind');
  if (code === 'bad-signature' && otherKind) {
    return {
      kind: 'wrong-kind',
      tone: 'warn',
      title: 'Not verified as this kind: a key verifies it as another',
      detail: otherKind.message,
      advice: 'Pick that kind (or auto, which tries every kind): the key is right.',
    };
  }
  if (code === 'bad-signature' || report.verified === false) {
    return {
      kind: 'bad-signature',
      tone: 'error',
      title: 'Bad signature',
      detail: UNREADABLE['bad-signature'].detail,
      advice: UNREADABLE['bad-signature'].advice,
    };
  }
  if (report.verified === true) {
    const n = report.matchedKey ?? 0;
    return n === 0
      ? { kind: 'verified', tone: 'ok', title: 'Verified by SECRET_KEY', detail: null, advice: null }
      : {
          kind: 'fallback',
          tone: 'warn',
          // Django's own name for the key, as the Keys tab labels its rows.
          title: `Verified by ${fallbackName(n)}`,
          detail: 'An old key the site still accepts, not the current SECRET_KEY: rotate soon.',
          advice:
            'Django re-signs it with SECRET_KEY the next time the value is saved; retire the fallback after that.',
        };
  }
  return {
    kind: 'unverified',
    tone: 'warn',
    title: 'Unverified: no key',
    detail: 'Decoded without checking the signature: anyone can write a value like this.',
    advice: "Add the site's SECRET_KEY in Keys to verify it.",
  };
}

/** "just now", "42 s ago", "3 min ago", "5 h ago", "12 days ago"; negative: "in the future". */
export function timeAgo(seconds: number): string {
  // The site and the browser read different clocks: under a minute either way is "now".
  if (Math.abs(seconds) < 1 || (seconds < 0 && seconds > -60)) return 'just now';
  if (seconds < 0) return `${timeSpan(-seconds)} in the future (clock skew?)`;
  return `${timeSpan(seconds)} ago`;
}

function timeSpan(seconds: number): string {
  const s = Math.floor(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86400) return `${Math.floor(s / 3600)} h`;
  const days = Math.floor(s / 86400);
  return `${days} day${days === 1 ? '' : 's'}`;
}

// Django knowledge lives in the core; the panel and the CLI name levels the same way.
export { messageLevelName } from '../../core/index';

/** UTC, second precision: the same text in every time zone and in tests. */
export function formatUnix(seconds: number): string {
  const d = new Date(seconds * 1000);
  return Number.isNaN(d.getTime())
    ? String(seconds)
    : `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
