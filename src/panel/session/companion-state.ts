// What the panel knows about the companion for the inspected site, as D1's shell tracks it and
// the Session tab shows it. `absent`: nothing speaking the protocol answered (not installed,
// DEBUG off, or refused by the access gate: all a bare 404 by design).
import type { CompanionSession, CompanionSiteOnly } from '../../core/index';

export type CompanionState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'absent'; httpStatus: number | null }
  | { status: 'ok'; response: CompanionSession }
  /** The companion answered for the site only: the request named no session. */
  | { status: 'site'; response: CompanionSiteOnly }
  | { status: 'error'; code: string; message: string }
  /**
   * Something claiming to be the companion answered outside the protocol (another release, a
   * broken proxy, a hostile endpoint): nothing of it is shown, only `problem`, the first wrong field.
   */
  | { status: 'invalid'; problem: string; httpStatus: number };
