import { describe, expect, it } from 'vitest';
import { clipped, visibleText } from './visible-text';

describe('visibleText', () => {
  it('spells bidi overrides, zero-width characters and terminal escapes as repr() does', () => {
    expect(visibleText('invoice\u202efdp.exe')).toBe('invoice\\u202efdp.exe');
    expect(visibleText('\u2067a\u2069 b\u200bc \u061c \ufeff')).toBe(
      '\\u2067a\\u2069 b\\u200bc \\u061c \\ufeff',
    );
    expect(visibleText('\x1b[2J\x1b[1;1H✔ verified')).toBe('\\x1b[2J\\x1b[1;1H✔ verified');
    expect(visibleText('a\nb\tc\r\x00\x7f\x85')).toBe('a\\nb\\tc\\r\\x00\\x7f\\x85');
  });

  it('leaves every other character alone, markup and non-Latin text included', () => {
    for (const text of ['<img src=x onerror=alert(1)>', 'ελληνικά', 'עברית', '日本語', '✔ 😀']) {
      expect(visibleText(text)).toBe(text);
    }
  });
});

describe('clipped', () => {
  it('cuts long text to the limit on a code point and counts the rest', () => {
    expect(clipped('A'.repeat(1_000_000))).toEqual({ shown: 'A'.repeat(300), more: 999_700 });
    expect(clipped('ab😀cd', 3)).toEqual({ shown: 'ab😀', more: 2 });
    expect(clipped('short')).toEqual({ shown: 'short', more: 0 });
  });
});
