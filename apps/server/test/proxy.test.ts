// Sift behind a reverse proxy (issue 16, item 7), as nginx's defaults run it: the proxy ends TLS,
// rewrites Host to the upstream's address and adds X-Forwarded-For/-Proto. With SIFT_TRUST_PROXY
// naming the proxy and SIFT_PUBLIC_URL the public origin, pages posting from that origin are
// accepted, cookies are Secure, the audit log records the client's address and not the proxy's.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startServer, type TestServer } from './serverHarness.ts';

const PUBLIC_URL = 'https://sift.example.org';
const TOKEN = 'proxy-test-token-0123456789abcdefghijklmn';
const CLIENT_ADDRESS = '198.51.100.23';

/** A few lines of what nginx does with `proxy_pass http://upstream;` and the usual X-Forwarded-* lines. */
function startProxy(upstreamPort: number): Promise<http.Server> {
  const proxy = http.createServer((incoming, outgoing) => {
    const forwarded = http.request(
      {
        host: '127.0.0.1',
        port: upstreamPort,
        method: incoming.method,
        path: incoming.url,
        headers: {
          ...incoming.headers,
          host: `127.0.0.1:${upstreamPort}`, // nginx's default: Host becomes $proxy_host
          'x-forwarded-for': CLIENT_ADDRESS, // the client as nginx saw it
          'x-forwarded-proto': 'https', // TLS ended at the proxy
        },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(forwarded);
  });
  return new Promise((resolve) => proxy.listen(0, '127.0.0.1', () => resolve(proxy)));
}

let server: TestServer;
let proxy: http.Server;
let viaProxy: string;

beforeAll(async () => {
  server = await startServer({ SIFT_TRUST_PROXY: '127.0.0.1', SIFT_PUBLIC_URL: PUBLIC_URL, SIFT_ADMIN_TOKEN: TOKEN, SIFT_WORKERS: 'off' });
  proxy = await startProxy(server.port);
  viaProxy = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => proxy.close(resolve));
  await server.stop();
});

describe('behind a reverse proxy', () => {
  it('accepts writes from the public origin although the proxy rewrote Host; still refuses other sites', async () => {
    const researcher = client(viaProxy, { origin: PUBLIC_URL });
    expect((await researcher.upload('notes.csv', new TextEncoder().encode('a\n1\n'))).status).toBe(201);
    expect((await researcher.mutation('createProject', { name: 'behind nginx' })).status).toBe(200);
    const foreign = client(viaProxy, { origin: 'https://evil.example' });
    expect((await foreign.mutation('createProject', { name: 'forged' })).status).toBe(403);
  });

  it('sets the session cookie Secure and keeps the CSP upgrade, since the browser came over https', async () => {
    const page = await fetch(`${viaProxy}/healthz`);
    expect(page.headers.getSetCookie().find((cookie) => cookie.startsWith('sift_session='))).toMatch(/; Secure/i);
    expect(page.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    // Straight to the server over plain http: neither.
    const direct = await fetch(`${server.baseUrl}/healthz`);
    expect(direct.headers.getSetCookie().find((cookie) => cookie.startsWith('sift_session='))).not.toMatch(/Secure/i);
    expect(direct.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
  });

  it("records the client's address, not the proxy's, in the operator audit log", async () => {
    const operator = client(viaProxy, { authorization: `Bearer ${TOKEN}`, 'x-sift-operator': 'Kim', origin: PUBLIC_URL });
    expect((await operator.mutation('ops.clearCache', { prefix: 'nothing-here:' })).status).toBe(200);
    const [action] = await server.services.db.operatorAction.findMany({ orderBy: { at: 'desc' }, take: 1 });
    expect(action).toMatchObject({ operator: 'Kim', address: CLIENT_ADDRESS });
  });
});
