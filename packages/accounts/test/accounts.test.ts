// Accounts against a real Postgres: argon2id hashes, sign-in checks, revocable sessions and
// one-time reset links, as a person and an operator would meet them.
import { createPrismaClient, type Db } from '@sift/db';
import { createTestDatabase, type TestDatabase } from '@sift/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AccountError, checkSignIn, createAccount, createSessionResolver, issueReset, listSessions, nameActors, signUpSchema, startSession, useReset,
} from '../src/index.ts';

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createPrismaClient(database.url);
});
afterAll(async () => {
  await db.$disconnect();
  await database.drop();
});

const signUp = (email: string, password = 'correct horse battery') => createAccount(db, signUpSchema.parse({ email, displayName: 'Ann Reviewer', password }));

describe('accounts', () => {
  it('stores an argon2id hash with OWASP parameters, never the password, and compares emails lower-cased', async () => {
    const account = await signUp('  Ann@Example.org ');
    expect(account.email).toBe('ann@example.org');
    const stored = await db.account.findUniqueOrThrow({ where: { id: account.id } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(stored.passwordHash).not.toContain('correct horse');
    await expect(signUp('ANN@example.org')).rejects.toThrow(AccountError);
    await expect(signUp('ann@example.org')).rejects.toThrow('An account with this email already exists');
  });

  it('signs in with the right password only, and answers an unknown email like a wrong password', async () => {
    const account = await signUp('bo@example.org');
    expect(await checkSignIn(db, { email: 'bo@example.org', password: 'correct horse battery' })).toEqual(account);
    expect(await checkSignIn(db, { email: 'bo@example.org', password: 'correct horse batterY' })).toBeNull();
    expect(await checkSignIn(db, { email: 'nobody@example.org', password: 'correct horse battery' })).toBeNull();
  });

  it('refuses short passwords and malformed emails with a message a person can act on', () => {
    const short = signUpSchema.safeParse({ email: 'a@b.org', displayName: 'A', password: 'short' });
    expect(short.error?.issues[0]?.message).toBe('Choose a password of at least 10 characters.');
    const email = signUpSchema.safeParse({ email: 'not an email', displayName: 'A', password: 'long enough password' });
    expect(email.error?.issues[0]?.message).toContain('Enter an email address');
  });
});

describe('sessions', () => {
  it('resolves a token to its account, and ends one session or all of them', async () => {
    const account = await signUp('cy@example.org');
    const sessions = createSessionResolver(db);
    const laptop = await startSession(db, account.id, 'laptop browser');
    const desktop = await startSession(db, account.id, 'desktop browser');
    const signedIn = await sessions.resolve(laptop.token);
    expect(signedIn?.account).toEqual(account);
    expect((await listSessions(db, account.id, signedIn!.sessionId)).map((s) => [s.userAgent, s.current]).sort()).toEqual([
      ['desktop browser', false],
      ['laptop browser', true],
    ]);

    await sessions.end(signedIn!.sessionId);
    expect(await sessions.resolve(laptop.token)).toBeNull(); // at once, though the answer was cached
    expect(await sessions.resolve(desktop.token)).not.toBeNull();
    expect(await sessions.endAll(account.id)).toBe(1);
    expect(await sessions.resolve(desktop.token)).toBeNull();
  });

  it('does not take an unknown, tampered or expired token', async () => {
    const account = await signUp('di@example.org');
    const sessions = createSessionResolver(db, { cacheMs: 0 });
    const { token } = await startSession(db, account.id, 'browser');
    expect(await sessions.resolve(`${token}x`)).toBeNull();
    await db.signInSession.updateMany({ where: { accountId: account.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await sessions.resolve(token)).toBeNull();
  });

  it('keeps only the token hash in the database', async () => {
    const account = await signUp('ed@example.org');
    const { token } = await startSession(db, account.id, 'browser');
    const rows = await db.$queryRaw<{ text: string }[]>`SELECT row_to_json(s)::text AS text FROM sign_in_session s WHERE account_id = ${account.id}::uuid`;
    expect(rows[0]?.text).not.toContain(token);
  });

  it('lets another process see a revocation once its short cache expires', async () => {
    const account = await signUp('fi@example.org');
    const { token } = await startSession(db, account.id, 'browser');
    const here = createSessionResolver(db);
    const elsewhere = createSessionResolver(db, { cacheMs: 0 });
    const signedIn = await elsewhere.resolve(token);
    await here.end(signedIn!.sessionId);
    expect(await elsewhere.resolve(token)).toBeNull();
  });
});

describe('password reset links', () => {
  it('sets the new password once, and signs the account out everywhere', async () => {
    const account = await signUp('gu@example.org');
    const session = await startSession(db, account.id, 'browser');
    const { token } = await issueReset(db, account.id);
    expect(await useReset(db, token, 'a brand new password')).toEqual(account);
    expect(await checkSignIn(db, { email: 'gu@example.org', password: 'a brand new password' })).toEqual(account);
    expect(await checkSignIn(db, { email: 'gu@example.org', password: 'correct horse battery' })).toBeNull();
    expect(await createSessionResolver(db).resolve(session.token)).toBeNull();
    await expect(useReset(db, token, 'yet another password')).rejects.toThrow('This reset link has been used or has expired');
  });

  it('refuses an expired link and leaves the password as it was', async () => {
    const account = await signUp('ha@example.org');
    const { token } = await issueReset(db, account.id);
    await db.passwordReset.updateMany({ where: { accountId: account.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(useReset(db, token, 'a brand new password')).rejects.toThrow(AccountError);
    expect(await checkSignIn(db, { email: 'ha@example.org', password: 'correct horse battery' })).toEqual(account);
  });
});

describe('names of who acted', () => {
  it('names accounts by display name and never shows an id for work without an account', async () => {
    const account = await signUp('io@example.org');
    const names = await nameActors(db, [account.id, 'browser-1', 'browser-2'], 'browser-1');
    expect(names.get(account.id)).toBe('Ann Reviewer');
    expect(names.get('browser-1')).toBe('you (no account)');
    expect(names.get('browser-2')).toBe('someone without an account');
  });
});
