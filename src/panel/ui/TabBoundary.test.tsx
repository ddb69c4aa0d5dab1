import { fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TabBoundary } from './TabBoundary';

function Fragile({ broken }: { broken: { engine?: string } }) {
  return (
    <p data-testid="fragile">{broken.engine?.endsWith('db') ? 'db' : (broken.engine as string).length}</p>
  );
}

/** A tab that throws while rendering, beside a strip whose button must keep working. */
function Shell() {
  const [clicks, setClicks] = useState(0);
  return (
    <>
      <button type="button" data-testid="strip" onClick={() => setClicks(clicks + 1)}>
        {clicks}
      </button>
      <TabBoundary label="Session">
        <Fragile broken={{}} />
      </TabBoundary>
    </>
  );
}

describe('TabBoundary', () => {
  afterEach(() => vi.restoreAllMocks());

  it('turns a render error into a message in that tab, while the rest of the panel keeps working', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(<Shell />);
    expect(screen.getByTestId('tab-failed').textContent).toMatch(
      /^The Session tab failed to render: Cannot read properties of undefined \(reading 'length'\)\. The other tabs still work\./,
    );
    fireEvent.click(screen.getByTestId('strip'));
    expect(screen.getByTestId('strip').textContent).toBe('1');
    expect(logged).toHaveBeenCalledWith(
      'Sessionlens: the Session tab failed to render',
      expect.any(TypeError),
    );
  });
});
