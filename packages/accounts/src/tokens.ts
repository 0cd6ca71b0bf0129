// Secret tokens for cookies and links: 32 random bytes, base64url in the browser, and only their
// SHA-256 in the database, so a copy of the tables signs nobody in and resets no password.
import { createHash, randomBytes } from 'node:crypto';

export function newToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
