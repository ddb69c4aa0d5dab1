// Time as Django writes it, without a clock: isoformat() text to unix seconds and back, and
// durations for people. A leaf: the expiry model, the session explanations and the cookie audit
// all read time through here.

const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** datetime.fromisoformat (the forms isoformat() writes) to unix seconds; naive is taken as UTC. */
export function isoToUnix(iso: string): { seconds: number; naive: boolean } | null {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?(Z|[+-]\d{2}:\d{2}(?::\d{2})?)?$/.exec(
      iso,
    );
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', tz] = m;
  const year = Number(y);
  const month = Number(mo);
  if (month < 1 || month > 12) return null;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const prior = year - 1;
  const days =
    prior * 365 +
    Math.floor(prior / 4) -
    Math.floor(prior / 100) +
    Math.floor(prior / 400) -
    719162 +
    (DAYS_BEFORE_MONTH[month - 1] ?? 0) +
    (leap && month > 2 ? 1 : 0) +
    Number(d) -
    1;
  let seconds = days * 86400 + Number(h) * 3600 + Number(mi) * 60 + Number(s) + Number(`0.${frac || '0'}`);
  if (tz && tz !== 'Z') {
    const [oh = '0', om = '0', os = '0'] = tz.slice(1).split(':');
    const offset = Number(oh) * 3600 + Number(om) * 60 + Number(os);
    seconds -= tz.startsWith('-') ? -offset : offset;
  }
  return { seconds, naive: tz === undefined };
}

/** Unix seconds as `YYYY-MM-DD HH:MM:SS UTC` (the core has no Date: civil-from-days arithmetic). */
export function unixToUtc(seconds: number): string {
  const whole = Math.floor(seconds);
  const days = Math.floor(whole / 86400);
  const secs = whole - days * 86400;
  // Howard Hinnant's civil_from_days, shifted so the era starts on 0000-03-01.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(Math.floor(secs / 3600))}:${two(Math.floor((secs % 3600) / 60))}:${two(secs % 60)}`;
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)} ${time} UTC`;
}

/** "4m 59s", "13d 23h": the two largest units, enough to judge at a glance. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const units: Array<[string, number]> = [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ];
  const i = units.findIndex(([, size]) => s >= size);
  if (i < 0) return '0s';
  const [bigName, bigSize] = units[i] as [string, number];
  const big = Math.floor(s / bigSize);
  const next = units[i + 1];
  if (!next) return `${big}${bigName}`;
  return `${big}${bigName} ${Math.floor((s % bigSize) / next[1])}${next[0]}`;
}

/** "3m", "2d": the largest unit only, for how long ago something happened. */
export function formatAgo(seconds: number): string {
  return formatDuration(seconds).split(' ')[0] ?? '0s';
}
