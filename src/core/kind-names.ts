// The Kind registry's names: for every kind its label, its CLI name and whether a key can verify
// it, in `auto` order. A leaf, so the panel's first load (the Decode tab's list, the report's
// label) does not carry the readers; kinds.ts adds each kind's reader and detector to these.
import type { Kind } from './types';

export interface KindName {
  kind: Kind;
  /** How the panel names it (Decode tab list, report header). */
  label: string;
  /** The CLI's --kind value. */
  cli: string;
  /** Whether a key can verify it: the kinds auto retries when a key did not verify the first guess. */
  signed: boolean;
}

/** Typed as a record over Kind: a kind added to types.ts without an entry here does not compile. */
const NAMES: { readonly [K in Kind]: Omit<KindName, 'kind'> } = {
  'session-key': {
    label: 'session key (db, cache, cached_db, file engines: the data is on the server)',
    cli: 'session-key',
    signed: false,
  },
  'csrf-token': { label: 'CSRF cookie (not signed)', cli: 'csrf-token', signed: false },
  messages: { label: 'messages cookie', cli: 'messages', signed: true },
  'session-data': { label: 'session_data (db/cache/file)', cli: 'session-data', signed: true },
  'session-cookie': { label: 'session cookie (signed_cookies)', cli: 'session-cookie', signed: true },
  'signed-cookie': { label: 'set_signed_cookie', cli: 'signed-cookie', signed: true },
  signing: { label: 'signing.dumps / Signer', cli: 'signing', signed: true },
};

/** Every kind, in `auto` order (on equal detector scores the earlier kind is the guess). */
export const KIND_NAMES: readonly KindName[] = (Object.keys(NAMES) as Kind[]).map((kind) => ({
  kind,
  ...NAMES[kind],
}));

export function kindName(kind: Kind): KindName {
  return { kind, ...NAMES[kind] };
}
