// Institutional sign-in against a real Postgres: an identity finds its account by issuer and
// subject, a first sign-in creates one, and an existing password account of the same email is
// linked only when the provider says the address is verified.
import { createPrismaClient, type Db } from '@sift/db';
import { createTestDatabase, type TestDatabase } from '@sift/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSignIn, createAccount, findOrCreateOidcAccount, signUpSchema, type OidcIdentity } from '../src/index.ts';

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

const issuer = 'https://login.example.edu';
const identity = (overrides: Partial<OidcIdentity>): OidcIdentity => ({ issuer, subject: 's-1', email: 'ann@example.edu', emailVerified: true, name: 'Ann Reviewer', ...overrides });
const signIn = (overrides: Partial<OidcIdentity>) => db.$transaction((tx) => findOrCreateOidcAccount(tx, identity(overrides)));

describe('OpenID Connect accounts', () => {
  it('creates an account without a password on a first sign-in, and finds it by subject afterwards even when the email changed', async () => {
    const created = await signIn({ subject: 'ann', email: ' Ann@Example.edu ' });
    expect(created).toMatchObject({ email: 'ann@example.edu', displayName: 'Ann Reviewer' });
    expect((await db.account.findUniqueOrThrow({ where: { id: created.id } })).passwordHash).toBeNull();
    expect(await checkSignIn(db, { email: 'ann@example.edu', password: 'anything at all' })).toBeNull();
    expect(await signIn({ subject: 'ann', email: 'ann.reviewer@example.edu', name: 'Someone Else' })).toEqual(created);
  });

  it('names the account after the email when the provider shares no name', async () => {
    expect((await signIn({ subject: 'nameless', email: 'cy@example.edu', name: undefined })).displayName).toBe('cy');
  });

  it('refuses a first sign-in without an email, saying what to ask for', async () => {
    await expect(signIn({ subject: 'no-email', email: undefined })).rejects.toThrow(/did not share an email address/);
  });

  it('links a password account of the same email only when the provider verified the address', async () => {
    const existing = await createAccount(db, signUpSchema.parse({ email: 'bo@example.edu', displayName: 'Bo', password: 'a long enough password' }));
    await expect(signIn({ subject: 'bo', email: 'bo@example.edu', emailVerified: false })).rejects.toThrow(
      /already exists, and your institution's sign-in does not confirm that this address is yours/,
    );
    expect(await signIn({ subject: 'bo', email: 'bo@example.edu' })).toEqual(existing);
    expect(await checkSignIn(db, { email: 'bo@example.edu', password: 'a long enough password' })).toEqual(existing);
    await expect(signIn({ subject: 'someone-else', email: 'bo@example.edu' })).rejects.toThrow(/already linked to another institutional sign-in/);
  });

  it('keeps the same subject at two providers apart', async () => {
    const first = await signIn({ subject: 'shared', email: 'dee@example.edu' });
    const second = await signIn({ issuer: 'https://login.other.edu', subject: 'shared', email: 'dee@other.edu' });
    expect(second.id).not.toBe(first.id);
  });
});
