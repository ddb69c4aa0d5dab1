import { describe, expect, it } from 'vitest';
import { isLoopback, originPattern, sameTopLevelSite } from './index';

describe('platform helpers', () => {
  it('grants an origin by a port-free pattern (ports are not allowed in match patterns)', () => {
    expect(originPattern('http://localhost:8000')).toBe('http://localhost/*');
    expect(originPattern('https://shop.example')).toBe('https://shop.example/*');
  });

  it("keeps a partition of the page's own site and drops partitions of sites embedding it", () => {
    expect(sameTopLevelSite('https://example.com', 'https://app.example.com:8443/x')).toBe(true);
    expect(sameTopLevelSite('http://localhost:8000', 'http://localhost:8000/')).toBe(true);
    expect(sameTopLevelSite('http://localhost', 'http://localhost:8000/')).toBe(true);
    expect(sameTopLevelSite('https://localhost', 'http://localhost/')).toBe(false);
    expect(sameTopLevelSite('https://a.test', 'https://example.com/')).toBe(false);
    expect(sameTopLevelSite('https://ample.com', 'https://example.com/')).toBe(false);
  });

  it('knows the loopback hosts, where http is a secure context', () => {
    for (const host of ['localhost', 'app.localhost', '127.0.0.1', '127.1.2.3', '[::1]']) {
      expect(isLoopback(host)).toBe(true);
    }
    for (const host of ['localhost.example', '128.0.0.1', 'example.com', '127.0.0.1.nip.io']) {
      expect(isLoopback(host)).toBe(false);
    }
  });
});
