// Anonymous sessions: each browser gets a random owner id in a signed, HttpOnly cookie. Every
// task and upload belongs to that owner. The signing secret comes from SIFT_SESSION_SECRET, or
// is generated once and kept in the data folder so sessions survive restarts.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'sift_session';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

declare module 'fastify' {
  interface FastifyRequest {
    ownerId: string;
  }
}

export async function loadSessionSecret(configured: string | undefined, dataDir: string): Promise<string> {
  if (configured) return configured;
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  await writeFile(file, secret, { mode: 0o600, flag: 'wx' }).catch(() => {}); // another process may have won
  return (await readFile(file, 'utf8')).trim();
}

export function resolveOwner(request: FastifyRequest, reply: FastifyReply): string {
  const raw = request.cookies[SESSION_COOKIE];
  if (raw) {
    const unsigned = request.unsignCookie(raw);
    if (unsigned.valid && unsigned.value) return unsigned.value;
  }
  const ownerId = randomUUID();
  reply.setCookie(SESSION_COOKIE, ownerId, {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    // Over https (directly, or behind a proxy SIFT_TRUST_PROXY trusts) the cookie is never sent in clear.
    secure: request.protocol === 'https',
    path: '/',
    maxAge: ONE_YEAR_SECONDS,
  });
  return ownerId;
}
