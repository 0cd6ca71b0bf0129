// What a browser gets when a route (upload, export, ops sign-in) throws unexpectedly: a plain
// sentence and a reference, never the error's text (Prisma's SQL, absolute paths) or its stack,
// which go to the log under that reference. Client errors (4xx) keep Fastify's own answer.
import type { FastifyError, FastifyInstance } from 'fastify';
import { newErrorReference, unexpectedErrorMessage } from '@sift/tasks';

export function registerErrorReplies(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return reply.send(error); // Fastify's default answer: its messages name no internals
    const reference = newErrorReference();
    request.log.error({ err: error, errorReference: reference, method: request.method, url: request.url }, 'request failed');
    return reply.code(500).send({ error: unexpectedErrorMessage(reference), reference });
  });
}
