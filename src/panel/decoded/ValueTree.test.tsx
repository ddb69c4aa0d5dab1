import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parsePyJson } from '../../core/index';
import type { PyValue } from '../../core/types';
import { ValueTree } from './ValueTree';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** Python's json as Django writes it, read by the core's lossless parser. */
function py(json: string): PyValue {
  const r = parsePyJson(json, 100);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

const DATA = py(
  '{"cart":[{"sku":"A-1","qty":2},{"sku":"B-7","qty":1}],"big":123456789012345678901234567890,' +
    '"xss":"<img src=x onerror=alert(1)>","api_token":"tok-123","prefs":{"theme":"dark","deep":{"deeper":{"x":1}}},' +
    '"none":null,"yes":true,"pi":3.14}',
);

const row = (path: string) =>
  screen.getByTestId('tree').querySelector(`[data-path="${path}"]`) as HTMLElement | null;
const value = (path: string) => within(row(path) as HTMLElement).getByTestId('tree-value').textContent;

describe('ValueTree', () => {
  it('spells what would reorder or hide text as escapes, and clips a megabyte to one row', () => {
    const hostile: PyValue = {
      t: 'dict',
      entries: [
        [
          { t: 'str', v: 'bidi' },
          { t: 'str', v: 'invoice\u202efdp.exe' },
        ],
        [
          { t: 'str', v: 'k\u202e' },
          { t: 'str', v: '\x1b[2J✔ verified' },
        ],
        [
          { t: 'str', v: 'huge' },
          { t: 'str', v: 'A'.repeat(1_000_000) },
        ],
      ],
    };
    render(<ValueTree value={hostile} />);
    expect(value('/bidi')).toBe('"invoice\\u202efdp.exe"');
    expect(within(row('/k\u202e') as HTMLElement).getByTestId('tree-key').textContent).toBe('k\\u202e');
    expect(value('/k\u202e')).toBe('"\\x1b[2J✔ verified"');
    expect(value('/huge')).toBe(`"${'A'.repeat(300)}… 999,700 more characters`);
  });

  it('renders types, exact ints and Python spellings', () => {
    render(<ValueTree value={DATA} />);
    expect(value('/big')).toBe('123456789012345678901234567890');
    expect(value('/none')).toBe('None');
    expect(value('/yes')).toBe('True');
    expect(value('/pi')).toBe('3.14');
    expect(value('/cart')).toBe('[2]');
    expect(row('/prefs/theme')?.querySelector('.sl-type')?.textContent).toBe('str');
    expect(row('/big')?.querySelector('.sl-type')?.textContent).toBe('int');
  });

  it('shows hostile strings literally, as text', () => {
    const { container } = render(<ValueTree value={DATA} />);
    expect(value('/xss')).toBe('"<img src=x onerror=alert(1)>"');
    expect(container.querySelector('img')).toBeNull();
  });

  it('collapses and expands with aria-expanded buttons; deep levels start closed', () => {
    render(<ValueTree value={DATA} />);
    const toggle = within(row('/cart') as HTMLElement).getByTestId('tree-toggle');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(row('/cart/1')).not.toBeNull();
    fireEvent.click(toggle);
    expect(row('/cart/1')).toBeNull();
    expect(
      within(row('/cart') as HTMLElement)
        .getByTestId('tree-toggle')
        .getAttribute('aria-expanded'),
    ).toBe('false');
    // depth 2 is shown, its children wait for a click
    expect(row('/prefs/deep')).not.toBeNull();
    expect(row('/prefs/deep/deeper')).toBeNull();
    fireEvent.click(within(row('/prefs/deep') as HTMLElement).getByTestId('tree-toggle'));
    expect(row('/prefs/deep/deeper')).not.toBeNull();
  });

  it('filters: keeps matching paths and their ancestors, highlights the match', () => {
    render(<ValueTree value={DATA} />);
    fireEvent.input(screen.getByTestId('tree-filter'), { target: { value: 'b-7' } });
    expect(row('/cart/1/sku')).not.toBeNull();
    expect(row('/cart/1')).not.toBeNull();
    expect(row('/cart')).not.toBeNull();
    expect(row('/cart/0')).toBeNull();
    expect(row('/big')).toBeNull();
    expect(row('/cart/1/sku')?.querySelector('mark')?.textContent).toBe('B-7');
    // a key match keeps the whole subtree, opened
    fireEvent.input(screen.getByTestId('tree-filter'), { target: { value: 'deep' } });
    expect(row('/prefs/deep/deeper/x')).not.toBeNull();
    fireEvent.input(screen.getByTestId('tree-filter'), { target: { value: 'nothing-like-this' } });
    expect(screen.getByTestId('tree-no-match')).toBeTruthy();
  });

  it('masks sensitive values until clicked, and a filter does not find them', () => {
    render(<ValueTree value={DATA} />);
    const masked = within(row('/api_token') as HTMLElement).getByTestId('tree-masked');
    expect(masked.textContent).toBe('••••••');
    expect(row('/api_token')?.textContent).not.toContain('tok-123');
    fireEvent.input(screen.getByTestId('tree-filter'), { target: { value: 'tok-1' } });
    expect(row('/api_token')).toBeNull();
    fireEvent.input(screen.getByTestId('tree-filter'), { target: { value: '' } });
    fireEvent.click(within(row('/api_token') as HTMLElement).getByTestId('tree-masked'));
    expect(value('/api_token')).toBe('"tok-123"');
  });

  it('shows annotations beside top-level keys only', () => {
    const data = py('{"_auth_user_id":"42","nested":{"_auth_user_id":"7"}}');
    render(
      <ValueTree
        value={data}
        annotations={{ _auth_user_id: { title: 'Logged-in user', text: 'pk "42"' } }}
      />,
    );
    expect(within(row('/_auth_user_id') as HTMLElement).getByTestId('tree-note').textContent).toBe(
      'Logged-in user: pk "42"',
    );
    expect(within(row('/nested/_auth_user_id') as HTMLElement).queryByTestId('tree-note')).toBeNull();
  });

  it('copies exact JSON, big ints included, and falls back when the clipboard API refuses', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<ValueTree value={py('{"big":123456789012345678901234567890}')} />);
    fireEvent.click(screen.getByTestId('tree-copy-json'));
    await screen.findByText('Copied');
    expect(writeText.mock.calls[0]?.[0]).toContain('123456789012345678901234567890');
    expect(JSON.parse(writeText.mock.calls[0]?.[0] as string)).toHaveProperty('big');

    cleanup();
    writeText.mockRejectedValue(new Error('no permission'));
    const execCommand = vi.fn().mockReturnValue(true);
    Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true });
    render(<ValueTree value={py('[1]')} />);
    fireEvent.click(screen.getByTestId('tree-copy-json'));
    await screen.findByText('Copied');
    expect(execCommand).toHaveBeenCalledWith('copy');
    expect(document.querySelector('textarea')).toBeNull();
  });

  it('Copy as JSON masks what the screen masks, until the reader reveals it', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const hash = 'c23f939b57c65ce87a5fc5aadef2c8641512d113f4d8e5f35f0b3fae9edb62a5';
    render(
      <ValueTree value={py(`{"_auth_user_id":"1","_auth_user_hash":"${hash}","api_token":"tok-123"}`)} />,
    );
    fireEvent.click(screen.getByTestId('tree-copy-json'));
    await screen.findByText('Copied');
    const masked = writeText.mock.calls[0]?.[0] as string;
    expect(masked).not.toContain(hash);
    expect(masked).not.toContain('tok-123');
    expect(JSON.parse(masked)).toEqual({
      _auth_user_id: '1',
      _auth_user_hash: '••••••',
      api_token: '••••••',
    });
    // Revealing one value puts that one, and only that one, on the clipboard.
    fireEvent.click(within(row('/_auth_user_hash') as HTMLElement).getByTestId('tree-masked'));
    fireEvent.click(screen.getByTestId('tree-copy-json'));
    await vi.waitFor(() => expect(writeText).toHaveBeenCalledTimes(2));
    expect(JSON.parse(writeText.mock.calls[1]?.[0] as string)).toEqual({
      _auth_user_id: '1',
      _auth_user_hash: hash,
      api_token: '••••••',
    });
  });

  it('pages long lists', () => {
    const long: PyValue = {
      t: 'list',
      items: Array.from({ length: 450 }, (_, i) => ({ t: 'int', v: String(i) })),
    };
    render(<ValueTree value={long} />);
    expect(row('/199')).not.toBeNull();
    expect(row('/200')).toBeNull();
    fireEvent.click(screen.getByTestId('tree-more'));
    expect(row('/399')).not.toBeNull();
    expect(screen.getByTestId('tree-more').textContent).toBe('show 50 more of 50');
  });

  it('marks unsafe pickle objects', () => {
    const obj: PyValue = {
      t: 'dict',
      entries: [
        [
          { t: 'str', v: 'x' },
          { t: 'object', cls: 'os.system', args: [{ t: 'str', v: 'echo pwned' }], state: null, unsafe: true },
        ],
      ],
    };
    render(<ValueTree value={obj} />);
    expect(row('/x')?.textContent).toContain('runs code if unpickled');
    expect(value('/x/arg 0')).toBe('"echo pwned"');
  });
});
