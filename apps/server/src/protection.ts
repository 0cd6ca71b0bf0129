// Browser-facing protections: security headers on every response (a strict CSP: the built app
// loads only its own scripts and styles; React sets the progress-bar width as an inline style),
// and state-changing requests refused when they come from another site's page.
import type { FastifyInstance } from 'fastify';
import fastifyHelmet from '@fastify/helmet';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function registerProtection(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
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
