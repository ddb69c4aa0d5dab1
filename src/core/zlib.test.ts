import { describe, expect, it } from 'vitest';
import { VALUES } from '../../test/fixtures/django-values';
import { fromHex } from './bytes';
import { zlibDecompress } from './zlib';

const hex = (name: keyof typeof VALUES) => fromHex(VALUES[name]) ?? new Uint8Array();
const MiB = 1024 * 1024;

describe('zlibDecompress (zlib.decompress, capped)', () => {
  it('inflates a zlib stream Python wrote', () => {
    const r = zlibDecompress(hex('zlib_ok'), MiB);
    expect(r.ok && new TextDecoder().decode(r.value)).toBe('{"a":1}');
  });

  it('ignores trailing bytes after the stream, as Python does', () => {
    const r = zlibDecompress(hex('zlib_trailing'), MiB);
    expect(r.ok && new TextDecoder().decode(r.value)).toBe('{"a":1}');
  });

  it('inflates dynamic-Huffman level-9 output', () => {
    const r = zlibDecompress(hex('big'), MiB);
    expect(r.ok && r.value.length).toBe(256 * 300 + 15000);
    expect(r.ok && r.value[257]).toBe(1);
  });

  it.each(['zlib_truncated', 'gzip', 'raw'] as const)('rejects %s as decompress-failed', (name) => {
    expect(zlibDecompress(hex(name), MiB)).toMatchObject({ ok: false, code: 'decompress-failed' });
  });

  it('rejects an empty input and a corrupted checksum', () => {
    expect(zlibDecompress(new Uint8Array(), MiB)).toMatchObject({ ok: false, code: 'decompress-failed' });
    const bad = hex('zlib_ok');
    bad[bad.length - 1] = (bad.at(-1) ?? 0) ^ 1;
    expect(zlibDecompress(bad, MiB)).toMatchObject({ ok: false, code: 'decompress-failed' });
  });

  it('stops at the cap: output of exactly the cap passes, one byte more is too-large', () => {
    const size = 256 * 300 + 15000;
    expect(zlibDecompress(hex('big'), size)).toMatchObject({ ok: true });
    expect(zlibDecompress(hex('big'), size - 1)).toMatchObject({ ok: false, code: 'too-large' });
  });
});
