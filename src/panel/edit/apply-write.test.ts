// applyWrite against the real background router and the fake browser: the companion's answer
// (fetch stubbed at the network boundary, shaped as the contract's real write answers) and the
// cookie the browser holds afterwards.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  errorAnswer,
  sessionAnswer,
  siteAnswer,
  writeCookie,
} from '../../../test/fixtures/companion-answers';
import { fake, withBackground } from '../../../test/unit/harness';
import { applyWrite } from './apply-write';

withBackground();
afterEach(() => vi.unstubAllGlobals());

const target = {
  origin: 'http://localhost:8000',
  path: '/__sessionlens__/session/',
  sessionValue: 'old',
  token: '',
};
const COOKIE = writeCookie('newkey');

const held = () => fake.state.cookies.filter((c) => c.name === 'sessionid');

describe('applyWrite through the companion', () => {
  it('after cycle_key the browser holds the new key with the attributes Django gave it', async () => {
    fake.setCookie({ name: 'sessionid', value: 'old', domain: 'localhost', httpOnly: true });
    vi.stubGlobal('fetch', async () => Response.json({ ...sessionAnswer(), cookie: COOKIE }));
    const outcome = await applyWrite({ via: 'companion', target, write: { op: 'cycle_key' } });
    expect(outcome).toMatchObject({ ok: true, session: sessionAnswer(), cookie: { value: 'newkey' } });
    expect(held()).toMatchObject([
      { value: 'newkey', httpOnly: true, sameSite: 'lax', expirationDate: Date.UTC(2026, 0, 15) / 1000 },
    ]);
  });

  it('after flush (cookie value null) the browser no longer holds the cookie', async () => {
    fake.setCookie({ name: 'sessionid', value: 'old', domain: 'localhost', httpOnly: true });
    vi.stubGlobal('fetch', async () =>
      Response.json({ ...siteAnswer(), cookie: { ...COOKIE, value: null } }),
    );
    const outcome = await applyWrite({ via: 'companion', target, write: { op: 'flush' } });
    expect(outcome).toMatchObject({ ok: true, session: { kind: 'site' }, cookie: null });
    expect(held()).toEqual([]);
  });

  it("a refusal is the companion's own message, and the cookie is left alone", async () => {
    fake.setCookie({ name: 'sessionid', value: 'old', domain: 'localhost' });
    const refusal = errorAnswer({
      code: 'bad-value',
      message: 'set_expiry: 99999999999999 seconds is out of range',
    });
    vi.stubGlobal('fetch', async () => Response.json(refusal, { status: 400 }));
    const outcome = await applyWrite({
      via: 'companion',
      target,
      write: { op: 'set_expiry', value: 99999999999999 },
    });
    expect(outcome).toEqual({
      ok: false,
      message: 'set_expiry: 99999999999999 seconds is out of range (bad-value)',
    });
    expect(held()).toMatchObject([{ value: 'old' }]);
  });

  it("the site's 404 says writes are off", async () => {
    vi.stubGlobal('fetch', async () => new Response('', { status: 404 }));
    const outcome = await applyWrite({ via: 'companion', target, write: { op: 'flush' } });
    expect(outcome).toMatchObject({ ok: false, message: expect.stringContaining('ALLOW_WRITES') });
  });

  it('a write with no cookie to set changes no cookie', async () => {
    fake.setCookie({ name: 'sessionid', value: 'old', domain: 'localhost' });
    vi.stubGlobal('fetch', async () => Response.json(sessionAnswer()));
    const outcome = await applyWrite({ via: 'companion', target, write: { op: 'delete', key: 'x' } });
    expect(outcome).toEqual({ ok: true, session: sessionAnswer() });
    expect(held()).toMatchObject([{ value: 'old' }]);
  });
});

describe('applyWrite in the browser', () => {
  it('sets and removes a cookie', async () => {
    const url = 'http://localhost:8000/';
    const cookie = {
      name: 'theme',
      value: 'dark',
      domain: 'localhost',
      hostOnly: true,
      path: '/',
      secure: false,
      httpOnly: false,
      sameSite: 'lax' as const,
      session: true,
      partitionKey: null,
      storeId: '',
    };
    expect(await applyWrite({ via: 'cookie', url, cookie })).toMatchObject({
      ok: true,
      cookie: { value: 'dark' },
    });
    expect(fake.state.cookies.map((c) => c.name)).toEqual(['theme']);
    expect(await applyWrite({ via: 'remove-cookie', url, name: 'theme', partitionKey: null })).toEqual({
      ok: true,
      cookie: null,
    });
    expect(fake.state.cookies).toEqual([]);
  });
});
