// The panel's one clock: unix seconds (float) that tick every second, so countdowns run. The core
// takes `now` as data; this is where the panel reads time.
import { useEffect, useState } from 'preact/hooks';

/**
 * Without an anchor: the browser's clock, read at mount and advanced each tick (the shell).
 * With one: that `now`, advanced between the caller's own updates — a tab given `now` by the
 * shell keeps its countdown running, and a new `now` re-anchors it.
 */
export function useNow(anchor?: number, intervalMs = 1000): number {
  const [mounted] = useState(() => Date.now() / 1000);
  const base = anchor ?? mounted;
  const [tick, setTick] = useState({ base, elapsed: 0 });
  useEffect(() => {
    const started = Date.now();
    const id = setInterval(() => setTick({ base, elapsed: (Date.now() - started) / 1000 }), intervalMs);
    return () => clearInterval(id);
  }, [base, intervalMs]);
  // Until the first tick after a new anchor, the old elapsed time belongs to the old anchor.
  return tick.base === base ? base + tick.elapsed : base;
}
