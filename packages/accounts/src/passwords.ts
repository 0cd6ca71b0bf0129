// Password hashing: argon2id through @node-rs/argon2 (prebuilt, no node-gyp), with OWASP's
// minimum parameters written out so a library default can never weaken them silently.
import { hash, verify } from '@node-rs/argon2';

/** argon2id (the library's enum is a const enum, which isolated modules cannot read). */
const ARGON2ID = 2;
const PARAMETERS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMETERS);
}

export async function passwordMatches(stored: string, password: string): Promise<boolean> {
  return verify(stored, password).catch(() => false); // a malformed stored hash matches nothing
}

/**
 * A hash of no one's password, verified when the email is unknown, so that "no such account"
 * takes as long as "wrong password" and timing does not tell which addresses have accounts.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  return (decoy ??= hashPassword('not a password of anyone: timing decoy'));
}
