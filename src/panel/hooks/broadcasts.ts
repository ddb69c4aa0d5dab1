import { useEffect, useRef } from 'preact/hooks';
import { type Broadcast, isBroadcast } from '../../messaging/protocol';
import { onMessage } from '../../platform/index';

/**
 * Calls `listener` for every background broadcast. Requests from other panels reach this page
 * too (runtime.sendMessage goes to every extension page): returning undefined leaves them to
 * the background.
 */
export function useBroadcast(listener: (message: Broadcast) => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(
    () =>
      onMessage((message) => {
        if (isBroadcast(message)) latest.current(message);
        return undefined;
      }),
    [],
  );
}
