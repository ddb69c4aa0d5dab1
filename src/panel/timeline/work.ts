// The timeline's work on each event, loaded when the first one arrives (useTimeline.ts): reading a
// request (describe-request.ts) and diffing sessions (core session-diff.ts) were about a tenth of
// the panel's startup JS, and nothing needs them before something has happened.
import {
  type CompanionSession,
  type CompanionSite,
  type CompanionSiteOnly,
  diffCompanionWrite,
  isSignedCookiesEngine,
} from '../../core/index';
import { expirySettings } from './describe-request';
import type { TimelineEntry } from './entries';

export { deletesCookie, describeRequest } from './describe-request';

/** An edit the panel wrote through the companion, as an entry's body: what changed between the answers. */
export function describeWrite(
  before: CompanionSession | null,
  after: CompanionSiteOnly | CompanionSession,
  site: CompanionSite | null,
): Pick<TimelineEntry, 'source' | 'changes' | 'omitted' | 'after' | 'note'> {
  const step = diffCompanionWrite(
    before,
    after,
    expirySettings(site),
    site !== null && isSignedCookiesEngine(site.engine),
  );
  return { source: 'companion', changes: step.changes, omitted: step.omitted, after: step.after, note: null };
}
