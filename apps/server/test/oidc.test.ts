// Institutional sign-in against a real OpenID Connect provider (oidc-provider, in-process on a
// random port, its login form driven like a browser would): the account made from the provider's
// claims, the browser's earlier work moved into it, the same account on a second sign-in, the
// routes open under SIFT_SIGN_IN=required, and refusals that come back as a sentence on the account page;
// an account without a password closing itself after a fresh sign-in there, and an invitation
// carried through the round trip.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startServer, type Client, type TestServer } from './serverHarness.ts';

const people: Record<string, { email: string; email_verified: boolean; name: string }> = {
  ann: { email: 'ann@uni.example', email_verified: true, name: 'Ann Reviewer' },
  /** Has a password account at Sift under this address, which the provider does not vouch for. */
  bo: { email: 'bo@uni.example', email_verified: false, name: 'Bo' },
  cy: { email: 'cy@uni.example', email_verified: true, name: 'Cy' },
  dee: { email: 'dee@uni.example', email_verified: true, name: 'Dee' },
  eve: { email: 'eve@uni.example', email_verified: true, name: 'Eve' },
  fay: { email: 'fay@uni.example', email_verified: true, name: 'Fay' },
};

let sift: TestServer;
/** A second API process on the same database, with SIFT_SIGN_IN=required. */
let kiosk: TestServer;
let providerServer: http.Server;
let issuer: string;

beforeAll(async () => {
  // The provider needs Sift's callback and Sift needs the provider's issuer: listen first, attach the provider after.
  let handle: http.RequestListener = (_request, response) => void response.writeHead(503).end();
  providerServer = http.createServer((request, response) => handle(request, response));
  await new Promise<void>((resolve) => providerServer.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;
  const env = { SIFT_WORKERS: 'off', SIFT_OIDC_ISSUER: issuer, SIFT_OIDC_CLIENT_ID: 'sift', SIFT_OIDC_CLIENT_SECRET: 'sift-test-secret', SIFT_OIDC_NAME: 'Uni login' };
  sift = await startServer(env);
  kiosk = await startServer({ ...env, SIFT_SIGN_IN: 'required' }, { sharing: { databaseUrl: sift.databaseUrl } });
  const provider = new Provider(issuer, {
    clients: [{ client_id: 'sift', client_secret: 'sift-test-secret', redirect_uris: [sift, kiosk].map((server) => `${server.baseUrl}/api/auth/oidc/callback`), token_endpoint_auth_method: 'client_secret_post' }],
    findAccount: (_ctx, sub) => (people[sub] ? { accountId: sub, claims: () => ({ sub, ...people[sub] }) } : undefined),
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // Claims in the ID token itself (the default keeps scope claims for userinfo when an access token is issued).
    conformIdTokenClaims: false,
    // Sift is a first-party client here: the consent screen is granted as soon as the person has logged in.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    cookies: { keys: ['a test key for the provider cookies'] },
    ttl: Object.fromEntries(['Interaction', 'Grant', 'Session', 'AccessToken', 'IdToken'].map((artifact) => [artifact, 600])),
  });
  handle = provider.callback();
}, 60_000);
afterAll(async () => {
  await kiosk.stop();
  await sift.stop();
  await new Promise((resolve) => providerServer.close(resolve));
});

/**
 * Follows the browser from Sift's start route through the provider's login form (logging in as
 * `login`, or cancelling when `login` is null) and back to Sift's callback; returns where Sift sent
 * the browser in the end.
 */
async function signInAtProvider(
  browser: Client,
  login: string | null,
  tamper: (callback: URL) => void = () => {},
  startPath = '/api/auth/oidc/start',
): Promise<string> {
  const start = await browser.request(startPath, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const providerCookies = new Map<string, string>();
  let next = new URL(start.headers.get('location')!);
  for (let hops = 0; next.origin === issuer; hops++) {
    if (hops > 10) throw new Error(`the provider kept redirecting (at ${next.href})`);
    const send = (init: RequestInit = {}) =>
      fetch(next, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: [...providerCookies].map(([name, value]) => `${name}=${value}`).join('; ') } });
    let response = await send();
    if (response.status === 200) {
      // The login form of oidc-provider's development interactions: any password goes, and its cancel link aborts.
      if (login === null) {
        next = new URL(`${next.pathname}/abort`, next);
        response = await send();
      } else {
        response = await send({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ prompt: 'login', login, password: 'anything' }).toString() });
      }
    }
    for (const set of response.headers.getSetCookie()) {
      const [name = '', value = ''] = set.split(';')[0]!.split(/=(.*)/s);
      providerCookies.set(name, value);
    }
    if (!response.headers.get('location')) throw new Error(`the provider answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    next = new URL(response.headers.get('location')!, next);
  }
  expect(next.pathname).toBe('/api/auth/oidc/callback');
  tamper(next);
  const back = await browser.request(next.pathname + next.search, { redirect: 'manual' });
  expect(back.status).toBe(302);
  return back.headers.get('location')!;
}

const refusal = (location: string) => new URLSearchParams(location.split('?')[1]).get('signInError');

describe('OpenID Connect sign-in', () => {
  it('creates the account from the provider\'s claims, moves the browser\'s work into it, and finds the same account next time', async () => {
    const browser = client(sift.baseUrl);
    expect((await browser.query<{ oidc: { name: string } | null }>('getAccount')).body.result?.data.oidc).toEqual({ name: 'Uni login' });
    const project = await browser.mutation<{ id: string }>('createProject', { name: 'Before signing in', question: '' });
    expect(await signInAtProvider(browser, 'ann')).toBe('/#/account');
    const account = await browser.query<{ account: { id: string; email: string; displayName: string } | null }>('getAccount');
    expect(account.body.result?.data.account).toMatchObject({ email: 'ann@uni.example', displayName: 'Ann Reviewer' });
    const projects = await browser.query<{ id: string }[]>('listProjects');
    expect(projects.body.result?.data.map((p) => p.id)).toEqual([project.body.result?.data.id]);

    // Another browser, on the server that requires an account: the routes are open to it, and it reaches the same account and its project.
    const laptop = client(kiosk.baseUrl);
    expect((await laptop.query('listProjects')).status).toBe(401);
    expect(await signInAtProvider(laptop, 'ann')).toBe('/#/account');
    expect((await laptop.query<{ account: { id: string } }>('getAccount')).body.result?.data.account.id).toBe(account.body.result?.data.account?.id);
    expect((await laptop.query<{ id: string }[]>('listProjects')).body.result?.data.map((p) => p.id)).toEqual([project.body.result?.data.id]);
  });

  it('refuses a callback whose state this browser did not start, with a sentence for the account page', async () => {
    const browser = client(sift.baseUrl);
    const location = await signInAtProvider(browser, 'ann', (callback) => callback.searchParams.set('state', 'not-the-state-sift-sent'));
    expect(location).toMatch(/^\/#\/account\?signInError=/);
    expect(refusal(location)).toBe('This sign-in did not come back from the one this browser started (it may have taken over 10 minutes, or come from another tab). Sign in with Uni login again.');
    expect((await browser.query<{ account: unknown }>('getAccount')).body.result?.data.account).toBeNull();
  });

  it('comes back with the provider\'s own reason when the person cancels there', async () => {
    const location = await signInAtProvider(client(sift.baseUrl), null);
    expect(refusal(location)).toBe('Uni login did not sign you in (End-User aborted interaction). Try again, or use a password.');
  });

  it('does not hand a password account to a sign-in whose provider does not vouch for the address', async () => {
    const owner = client(sift.baseUrl);
    expect((await owner.mutation('signUp', { email: 'bo@uni.example', displayName: 'Bo', password: 'a long enough password' })).status).toBe(200);
    const stranger = client(sift.baseUrl);
    expect(refusal(await signInAtProvider(stranger, 'bo'))).toMatch(/^An account with bo@uni\.example already exists, and your institution's sign-in does not confirm that this address is yours\./);
    expect((await stranger.query<{ account: unknown }>('getAccount')).body.result?.data.account).toBeNull();
  });

  it('lets an account without a password close itself after signing in again at the institution', async () => {
    const browser = client(sift.baseUrl);
    expect(await signInAtProvider(browser, 'cy')).toBe('/#/account');
    type Account = { account: { id: string } | null; confirm: { password: boolean; institution: boolean; confirmedUntil: string | null } | null };
    const before = (await browser.query<Account>('getAccount')).body.result!.data;
    expect(before.confirm).toEqual({ password: false, institution: true, confirmedUntil: null });
    const refused = await browser.mutation('deleteAccount', { sharedProjects: 'delete' });
    expect(refused.body.error?.message).toBe('Sign in with Uni login again on this page to confirm it is you, then close your account within 5 minutes.');

    // Someone else's sign-in at the provider confirms nothing.
    expect(refusal(await signInAtProvider(browser, 'dee', undefined, '/api/auth/oidc/start?purpose=close'))).toBe(
      'That Uni login sign-in is not the one of this account, so it does not confirm closing it. Sign in there as yourself.',
    );
    expect((await browser.query<Account>('getAccount')).body.result!.data.confirm?.confirmedUntil).toBeNull();

    // The provider is asked for a fresh login, and the person gives it.
    const start = await browser.request('/api/auth/oidc/start?purpose=close', { redirect: 'manual' });
    const asked = new URL(start.headers.get('location')!).searchParams;
    expect([asked.get('prompt'), asked.get('max_age')]).toEqual(['login', '0']);
    expect(await signInAtProvider(browser, 'cy', undefined, '/api/auth/oidc/start?purpose=close')).toBe('/#/account');
    const confirmed = (await browser.query<Account>('getAccount')).body.result!.data;
    expect(confirmed.account?.id).toBe(before.account?.id); // still the same session, now confirmed
    expect(Date.parse(confirmed.confirm!.confirmedUntil!) - Date.now()).toBeGreaterThan(4 * 60_000);
    // Another browser of the same account is not confirmed by it.
    const phone = client(sift.baseUrl);
    await signInAtProvider(phone, 'cy');
    expect((await phone.mutation('deleteAccount', { sharedProjects: 'delete' })).status).toBe(401);

    expect((await browser.mutation('deleteAccount', { sharedProjects: 'delete' })).status).toBe(200);
    expect((await browser.query<Account>('getAccount')).body.result!.data.account).toBeNull();
    expect((await phone.query<Account>('getAccount')).body.result!.data.account).toBeNull();
  });

  it('carries an invitation through the sign-in: the person comes back a member of the project', async () => {
    const owner = client(sift.baseUrl);
    expect((await owner.mutation('signUp', { email: 'olga@example.org', displayName: 'Olga', password: 'a long enough password' })).status).toBe(200);
    const project = (await owner.mutation<{ id: string }>('createProject', { name: 'Shared through Uni login', question: '' })).body.result!.data;
    const invite = (await owner.mutation<{ path: string }>('createInvite', { projectId: project.id, role: 'reviewer' })).body.result!.data;
    const token = invite.path.split('/').at(-1)!;

    const eve = client(sift.baseUrl);
    expect(await signInAtProvider(eve, 'eve', undefined, `/api/auth/oidc/start?invite=${token}`)).toBe(`/#/reviews/${project.id}`);
    const projects = (await eve.query<{ id: string; role: string }[]>('listProjects')).body.result!.data;
    expect(projects.map((p) => [p.id, p.role])).toEqual([[project.id, 'reviewer']]);

    // The link is spent: the next person is signed in, and told so.
    const fay = client(sift.baseUrl);
    expect(refusal(await signInAtProvider(fay, 'fay', undefined, `/api/auth/oidc/start?invite=${token}`))).toBe(
      'This invitation link has been used or has expired. Ask the project owner for a new one.',
    );
    expect((await fay.query<{ account: { email: string } | null }>('getAccount')).body.result!.data.account?.email).toBe('fay@uni.example');
    expect((await fay.query<unknown[]>('listProjects')).body.result!.data).toEqual([]);
  });
});
