import { useEffect, useState } from 'preact/hooks';
import type { DecodeOptions, DecodeReport } from '../../core/index';
import { decodeOffThread } from '../decode/off-thread';

/**
 * The core's report for one cookie value, verified with the site's keys. Recomputed when the
 * value, the name or the keys change — not every tick: `now` only matters for max_age checks,
 * and countdowns read the report's timestamp against the live clock instead. Decoded in a worker
 * under a watchdog: the value is whatever the site set, hostile included.
 */
export function useDecoded(
  value: string | null,
  cookieName: string | null,
  keys: readonly string[],
  now: number,
  /** set_signed_cookie's salt (signed cookies only; empty means none). */
  salt = '',
  /** What the companion says of the site (SESSION_ENGINE, cookie names): a signal for `auto`. */
  site?: DecodeOptions['site'],
): DecodeReport | null {
  const [report, setReport] = useState<DecodeReport | null>(null);
  const keysKey = keys.join('\u0000');
  // By content: the companion answers anew on every refetch, with the same engine and names.
  const siteKey = site === undefined ? '' : JSON.stringify(site);
  useEffect(() => {
    const stale = new AbortController();
    if (value === null || value === '') {
      setReport(null);
      return undefined;
    }
    void decodeOffThread(
      value,
      {
        kind: 'auto',
        keys: keys.filter((k) => k !== ''),
        cookieName: cookieName ?? undefined,
        ...(salt !== '' ? { salt } : {}),
        ...(site !== undefined ? { site } : {}),
        now,
      },
      { signal: stale.signal },
    ).then((r) => {
      if (!stale.signal.aborted) setReport(r);
    });
    // A newer value (or unmount): stop this decode's worker now.
    return () => stale.abort();
  }, [value, cookieName, keysKey, salt, siteKey]);
  return report;
}
