// Browser-facing protections: security headers on every response (a strict CSP: the built app
// loads only its own scripts and styles; React sets the progress-bar width as an inline style),
// and state-changing requests refused when they come from another site's page.
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerProtection(app: FastifyInstance): void {
  // Built once: @fastify/helmet rebuilt helmet's middleware (parsing the CSP) on every request,
  // a measurable share of a status poll's cost.
  const setSecurityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
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
      },
    },
  });
  app.addHook('onRequest', (request, reply, done) => setSecurityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)));

  // The session cookie is SameSite=Lax, which still lets another site's page POST with it in
  // older browsers and same-site subdomains; a mismatched Origin settles it.
  app.addHook('onRequest', async (request, reply) => {
    if (SAFE_METHODS.has(request.method)) return;
    const origin = request.headers.origin;
    if (!origin) return; // not sent by a browser page (curl, server-to-server)
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = '';
    }
    if (originHost !== request.headers.host) {
      return reply.code(403).send({ error: 'This request came from another site and was refused. Use Sift from its own page.' });
    }
  });
}
