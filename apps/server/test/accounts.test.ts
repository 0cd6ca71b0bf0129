// Accounts over real HTTP: the sign-in cookie's attributes, a browser carrying its work into an
// account, signing out, and SIFT_SIGN_IN=required refusing uploads and procedures without an account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startServer, type TestServer } from './serverHarness.ts';

const password = 'a long enough password';

describe('accounts over HTTP (sign-in optional)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ SIFT_WORKERS: 'off' });
  });
  afterAll(() => server.stop());

  it('sets an HttpOnly, SameSite sign-in cookie and acts for the account from then on', async () => {
    const browser = client(server.baseUrl);
    const project = await browser.mutation<{ id: string }>('createProject', { name: 'Before the account', question: '' });
    const signUp = await browser.request('/trpc/signUp', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ann@example.org', displayName: 'Ann', password }),
    });
    expect(signUp.status).toBe(200);
    const setCookie = signUp.headers.getSetCookie().find((cookie) => cookie.startsWith('sift_account='));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Expires=/i);

    const account = await browser.query<{ account: { email: string } | null }>('getAccount');
    expect(account.body.result?.data.account?.email).toBe('ann@example.org');
    const projects = await browser.query<{ id: string }[]>('listProjects');
    expect(projects.body.result?.data.map((p) => p.id)).toEqual([project.body.result?.data.id]);

    await browser.mutation('signOut', {});
    expect(browser.hasCookie('sift_account')).toBe(false);
    expect((await browser.query<unknown[]>('listProjects')).body.result?.data).toEqual([]);
  });

  it('answers input its schema refuses in words, field by field, not as validation JSON', async () => {
    const answer = await client(server.baseUrl).mutation('signUp', { email: 'not-an-email', displayName: 'Ann', password: 'short' });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.message).toBe('email: Enter an email address such as name@example.org.; password: Choose a password of at least 10 characters.');
  });

  it('answers a wrong password with a message, not a stack', async () => {
    const stranger = client(server.baseUrl);
    const answer = await stranger.mutation('signIn', { email: 'ann@example.org', password: 'wrong password here' });
    expect(answer.status).toBe(401);
    expect(answer.body.error?.message).toBe('That email and password do not match an account. Check both, or ask an operator for a password reset link.');
  });
});

describe('accounts over HTTP (SIFT_SIGN_IN=required)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ SIFT_WORKERS: 'off', SIFT_SIGN_IN: 'required' });
  });
  afterAll(() => server.stop());

  it('refuses uploads, downloads and procedures without an account, and serves them once signed in', async () => {
    const browser = client(server.baseUrl);
    const upload = await browser.upload('data.csv', new TextEncoder().encode('a\n1\n'));
    expect(upload.status).toBe(401);
    expect(upload.body.error).toMatch(/^Sign in to use Sift on this server/);
    expect((await browser.query('listProjects')).status).toBe(401);
    expect((await browser.request(`/api/datasets/${crypto.randomUUID()}/export?format=csv`)).status).toBe(401);
    expect((await browser.query<{ signIn: string }>('getAccount')).body.result?.data.signIn).toBe('required');

    await browser.mutation('signUp', { email: 'bo@example.org', displayName: 'Bo', password });
    expect((await browser.upload('data.csv', new TextEncoder().encode('a\n1\n'))).status).toBe(201);
    expect((await browser.query('listProjects')).status).toBe(200);
  });
});
