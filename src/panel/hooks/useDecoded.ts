import { useEffect, useState } from 'preact/hooks';
import { decode } from '../../core/index';
import type { DecodeReport } from '../../core/types';

/**
 * The core's report for one cookie value, verified with the site's keys. Recomputed when the
 * value, the name or the keys change — not every tick: `now` only matters for max_age checks,
 * and countdowns read the report's timestamp against the live clock instead.
 */
export function useDecoded(
  value: string | null,
  cookieName: string | null,
  keys: readonly string[],
  now: number,
  /** set_signed_cookie's salt (signed cookies only; empty means none). */
  salt = '',
): DecodeReport | null {
  const [report, setReport] = useState<DecodeReport | null>(null);
  const keysKey = keys.join('\u0000');
  useEffect(() => {
    let live = true;
    if (value === null || value === '') {
      setReport(null);
      return undefined;
    }
    void decode(value, {
      kind: 'auto',
      keys: keys.filter((k) => k !== ''),
      cookieName: cookieName ?? undefined,
      ...(salt !== '' ? { salt } : {}),
      now,
    }).then((r) => {
      if (live) setReport(r);
    });
    return () => {
      live = false;
    };
  }, [value, cookieName, keysKey, salt]);
  return report;
}
