// A clock that starts at the `now` the shell gives and ticks every second, so a countdown runs
// between the shell's own updates. A new `now` from the shell re-anchors it.
import { useEffect, useState } from 'preact/hooks';

export function useNow(now: number, intervalMs = 1000): number {
  const [tick, setTick] = useState({ anchor: now, elapsed: 0 });
  useEffect(() => {
    const started = Date.now();
    const id = setInterval(
      () => setTick({ anchor: now, elapsed: (Date.now() - started) / 1000 }),
      intervalMs,
    );
    return () => clearInterval(id);
  }, [now, intervalMs]);
  // Until the first tick after a new `now`, the old elapsed time belongs to the old anchor.
  return tick.anchor === now ? now + tick.elapsed : now;
}
