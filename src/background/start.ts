import { type Broadcast, isBroadcast, PROTOCOL_VERSION } from '../messaging/protocol';
import {
  observeRequests,
  onCookiesChanged,
  onMessage,
  onPermissionsChanged,
  onTabUpdated,
  sendMessage,
} from '../platform/index';
import { createRequestObserver } from './request-observer';
import { route } from './router';

function broadcast(message: Broadcast): void {
  // No panel open means no receiver: that rejection is the normal case, not an error.
  sendMessage(message).catch(() => undefined);
}

/** Wires the router and the broadcasts to the browser's events. Called once by the background entry. */
export function startBackground(): void {
  // Broadcasts come back to this listener too in some browsers (runtime.sendMessage reaches
  // every extension page); answering them would race the panels, so they are left unanswered.
  onMessage((message) => (isBroadcast(message) ? undefined : route(message)));
  onCookiesChanged(({ cookie, removed, cause }) =>
    broadcast({
      sessionlens: PROTOCOL_VERSION,
      broadcast: 'cookiesChanged',
      domain: cookie.domain,
      name: cookie.name,
      removed,
      cause,
    }),
  );
  observeRequests(
    createRequestObserver(
      (request) => broadcast({ sessionlens: PROTOCOL_VERSION, broadcast: 'requestCompleted', ...request }),
      () => Date.now() / 1000,
    ),
  );
  onTabUpdated((tabId, url) =>
    broadcast({ sessionlens: PROTOCOL_VERSION, broadcast: 'tabUpdated', tabId, url }),
  );
  onPermissionsChanged(() => broadcast({ sessionlens: PROTOCOL_VERSION, broadcast: 'permissionsChanged' }));
}
