import { useEffect, useState } from 'preact/hooks';

/** Unix seconds (float), refreshed every second: drives countdowns. The core takes `now` as data. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now() / 1000);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now() / 1000), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}
