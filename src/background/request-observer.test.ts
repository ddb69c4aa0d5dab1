import { describe, expect, it } from 'vitest';
import type { CompletedRequest } from '../messaging/protocol';
import type { RequestDetails } from '../platform/index';
import { createRequestObserver } from './request-observer';

const base = {
  requestId: '7',
  tabId: 3,
  method: 'POST',
  url: 'http://localhost:8000/login/',
  type: 'main_frame',
};

function observe() {
  const seen: CompletedRequest[] = [];
  let clock = 100;
  const observer = createRequestObserver(
    (r) => seen.push(r),
    () => clock++,
  );
  return { seen, observer };
}

describe('createRequestObserver', () => {
  it('emits each hop of a redirect chain with its own cookies, status and record', () => {
    const { seen, observer } = observe();
    const sent = (d: Partial<RequestDetails>) => observer.sendHeaders({ ...base, ...d });
    const got = (d: Partial<RequestDetails>) => observer.headersReceived({ ...base, ...d });
    sent({ requestHeaders: [{ name: 'Cookie', value: 'sessionid=anon; csrftoken=t' }] });
    got({
      statusCode: 302,
      responseHeaders: [
        { name: 'Set-Cookie', value: 'sessionid=new; Path=/' },
        { name: 'Set-Cookie', value: 'csrftoken=u; Path=/' },
        { name: 'x-sessionlens-record', value: '/__sessionlens__/timeline/ab/' },
      ],
    });
    observer.ended({ ...base });
    sent({
      method: 'GET',
      url: 'http://localhost:8000/',
      requestHeaders: [{ name: 'cookie', value: 'sessionid=new' }],
    });
    got({ method: 'GET', statusCode: 200, responseHeaders: [] });
    observer.ended({ ...base });
    expect(seen).toEqual([
      {
        ...base,
        status: 302,
        time: 101,
        cookie: 'sessionid=anon; csrftoken=t',
        record: '/__sessionlens__/timeline/ab/',
        setCookies: ['sessionid=new; Path=/', 'csrftoken=u; Path=/'],
      },
      {
        ...base,
        method: 'GET',
        url: 'http://localhost:8000/',
        status: 200,
        time: 103,
        cookie: 'sessionid=new',
        record: null,
        setCookies: [],
      },
    ]);
  });

  it("splits Firefox's Set-Cookie lines joined in one header", () => {
    const { seen, observer } = observe();
    observer.sendHeaders(base);
    observer.headersReceived({
      ...base,
      statusCode: 200,
      responseHeaders: [
        { name: 'set-cookie', value: 'sessionid=""; Max-Age=0; Path=/\ncsrftoken=x; Path=/' },
      ],
    });
    observer.ended(base);
    expect(seen[0]?.setCookies).toEqual(['sessionid=""; Max-Age=0; Path=/', 'csrftoken=x; Path=/']);
    expect(seen[0]?.cookie).toBeNull();
  });

  it("ignores the extension's own requests, images and scripts, and hops that failed", () => {
    const { seen, observer } = observe();
    for (const d of [
      { ...base, tabId: -1 },
      { ...base, requestId: '8', type: 'image' },
      { ...base, requestId: '9' },
    ]) {
      observer.sendHeaders(d);
      observer.headersReceived({ ...d, statusCode: 200 });
    }
    observer.failed({ ...base, requestId: '9' });
    for (const id of ['7', '8', '9']) observer.ended({ ...base, requestId: id });
    expect(seen).toEqual([]);
  });
});
