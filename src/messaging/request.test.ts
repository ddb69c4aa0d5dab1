import { beforeEach, describe, expect, it } from 'vitest';
import { fake } from '../../test/fakes/browser.ts';
import { startBackground } from '../background/start';
import { onMessage } from '../platform/index';
import { isBroadcast, PROTOCOL_VERSION } from './protocol';
import { request } from './request';

beforeEach(() => fake.reset());

describe('request(): the panel side of the request map', () => {
  it('round-trips a typed request through runtime messaging to the router', async () => {
    startBackground();
    fake.state.tabs.set(3, { id: 3, url: 'http://127.0.0.1:8000/' });
    const res = await request('inspectedTab', { tabId: 3 });
    expect(res).toEqual({ ok: true, value: { url: 'http://127.0.0.1:8000/' } });
  });

  it('carries CookieInfo values across as plain data', async () => {
    startBackground();
    fake.setCookie({ name: 'sessionid', value: 'abc', domain: 'localhost', expirationDate: 2_000_000_000 });
    const res = await request('getCookies', { url: 'http://localhost/' });
    expect(res).toEqual({
      ok: true,
      value: [
        {
          name: 'sessionid',
          value: 'abc',
          domain: 'localhost',
          hostOnly: true,
          path: '/',
          secure: false,
          httpOnly: false,
          sameSite: 'lax',
          session: false,
          expirationDate: 2_000_000_000,
          partitionKey: null,
          partitioned: false,
          storeId: '0',
        },
      ],
    });
  });

  it('answers no-receiver as data when no background listens', async () => {
    const res = await request('permissionState', { origin: 'http://localhost' });
    expect(res).toMatchObject({ ok: false, code: 'no-receiver' });
  });

  it('is ignored by listeners that only handle broadcasts', async () => {
    onMessage(() => undefined); // a panel's broadcast listener
    startBackground();
    expect(await request('permissionState', { origin: 'http://localhost' })).toMatchObject({ ok: true });
  });

  it('tells broadcasts from requests by shape', () => {
    expect(isBroadcast({ sessionlens: PROTOCOL_VERSION, broadcast: 'permissionsChanged' })).toBe(true);
    expect(isBroadcast({ sessionlens: PROTOCOL_VERSION, type: 'getCookies', payload: {} })).toBe(false);
    expect(isBroadcast({ sessionlens: PROTOCOL_VERSION + 1, broadcast: 'permissionsChanged' })).toBe(false);
  });
});
