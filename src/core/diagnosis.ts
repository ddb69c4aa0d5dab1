// The "why" line: one sentence saying why the session is in the state it is in, from every piece
// of evidence the panel holds (the browser's cookies for the inspected URL, the decoded cookie,
// the companion's view of the store, the reconciled expiry), with that evidence listed under it.
// Pure and browser-free: the panel renders the result, the tests feed it states one by one.
import type { CompanionSession, CompanionSite } from './companion';
import { type CookieChoice, notSentText, parsePageUrl } from './cookies/duplicates';
import type { ExpiryReport, ExpirySource } from './expiry';
import { formatDuration, unixToUtc } from './time';
import type { DecodeReport } from './types';

export type DiagnosisState =
  | 'no-session'
  | 'not-sent'
  | 'shadowed'
  | 'unknown-key'
  | 'stale-auth-hash'
  | 'not-in-store'
  | 'expired'
  | 'fallback-key'
  | 'browser-close'
  | 'live'
  | 'unverified'
  | 'server-side'
  | 'rejected';

export type DiagnosisTone = 'ok' | 'warn' | 'error' | 'muted';

export interface EvidenceItem {
  /** Where the fact comes from, so a reader can check it: the browser, the cookie's signature, the
   * companion (the server), the expiry rules. */
  from: 'browser' | 'signature' | 'server' | 'expiry';
  text: string;
  tone: DiagnosisTone;
}

export interface Diagnosis {
  state: DiagnosisState;
  /** One sentence: the state and its cause. */
  headline: string;
  /** What to do about it, when the headline alone does not say (e.g. what creates a session). */
  detail?: string;
  tone: DiagnosisTone;
  evidence: EvidenceItem[];
}

export interface DiagnosisEvidence {
  pageUrl: string;
  /** SESSION_COOKIE_NAME as the panel uses it (the companion's, or the Keys override). */
  cookieName: string;
  /** Which `cookieName` cookie Django reads for `pageUrl` (cookies/duplicates.ts). */
  choice: CookieChoice;
  /** The read cookie decoded as a signed_cookies session with the user's keys; null otherwise. */
  report: DecodeReport | null;
  /** The engine is signed_cookies (the companion says so, or the cookie decodes as one). */
  signed: boolean;
  /** What the companion knows about the site (either answer kind); null: no companion answer. */
  site: CompanionSite | null;
  /** The companion's answer about the read cookie's session; null: none. */
  session: CompanionSession | null;
  /** The companion answered with an error about the value sent (CompanionError code, message). */
  companionError?: { code: string; message: string } | null;
  expiry: ExpiryReport | null;
  now: number;
}

/** Companion error codes that mean "this value is not a session Django would load". */
const REFUSED_VALUE = new Set(['invalid-session-key', 'too-long']);

/** What creates a session (SessionMiddleware.process_response saves a modified, non-empty one). */
const WHAT_CREATES_ONE =
  'Django sets the cookie on the first response whose view writes to request.session ' +
  '(request.session["key"] = value, login(), a messages write with SessionStorage); ' +
  'flush() and logout() delete it, and an empty session is never saved.';

/** The companion's `corrupt` is any signing.loads failure: a foreign key or a serializer mismatch. */
const REFUSED_BY_LOADS =
  'signed by a key that is neither SECRET_KEY nor in SECRET_KEY_FALLBACKS, or written by another SESSION_SERIALIZER.';

export function diagnose(e: DiagnosisEvidence): Diagnosis {
  const evidence = collectEvidence(e);
  const { read, ignored, notSent } = e.choice;
  const name = e.cookieName;

  if (read === null) {
    const first = notSent[0];
    if (first) {
      return {
        state: 'not-sent',
        headline: `The ${name} cookie will not be sent to this page: ${notSentText(first.cookie, first.reasons, e.pageUrl)}.`,
        tone: 'error',
        evidence,
      };
    }
    return {
      state: 'no-session',
      headline: `No session yet: the browser holds no ${name} cookie for this site.`,
      detail: WHAT_CREATES_ONE,
      tone: 'muted',
      evidence,
    };
  }

  // The value itself is refused: SessionBase._validate_session_key (or signed_cookies' shape check)
  // fails, so Django treats the request as having no session at all.
  const refused = e.companionError;
  if (refused && REFUSED_VALUE.has(refused.code)) {
    return {
      state: 'rejected',
      headline: `Django ignores this ${name} value (${refused.code}): ${refused.message.replace(/\.$/, '')}.`,
      detail: 'It starts a new, empty session instead; the cookie may have been set by hand or truncated.',
      tone: 'error',
      evidence,
    };
  }

  const firstIgnored = ignored[0];
  if (firstIgnored) {
    return {
      state: 'shadowed',
      headline: `Two ${name} cookies are sent: Django reads the one with Path=${read.path}; the one with Path=${firstIgnored.path} is ignored.`,
      tone: 'warn',
      evidence,
    };
  }

  const s = e.session;
  if (s?.corrupt) {
    return {
      state: 'unknown-key',
      headline: s.engine.endsWith('signed_cookies')
        ? `The server cannot verify this cookie: ${REFUSED_BY_LOADS}`
        : `The server cannot decode this session: ${REFUSED_BY_LOADS}`,
      detail: s.engine.endsWith('signed_cookies')
        ? 'SECRET_KEY was rotated without keeping the old key in SECRET_KEY_FALLBACKS? Then every signed cookie fails the same way, and Django starts an empty session.'
        : 'SECRET_KEY was rotated without keeping the old key in SECRET_KEY_FALLBACKS? Then every stored session fails the same way, and Django starts an empty session.',
      tone: 'error',
      evidence,
    };
  }

  if (s && s.user.id !== null && s.user.hashValid === false) {
    return {
      state: 'stale-auth-hash',
      headline: `User ${userLabel(s.user)} — logged out by a password change: the auth hash no longer matches.`,
      tone: 'error',
      evidence,
    };
  }

  if (s && !s.exists) {
    return {
      state: 'not-in-store',
      headline:
        'The store has no session under this key: it was flushed, expired and was cleaned up, or never saved. Django will start a new one.',
      tone: 'warn',
      evidence,
    };
  }

  const expiry = e.expiry;
  if (expiry && (expiry.expired || (expiry.endsAt !== null && e.now >= expiry.endsAt))) {
    const rule = decidingSource(expiry);
    const when = expiry.endsAt !== null ? ` ${formatDuration(e.now - expiry.endsAt)} ago` : '';
    // A store's end (the row, the TTL, the file's age) carries out the policy that set it, as in
    // the live headline: both are named. The cookie's Max-Age coming first is the browser's doing.
    const policy = rule?.source === 'server' ? policyOf(expiry) : undefined;
    const by = rule ? (policy ? `${policy.note} (${ruleName(rule, e)})` : ruleName(rule, e)) : 'the store';
    return {
      state: 'expired',
      headline: `Expired${when}, by ${by}: Django treats it as a new, empty session.`,
      tone: 'error',
      evidence,
    };
  }

  if (e.signed && e.report && s === null) {
    if (e.report.verified !== true) {
      return {
        state: 'unverified',
        headline:
          e.report.verified === false
            ? 'None of the keys in Keys verify this signed_cookies session: if the site has no such key either, Django ignores it.'
            : 'A signed_cookies session, not verified: add the SECRET_KEY in Keys (or install the companion) to know whether Django accepts it.',
        tone: 'warn',
        evidence,
      };
    }
  }

  const fallback = fallbackSigner(e);
  if (fallback !== null) {
    return {
      state: 'fallback-key',
      headline: `Signed by ${fallback}, not the current SECRET_KEY: still accepted, but rotate soon — the next save re-signs it.`,
      tone: 'warn',
      evidence,
    };
  }

  if (!e.signed && s === null) {
    return {
      state: 'server-side',
      headline: `A ${name} cookie is sent; its data lives on the server: the companion (django-sessionlens) can say what Django makes of it.`,
      tone: 'muted',
      evidence,
    };
  }

  if (expiry?.atBrowserClose) {
    const rule = expiry.sources.find((x) => x.atBrowserClose && x.source !== 'cookie');
    return {
      state: 'browser-close',
      headline: `Live; ends when the browser closes${rule ? ` (${rule.note})` : ''}.`,
      tone: 'ok',
      evidence,
    };
  }

  // The rule is the policy that set the end (set_expiry, else SESSION_COOKIE_AGE); the store's
  // and the cookie's dates only carry it out. Without the settings, the end that binds.
  const policy = expiry ? policyOf(expiry) : undefined;
  const rule = policy ? policy.note : expiry ? decidingRule(expiry, e) : null;
  return {
    state: 'live',
    headline:
      expiry?.endsAt != null
        ? `Live until ${unixToUtc(expiry.endsAt)}${rule ? `: ${rule}` : ''}.`
        : 'Live; its end is unknown.',
    tone: 'ok',
    evidence,
  };
}

/** Position n of options.keys: SECRET_KEY_FALLBACKS[n-1], Django's own name for it. */
export function fallbackName(matchedKey: number): string {
  return `SECRET_KEY_FALLBACKS[${matchedKey - 1}]`;
}

/**
 * The fallback that signed the session, or null (SECRET_KEY, or not known): the server's word when
 * the companion gives it (any engine, checked against the site's own keys), else the key in Keys
 * that verified a signed_cookies cookie (its place in the list the user typed).
 */
function fallbackSigner(e: DiagnosisEvidence): string | null {
  const server = e.session?.signedBy;
  if (server != null) return server === 'SECRET_KEY' ? null : server;
  const n = e.signed && e.report?.verified === true ? (e.report.matchedKey ?? 0) : 0;
  return n > 0 ? fallbackName(n) : null;
}

/** "demo (id 1)" */
function userLabel(user: CompanionSession['user']): string {
  return `${user.username ?? '?'} (id ${user.id ?? '?'})`;
}

function decidingRule(expiry: ExpiryReport, e: DiagnosisEvidence): string | null {
  const source = decidingSource(expiry);
  return source ? `set by ${ruleName(source, e)}` : null;
}

/** The policy behind an end: set_expiry where the session has one, else SESSION_COOKIE_AGE. */
function policyOf(expiry: ExpiryReport): ExpirySource | undefined {
  return (
    expiry.sources.find((x) => x.source === 'set_expiry' && x.note) ??
    expiry.sources.find((x) => x.source === 'SESSION_COOKIE_AGE')
  );
}

/** The source the expiry model says decides the end (expiry.ts `decidedBy`): not re-derived here. */
function decidingSource(expiry: ExpiryReport): ExpirySource | null {
  if (expiry.endsAt === null || expiry.decidedBy === null) return null;
  return expiry.sources.find((x) => x.source === expiry.decidedBy) ?? null;
}

function ruleName(source: ExpirySource, e: DiagnosisEvidence): string {
  switch (source.source) {
    case 'cookie':
      return "the cookie's Max-Age";
    case 'set_expiry':
      return source.note;
    case 'SESSION_COOKIE_AGE':
      return e.signed
        ? "signed_cookies' age check (the signature is older than SESSION_COOKIE_AGE)"
        : source.note;
    case 'server': {
      const where = e.session?.expiry.server.source;
      if (where === 'cache') return "the cache's TTL";
      if (where === 'db') return "the database's expire_date";
      if (where === 'file') return "the file's age (mtime + SESSION_COOKIE_AGE)";
      return 'the store';
    }
  }
}

function collectEvidence(e: DiagnosisEvidence): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  const { read, ignored, notSent, ambiguous } = e.choice;
  if (read) {
    out.push({
      from: 'browser',
      text: `The browser sends ${read.name} (Path=${read.path}, ${read.hostOnly ? 'host-only' : `Domain=${read.domain}`}) to ${parsePageUrl(e.pageUrl).pathname}.`,
      tone: 'muted',
    });
  } else {
    out.push({ from: 'browser', text: `No ${e.cookieName} cookie is sent to this page.`, tone: 'muted' });
  }
  // Whether this page was reached from another site the panel cannot tell; what Strict does then, it can.
  if (read?.sameSite === 'strict') {
    out.push({
      from: 'browser',
      text: `It is SameSite=Strict: not sent on a navigation from another site (a link in an email or a chat), so that first page sees no session.`,
      tone: 'muted',
    });
  }
  for (const c of ignored) {
    out.push({
      from: 'browser',
      text: `It also sends ${c.name} with Path=${c.path}, first: Django keeps the last cookie of a name and ignores that one.`,
      tone: 'warn',
    });
  }
  if (ambiguous) {
    out.push({
      from: 'browser',
      text: 'Two of them share the shortest path: the one created last wins, which the browser does not expose.',
      tone: 'warn',
    });
  }
  for (const n of notSent) {
    out.push({
      from: 'browser',
      text: `A ${n.cookie.name} cookie with Path=${n.cookie.path} exists but is not sent: ${notSentText(n.cookie, n.reasons, e.pageUrl)}.`,
      tone: 'warn',
    });
  }
  if (e.signed && e.report) out.push(signatureEvidence(e.report));
  if (e.companionError) {
    out.push({
      from: 'server',
      text: `The companion answered ${e.companionError.code}: ${e.companionError.message.replace(/\.$/, '')}.`,
      tone: 'warn',
    });
  }
  const site = e.session ?? e.site;
  if (site) {
    out.push({
      from: 'server',
      text: `Django ${site.django}, ${site.engine}, SESSION_COOKIE_NAME = '${site.cookieName}'.`,
      tone: 'muted',
    });
  }
  const s = e.session;
  if (s) {
    out.push({
      from: 'server',
      text: s.engine.endsWith('signed_cookies')
        ? s.corrupt
          ? "The server's keys do not verify the cookie."
          : 'The server verifies the cookie with its keys.'
        : s.corrupt
          ? 'The store has it, but Django cannot decode it.'
          : s.exists
            ? 'The store holds this session.'
            : 'The store has no session under this key.',
      tone: s.corrupt ? 'error' : s.exists ? 'ok' : 'warn',
    });
    if (s.signedBy != null) {
      out.push({
        from: 'server',
        text:
          s.signedBy === 'SECRET_KEY'
            ? 'The server checked its signature: SECRET_KEY signed it.'
            : `The server checked its signature: ${s.signedBy} signed it, not SECRET_KEY.`,
        tone: s.signedBy === 'SECRET_KEY' ? 'ok' : 'warn',
      });
    }
    if (s.user.id !== null) {
      out.push({
        from: 'server',
        text:
          s.user.hashValid === false
            ? `_auth_user_id points at user ${userLabel(s.user)}, but _auth_user_hash does not match the user's password: get_user() returns AnonymousUser and flushes the session.`
            : s.user.authenticated
              ? `Logged in as ${userLabel(s.user)}.`
              : `_auth_user_id is ${s.user.id}, but get_user() does not resolve it.`,
        tone: s.user.hashValid === false ? 'error' : s.user.authenticated ? 'ok' : 'warn',
      });
    }
  }
  if (e.expiry) {
    const rule = decidingSource(e.expiry);
    if (rule)
      out.push({
        from: 'expiry',
        text: `Ends at ${unixToUtc(rule.endsAt as number)}: ${rule.note}.`,
        tone: 'muted',
      });
    else if (e.expiry.atBrowserClose)
      out.push({ from: 'expiry', text: 'Ends when the browser closes.', tone: 'muted' });
  }
  return out;
}

function signatureEvidence(report: DecodeReport): EvidenceItem {
  if (report.verified === true) {
    const n = report.matchedKey ?? 0;
    return {
      from: 'signature',
      text:
        n === 0
          ? 'Your SECRET_KEY in Keys verifies the signature.'
          : `${fallbackName(n)} in Keys verifies the signature.`,
      tone: n === 0 ? 'ok' : 'warn',
    };
  }
  if (report.verified === false)
    return { from: 'signature', text: 'None of the keys in Keys verify the signature.', tone: 'warn' };
  return { from: 'signature', text: 'Not verified: no key in Keys.', tone: 'muted' };
}
