import { describe, expect, it } from 'vitest';
import writeFlush from '../../../test/contract/write-flush.json';
import writeSet from '../../../test/contract/write-set.json';
import { cookieFromWrite } from './write-cookie';

describe('cookieFromWrite', () => {
  it("sets the contract's cookie host-only, with its expiry and SameSite in the cookies API's words", () => {
    const cookie = { ...writeSet.cookie, value: 'k' };
    expect(cookieFromWrite(cookie, '127.0.0.1')).toEqual({
      name: 'sessionid',
      value: 'k',
      domain: '127.0.0.1',
      hostOnly: true,
      path: '/',
      secure: false,
      httpOnly: true,
      sameSite: 'lax',
      session: false,
      expirationDate: 1_768_435_200, // 2026-01-15T00:00:00Z
      partitionKey: null,
      storeId: '',
    });
  });

  it('a SESSION_COOKIE_DOMAIN makes a domain cookie; no expiry a browser-session one', () => {
    const cookie = {
      ...writeSet.cookie,
      value: 'k',
      domain: '.example.com',
      expires: null,
      sameSite: 'None',
      secure: true,
    };
    expect(cookieFromWrite(cookie, 'shop.example.com')).toMatchObject({
      domain: '.example.com',
      hostOnly: false,
      session: true,
      sameSite: 'no_restriction',
      secure: true,
    });
    expect(cookieFromWrite(cookie, 'shop.example.com')).not.toHaveProperty('expirationDate');
  });

  it('SESSION_COOKIE_SAMESITE unset is unspecified', () => {
    const cookie = { ...writeFlush.cookie, value: 'k', sameSite: null };
    expect(cookieFromWrite(cookie, 'localhost').sameSite).toBe('unspecified');
  });
});
