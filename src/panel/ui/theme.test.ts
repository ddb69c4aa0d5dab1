import { describe, expect, it } from 'vitest';
import { resolveTheme } from './theme';

describe('resolveTheme', () => {
  it('lets ?theme= override the DevTools theme', () => {
    expect(resolveTheme('?theme=light', 'dark', true)).toBe('light');
    expect(resolveTheme('?theme=dark', 'default', false)).toBe('dark');
  });
  it('follows the DevTools theme, then the OS', () => {
    expect(resolveTheme('', 'dark', false)).toBe('dark');
    expect(resolveTheme('', 'default', true)).toBe('light');
    expect(resolveTheme('?theme=bogus', undefined, true)).toBe('dark');
    expect(resolveTheme('', undefined, false)).toBe('light');
  });
});
