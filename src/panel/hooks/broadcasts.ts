import { useEffect, useRef } from 'preact/hooks';
import { type Broadcast, isBroadcast } from '../../messaging/protocol';
import { onMessage, removeMessageListener } from '../../platform/index';

/**
 * Calls `listener` for every background broadcast. Requests from other panels reach this page
 * too (runtime.sendMessage goes to every extension page): returning undefined leaves them to
 * the background.
 */
export function useBroadcast(listener: (message: Broadcast) => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => {
    const handler = (message: unknown): undefined => {
      if (isBroadcast(message)) latest.current(message);
      return undefined;
    };
    onMessage(handler);
    return () => removeMessageListener(handler);
  }, []);
}
