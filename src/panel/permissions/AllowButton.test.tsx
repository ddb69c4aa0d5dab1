import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import browser from '../../../test/fakes/browser';
import { fake, withBackground } from '../../../test/unit/harness';
import { AllowButton } from './AllowButton';

const ORIGIN = 'https://shop.example';

describe('AllowButton', () => {
  withBackground();
  const request = browser.permissions.request;
  afterEach(() => {
    browser.permissions.request = request;
  });

  it('requests the origin pattern and reports success', async () => {
    let granted = false;
    render(<AllowButton origin={ORIGIN} onGranted={() => (granted = true)} />);
    fireEvent.click(screen.getByTestId('allow-origin'));
    await waitFor(() => expect(granted).toBe(true));
    expect(fake.state.granted.has('https://shop.example/*')).toBe(true);
  });

  it('says so when the user refuses', async () => {
    fake.state.userGrants = false;
    render(<AllowButton origin={ORIGIN} />);
    fireEvent.click(screen.getByTestId('allow-origin'));
    expect(await screen.findByTestId('allow-refused')).toBeTruthy();
  });

  it('opens the grant page in a tab where the panel has no permissions API (Firefox DevTools)', async () => {
    // @ts-expect-error: removing the API is the point of this test
    browser.permissions.request = undefined;
    render(<AllowButton origin={ORIGIN} />);
    fireEvent.click(screen.getByTestId('allow-origin'));
    await waitFor(() =>
      expect(fake.state.created).toEqual([
        'chrome-extension://fake-extension-id/src/panel/index.html?grant=https%3A%2F%2Fshop.example',
      ]),
    );
  });
});
