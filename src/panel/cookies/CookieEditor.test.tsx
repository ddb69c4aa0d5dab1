// Editing and adding cookies in the Cookies tab, against the real background router and the fake
// browser's cookie store: what the browser holds afterwards, and why a cookie is refused.
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { fake, withBackground } from '../../../test/unit/harness';
import type { CookieInfo } from '../../core/index';
import { CookiesTab } from './CookiesTab';
import { blankForm, cookieFromForm, formOf } from './cookie-form';

withBackground();

const NOW = 1_800_000_000;
const THEME: CookieInfo = {
  name: 'theme',
  value: 'dark',
  domain: 'localhost',
  hostOnly: true,
  path: '/',
  secure: false,
  httpOnly: true,
  sameSite: 'strict',
  session: false,
  expirationDate: NOW + 3600,
  partitionKey: null,
  partitioned: false,
  storeId: '0',
};

function renderTab(cookies: CookieInfo[]) {
  return render(
    <CookiesTab
      url="http://localhost:8000/"
      state={{ cookies, loading: false, error: null, refresh: async () => undefined }}
      sessionCookieName="sessionid"
      keys={[]}
      now={NOW}
      salts={{}}
      onSalt={() => undefined}
    />,
  );
}

const input = (testId: string, value: string) =>
  fireEvent.input(screen.getByTestId(testId), { target: { value } });
const held = (name: string) => fake.state.cookies.find((c) => c.name === name);

describe('CookieEditor', () => {
  it("edits a cookie's value and keeps its other attributes", async () => {
    fake.setCookie({ ...THEME, partitionKey: undefined });
    renderTab([THEME]);
    fireEvent.click(screen.getByTestId('cookie-row'));
    fireEvent.click(screen.getByTestId('cookie-edit'));
    expect((screen.getByTestId('cookie-editor-name') as HTMLInputElement).readOnly).toBe(true);
    input('cookie-editor-value', 'light');
    fireEvent.click(screen.getByTestId('cookie-editor-save'));
    await waitFor(() => expect(held('theme')?.value).toBe('light'));
    expect(held('theme')).toMatchObject({ httpOnly: true, sameSite: 'strict', hostOnly: true, path: '/' });
    expect(held('theme')?.expirationDate).toBe(NOW + 3600);
    await waitFor(() => expect(screen.queryByTestId('cookie-editor')).toBeNull());
  });

  it('adds a cookie with the attributes chosen', async () => {
    renderTab([THEME]);
    fireEvent.click(screen.getByTestId('cookie-add'));
    input('cookie-editor-name', 'cart');
    input('cookie-editor-value', '3');
    input('cookie-editor-path', '/shop/');
    fireEvent.click(screen.getByTestId('cookie-editor-httponly'));
    fireEvent.click(screen.getByTestId('cookie-editor-save'));
    await waitFor(() =>
      expect(held('cart')).toMatchObject({ value: '3', path: '/shop/', httpOnly: true, session: true }),
    );
  });

  it('refuses what a browser would refuse, with the reason, and sets nothing', () => {
    renderTab([THEME]);
    fireEvent.click(screen.getByTestId('cookie-add'));
    input('cookie-editor-name', 'x');
    input('cookie-editor-value', 'a;b');
    expect(screen.getByTestId('cookie-editor-problem').textContent).toContain('";"');
    expect((screen.getByTestId('cookie-editor-save') as HTMLButtonElement).disabled).toBe(true);
    input('cookie-editor-value', 'ok');
    fireEvent.change(screen.getByTestId('cookie-editor-samesite'), { target: { value: 'no_restriction' } });
    expect(screen.getByTestId('cookie-editor-problem').textContent).toBe(
      'SameSite=None needs Secure: current browsers reject it otherwise.',
    );
    expect(fake.state.cookies).toEqual([]);
  });

  it('keeps delete and its undo', async () => {
    fake.setCookie({ ...THEME, partitionKey: undefined });
    renderTab([THEME]);
    fireEvent.click(screen.getByTestId('cookie-row'));
    fireEvent.click(screen.getByTestId('cookie-delete'));
    fireEvent.click(screen.getByTestId('cookie-delete-confirm'));
    await waitFor(() => expect(held('theme')).toBeUndefined());
    fireEvent.click(await screen.findByTestId('cookie-undo'));
    await waitFor(() => expect(held('theme')?.value).toBe('dark'));
  });
});

describe('cookieFromForm', () => {
  it.each([
    [{ name: '' }, 'Name the cookie.'],
    [{ name: 'a b' }, 'A cookie name is letters'],
    [{ value: 'x\ny' }, 'control characters'],
    [{ path: 'shop' }, 'The path starts with "/".'],
    [{ domain: 'example.com' }, 'does not cover'],
    [{ name: '__Host-x', secure: true, path: '/a/' }, '__Host-'],
    [{ name: '__Secure-x' }, '__Secure-'],
    [{ session: false, expires: '' }, 'Give the expiry date'],
  ])('%o is refused: %s', (over, problem) => {
    const result = cookieFromForm({ ...blankForm(), name: 'n', ...over }, 'localhost');
    expect(result.ok ? '' : result.problem).toContain(problem);
  });

  it('a domain cookie covering the host; the form of a cookie reads back as it', () => {
    expect(
      cookieFromForm({ ...blankForm(), name: 'n', domain: '.example.com' }, 'shop.example.com'),
    ).toMatchObject({
      ok: true,
      cookie: { domain: '.example.com', hostOnly: false },
    });
    const again = cookieFromForm(formOf(THEME), 'localhost');
    expect(again).toMatchObject({
      ok: true,
      cookie: { name: 'theme', value: 'dark', sameSite: 'strict', hostOnly: true },
    });
  });
});
