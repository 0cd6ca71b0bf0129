// Signing in through an institution's OpenID Connect provider (SIFT_OIDC_*): the authorization
// code flow with PKCE, state and nonce through openid-client. /api/auth/oidc/start sends the
// browser to the provider; /api/auth/oidc/callback turns its answer into an account, the browser's
// work moved into it, and a session. Which account an identity means is @sift/accounts' decision.
// The start route also takes what the round trip is for: `invite=<token>` (join that project once
// signed in) or `purpose=close` (a fresh sign-in, forced at the provider, that confirms closing
// the signed-in account: it marks this browser's session for a few minutes and signs nobody in).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import { AccountError, findOrCreateOidcAccount, markReauthenticated, startSession } from '@sift/accounts';
import { moveIntoAccount } from '@sift/api';
import type { Db } from '@sift/db';
import { joinByInvite, TaskInputError } from '@sift/tasks';
import type { Config, OidcSettings } from './config.ts';
import { signInCookie } from './session.ts';

const CALLBACK_PATH = '/api/auth/oidc/callback';
/** Holds the flow's secrets between the two requests; 10 minutes is long enough to type a password at the provider. */
const FLOW_COOKIE = 'sift_oidc';
const FLOW_SECONDS = 10 * 60;

interface Flow {
  verifier: string;
  state: string;
  nonce: string;
  /** `close`: confirm closing the signed-in account; otherwise a sign-in. */
  purpose?: 'close';
  /** An invitation link's token: join its project once signed in. */
  invite?: string;
}

/** An invitation token as links carry it (newToken: base64url). */
const INVITE_TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

export function registerOidcRoutes(app: FastifyInstance, db: Db, settings: OidcSettings, publicUrl: Config['SIFT_PUBLIC_URL']) {
  const redirectUri = (request: FastifyRequest) => `${publicUrl ?? `${request.protocol}://${request.host}`}${CALLBACK_PATH}`;
  const provider = createDiscovery(settings);
  const flowCookie = (request: FastifyRequest) => ({
    httpOnly: true,
    // Lax: the provider's redirect back is a top-level GET from its site, which must carry the cookie.
    sameSite: 'lax' as const,
    secure: request.protocol === 'https',
    path: '/api/auth/oidc',
    signed: true,
  });
  /** Back to the account page, with a sentence it shows; the details go to the log only. */
  const refuse = (reply: FastifyReply, message: string) => reply.redirect(`/#/account?signInError=${encodeURIComponent(message)}`);
  const unreachable = `Sign-in with ${settings.name} is not available right now: Sift could not reach the provider. Try again in a few minutes, or tell the person who runs this Sift server.`;

  app.get('/api/auth/oidc/start', async (request, reply) => {
    const config = await provider().catch((error: unknown) => {
      request.log.error({ err: error, issuer: settings.issuer.href }, 'OpenID Connect discovery failed');
      return null;
    });
    if (!config) return refuse(reply, unreachable);
    const query = request.query as Record<string, unknown>;
    const invite = typeof query.invite === 'string' && INVITE_TOKEN.test(query.invite) ? query.invite : undefined;
    const flow: Flow = {
      verifier: client.randomPKCECodeVerifier(), state: client.randomState(), nonce: client.randomNonce(),
      ...(query.purpose === 'close' ? { purpose: 'close' as const } : {}),
      ...(invite ? { invite } : {}),
    };
    reply.setCookie(FLOW_COOKIE, Buffer.from(JSON.stringify(flow)).toString('base64url'), { ...flowCookie(request), maxAge: FLOW_SECONDS });
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri(request),
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
      // Confirming: the person signs in at the provider now, whatever session it holds, and the ID token says when.
      ...(flow.purpose === 'close' ? { prompt: 'login', max_age: '0' } : {}),
    });
    return reply.redirect(url.href);
  });

  app.get(CALLBACK_PATH, async (request, reply) => {
    const flow = readFlow(request);
    reply.clearCookie(FLOW_COOKIE, flowCookie(request)); // one use, whatever happens next
    const current = new URL(redirectUri(request));
    current.search = new URL(request.url, current).search;
    if (!flow || current.searchParams.get('state') !== flow.state) {
      return refuse(reply, `This sign-in did not come back from the one this browser started (it may have taken over ${FLOW_SECONDS / 60} minutes, or come from another tab). Sign in with ${settings.name} again.`);
    }
    const config = await provider().catch(() => null);
    if (!config) return refuse(reply, unreachable);
    let claims: client.IDToken | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, ...(flow.purpose === 'close' ? { maxAge: 0 } : {}),
      });
      claims = tokens.claims();
    } catch (error) {
      if (error instanceof client.AuthorizationResponseError) {
        return refuse(reply, `${settings.name} did not sign you in (${error.error_description ?? error.error}). Try again, or use a password.`);
      }
      request.log.error({ err: error, issuer: settings.issuer.href }, 'OpenID Connect code exchange failed');
      return refuse(reply, `Sign-in with ${settings.name} failed while Sift checked the provider's answer. Try again; if it keeps failing, tell the person who runs this Sift server (the server log says why).`);
    }
    if (!claims) return refuse(reply, `${settings.name} answered without an ID token, so Sift cannot tell who you are. Tell the person who runs this Sift server.`);
    const identity = {
      issuer: claims.iss,
      subject: claims.sub,
      email: typeof claims.email === 'string' ? claims.email : undefined,
      emailVerified: claims.email_verified === true,
      name: typeof claims.name === 'string' ? claims.name : undefined,
    };
    if (flow.purpose === 'close') {
      const signedIn = request.signedIn;
      if (!signedIn) return refuse(reply, 'Sign in first: closing an account is confirmed from the account it closes.');
      const confirmed = await markReauthenticated(db, { sessionId: signedIn.sessionId, accountId: signedIn.account.id }, identity);
      if (!confirmed) return refuse(reply, `That ${settings.name} sign-in is not the one of this account, so it does not confirm closing it. Sign in there as yourself.`);
      return reply.redirect('/#/account');
    }
    let accountId: string;
    try {
      const { account } = await moveIntoAccount(db, request.browserId, (tx) => findOrCreateOidcAccount(tx, identity));
      const { token, expiresAt } = await startSession(db, account.id, request.headers['user-agent'] ?? '');
      signInCookie(request, reply).set(token, expiresAt);
      accountId = account.id;
    } catch (error) {
      if (error instanceof AccountError) return refuse(reply, error.message);
      throw error;
    }
    if (!flow.invite) return reply.redirect('/#/account');
    // Signed in either way; the invitation is spent here, as "Join the project" would.
    try {
      const joined = await joinByInvite(db, flow.invite, accountId);
      return reply.redirect(`/#/reviews/${joined.projectId}`);
    } catch (error) {
      if (error instanceof TaskInputError) return refuse(reply, error.message);
      throw error;
    }
  });
}

/** The provider's metadata, fetched on first use and kept; a failed fetch is retried on the next sign-in. */
function createDiscovery(settings: OidcSettings): () => Promise<client.Configuration> {
  let pending: Promise<client.Configuration> | null = null;
  return () => {
    pending ??= client
      .discovery(settings.issuer, settings.clientId, settings.clientSecret, undefined, {
        // An http issuer is the operator's explicit choice (a provider on the same host or in a test); https is the norm.
        execute: settings.issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        pending = null;
        throw error;
      });
    return pending;
  };
}

function readFlow(request: FastifyRequest): Flow | null {
  const raw = request.cookies[FLOW_COOKIE];
  const unsigned = raw ? request.unsignCookie(raw) : null;
  if (!unsigned?.valid || !unsigned.value) return null;
  try {
    const flow = JSON.parse(Buffer.from(unsigned.value, 'base64url').toString('utf8')) as Partial<Flow>;
    return typeof flow.verifier === 'string' && typeof flow.state === 'string' && typeof flow.nonce === 'string' ? (flow as Flow) : null;
  } catch {
    return null; // signed by us, so only an old format could fail here; start again
  }
}
