// Browser-facing protections: security headers on every response (a strict CSP: the built app
// loads only its own scripts and styles; React sets the progress-bar width as an inline style),
// and state-changing requests refused when they come from another site's page. The CSP asks
// browsers to upgrade to https only for a page that came over https: over plain http (a LAN
// address) the upgrade would point every script at a port that speaks no TLS, a blank page.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet from 'helmet';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const directives = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  styleSrcAttr: ["'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
};

type Middleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

export interface ProtectionOptions {
  /** Origins a browser page may send writes from besides the request's own Host, e.g. SIFT_PUBLIC_URL's. */
  publicOrigins?: readonly string[];
}

export function registerProtection(app: FastifyInstance, options: ProtectionOptions = {}): void {
  // Built once per scheme: @fastify/helmet rebuilt helmet's middleware (parsing the CSP) on every
  // request, a measurable share of a status poll's cost.
  const overHttps: Middleware = helmet({ contentSecurityPolicy: { directives } });
  const overHttp: Middleware = helmet({ contentSecurityPolicy: { directives: { ...directives, upgradeInsecureRequests: null } } });
  app.addHook('onRequest', (request, reply, done) => {
    // request.protocol honours X-Forwarded-Proto only from a trusted proxy (SIFT_TRUST_PROXY).
    const setSecurityHeaders = request.protocol === 'https' ? overHttps : overHttp;
    setSecurityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined));
  });

  // The session cookie is SameSite=Lax, which still lets another site's page POST with it in
  // older browsers and same-site subdomains; a mismatched Origin settles it.
  const publicOrigins = new Set(options.publicOrigins ?? []);
  app.addHook('onRequest', async (request, reply) => {
    if (SAFE_METHODS.has(request.method)) return;
    const origin = request.headers.origin;
    if (!origin) return; // not sent by a browser page (curl, server-to-server)
    if (!sameSite(origin, request) && !publicOrigins.has(origin)) {
      return reply.code(403).send({ error: 'This request came from another site and was refused. Use Sift from its own page.' });
    }
  });
}

/** Whether the page's origin names the host this request was sent to (X-Forwarded-Host only from a trusted proxy). */
function sameSite(origin: string, request: FastifyRequest): boolean {
  try {
    const host = new URL(origin).host;
    return host === request.headers.host || host === request.host;
  } catch {
    return false;
  }
}
