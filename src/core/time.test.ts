import { describe, expect, it } from 'vitest';
import { isoToUnix, unixToUtc } from './time';

describe('isoToUnix (datetime.fromisoformat)', () => {
  it('reads aware and naive isoformat() text', () => {
    expect(isoToUnix('2030-01-01T12:00:00+00:00')).toEqual({ seconds: 1893499200, naive: false });
    expect(isoToUnix('2030-01-01T13:30:00+01:30')?.seconds).toBe(1893499200);
    expect(isoToUnix('2031-06-15T08:30:05.123456')).toEqual({ seconds: 1939278605.123456, naive: true });
    expect(isoToUnix('1970-01-01')).toEqual({ seconds: 0, naive: true });
    expect(isoToUnix('2024-02-29T00:00:00')?.seconds).toBe(1709164800);
    expect(isoToUnix('not a date')).toBeNull();
  });
});

describe('unixToUtc (the inverse of isoToUnix, without Date)', () => {
  it('agrees with isoToUnix across eras, leap days and negative times', () => {
    for (const iso of [
      '1970-01-01T00:00:00',
      '2000-02-29T23:59:59',
      '1969-12-31T23:59:59',
      '2038-01-19T03:14:08',
      '0001-01-01T00:00:00',
      '9999-12-31T23:59:59',
    ]) {
      const parsed = isoToUnix(iso);
      expect(parsed).not.toBeNull();
      expect(unixToUtc(parsed?.seconds ?? Number.NaN)).toBe(`${iso.replace('T', ' ')} UTC`);
    }
  });

  it('drops fractions of a second', () => {
    expect(unixToUtc(1700000000.75)).toBe('2023-11-14 22:13:20 UTC');
  });
});
