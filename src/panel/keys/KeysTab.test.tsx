import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { describe, expect, it } from 'vitest';
import { fake, settle, withBackground } from '../../../test/unit/harness';
import { type KeysState, useKeys } from '../hooks/useKeys';
import { DEFAULT_SETTINGS, type Settings } from '../hooks/useSettings';
import { KeysTab } from './KeysTab';

const ORIGIN = 'http://localhost:8000';
// The storage key is a stored format: changing it forgets every key a user asked to remember.
const KEYS_STORED_AT = `keys:${ORIGIN}`;

function Harness() {
  const keys = useKeys(ORIGIN);
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  return (
    <KeysTab
      origin={ORIGIN}
      keys={keys}
      settings={settings}
      onSettings={(p) => setSettings({ ...settings, ...p })}
    />
  );
}

describe('KeysTab', () => {
  withBackground();

  it('hides keys by default and shows one on request', async () => {
    render(<Harness />);
    const input = screen.getByTestId('key-input-0') as HTMLInputElement;
    expect(input.type).toBe('password');
    fireEvent.click(screen.getByTestId('key-show-0'));
    expect((screen.getByTestId('key-input-0') as HTMLInputElement).type).toBe('text');
  });

  it('stores SECRET_KEY and fallbacks in memory, and on disk only once "remember" is checked', async () => {
    render(<Harness />);
    await settle();
    fireEvent.input(screen.getByTestId('key-input-0'), { target: { value: 'current' } });
    fireEvent.click(screen.getByTestId('key-add'));
    fireEvent.input(screen.getByTestId('key-input-1'), { target: { value: 'previous' } });
    await settle();
    expect(fake.state.session.get(KEYS_STORED_AT)).toEqual(['current', 'previous']);
    expect(fake.state.local.size).toBe(0);
    expect(screen.getByTestId('key-row-1').textContent).toContain('SECRET_KEY_FALLBACKS[0]');

    fireEvent.click(screen.getByTestId('keys-remember'));
    await waitFor(() => expect(fake.state.local.get(KEYS_STORED_AT)).toEqual(['current', 'previous']));
    expect(fake.state.session.has(KEYS_STORED_AT)).toBe(false);
    expect(screen.getByTestId('keys-storage-note').textContent).toMatch(/never synced/);

    fireEvent.click(screen.getByTestId('key-remove-0'));
    await settle();
    expect(fake.state.local.get(KEYS_STORED_AT)).toEqual(['previous']);
  });

  it('keeps a site setting being typed through re-renders, and commits it on change', async () => {
    const committed: Partial<Settings>[] = [];
    const keys: KeysState = {
      keys: [],
      remember: false,
      loaded: true,
      setKeys: async () => {},
      setRemember: async () => {},
    };
    // The panel re-renders every second (its clock) and on cookie and companion updates.
    const tab = () => (
      <KeysTab
        origin={ORIGIN}
        keys={{ ...keys }}
        settings={DEFAULT_SETTINGS}
        onSettings={(p) => committed.push(p)}
      />
    );
    const { rerender } = render(tab());
    const path = screen.getByTestId('setting-companion-path') as HTMLInputElement;
    fireEvent.input(path, { target: { value: '/hostile/companion/mal' } });
    rerender(tab());
    expect(path.value).toBe('/hostile/companion/mal');
    path.value = '/hostile/companion/malformed/';
    fireEvent.change(path);
    expect(committed).toEqual([{ companionPath: '/hostile/companion/malformed/' }]);

    fireEvent.change(path, { target: { value: 'no-leading-slash' } });
    expect(committed.at(-1)).toEqual({ companionPath: DEFAULT_SETTINGS.companionPath });
    expect(path.value).toBe(DEFAULT_SETTINGS.companionPath);
  });
});
