import { act, renderHook } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useNow } from './useNow';

afterEach(() => vi.useRealTimers());

describe('useNow (the one panel clock)', () => {
  it('without an anchor: the browser clock, ticking', () => {
    vi.useFakeTimers();
    vi.setSystemTime(1_700_000_000_000);
    const { result } = renderHook(() => useNow());
    expect(result.current).toBe(1_700_000_000);
    act(() => {
      vi.advanceTimersByTime(3000);
    });
    expect(result.current).toBe(1_700_000_003);
  });

  it('with an anchor: ticks from it, and a new anchor starts over', () => {
    vi.useFakeTimers();
    const { result, rerender } = renderHook(({ at }) => useNow(at), { initialProps: { at: 100 } });
    act(() => {
      vi.advanceTimersByTime(2000);
    });
    expect(result.current).toBe(102);
    rerender({ at: 500 });
    expect(result.current).toBe(500);
  });
});
