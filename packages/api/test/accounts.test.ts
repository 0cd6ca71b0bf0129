// Accounts through the router, with a browser modelled as its two cookies (its id and its sign-in
// token) resolved as the server resolves them: work without an account moves into the account on
// sign-up and sign-in, sign-out ends the session, SIFT_SIGN_IN=required refuses work without an
// account, and an operator's reset link works once.
import { createSessionResolver, nameActors, type SignedIn } from '@sift/accounts';
import { startHarness, type Harness } from '@sift/tasks/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../src/index.ts';
import { callerFor, codeOf } from './helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

/** One browser: an id for its work without an account, and the sign-in cookie the server last set. */
function browser(options: Partial<Context> = {}) {
  const browserId = crypto.randomUUID();
  const sessions = createSessionResolver(h.db, { cacheMs: 0 });
  let token: string | null = null;
  return {
    browserId,
    get token() {
      return token;
    },
    async caller() {
      const signedIn: SignedIn | null = token ? await sessions.resolve(token) : null;
      return callerFor(h, signedIn?.account.id ?? browserId, {
        browserId,
        signedIn,
        sessions,
        signInCookie: { set: (value) => void (token = value), clear: () => void (token = null) },
        ...options,
      });
    },
  };
}

const password = 'a long enough password';

describe('accounts', () => {
  it('keeps the work done without an account when the person signs up, all of it', async () => {
    const laptop = browser();
    const before = await laptop.caller();
    const project = await before.createProject({ name: 'Statins review', question: '' });
    const upload = await h.upload(laptop.browserId, 'data.csv', new TextEncoder().encode('a\n1\n'));
    const task = await before.createTask({ kind: 'spreadsheet', input: { uploadId: upload.id } });
    await h.waitFor(laptop.browserId, task.id, h.finished);

    const { account, claimed } = await before.signUp({ email: 'Ann@Example.org', displayName: 'Ann', password });
    expect(account).toMatchObject({ email: 'ann@example.org', displayName: 'Ann' });
    expect(claimed).toEqual({ tasks: 1, uploads: 1, projects: 1, decisions: 0 });
    expect(laptop.token).not.toBeNull();

    const after = await laptop.caller();
    expect((await after.getAccount()).account?.email).toBe('ann@example.org');
    expect((await after.listProjects()).map((p) => p.id)).toEqual([project.id]);
    expect((await after.getTaskStatus({ id: task.id })).state).toBe('ready');

    // Signed out, the browser holds nothing: the work is the account's, wherever Ann signs in.
    await after.signOut();
    expect(laptop.token).toBeNull();
    const signedOut = await laptop.caller();
    expect(await signedOut.listProjects()).toEqual([]);
    const desktop = browser();
    await (await desktop.caller()).signIn({ email: 'ann@example.org', password });
    expect((await (await desktop.caller()).listProjects()).map((p) => p.id)).toEqual([project.id]);
  });

  it('takes a second browser\'s work into the account on sign-in', async () => {
    await (await browser().caller()).signUp({ email: 'bo@example.org', displayName: 'Bo', password });
    const other = browser();
    const project = await (await other.caller()).createProject({ name: 'Done at home', question: '' });
    const { claimed } = await (await other.caller()).signIn({ email: 'BO@example.org', password });
    expect(claimed.projects).toBe(1);
    expect((await (await other.caller()).getProject({ projectId: project.id })).name).toBe('Done at home');
  });

  it('refuses a wrong password or a taken email with a message, and throttles guessing', async () => {
    const first = browser();
    await (await first.caller()).signUp({ email: 'cy@example.org', displayName: 'Cy', password });
    const stranger = await browser().caller();
    expect(await codeOf(stranger.signUp({ email: 'cy@example.org', displayName: 'Impostor', password }))).toBe('CONFLICT');
    expect(await codeOf(stranger.signIn({ email: 'cy@example.org', password: 'not the password' }))).toBe('UNAUTHORIZED');
    const throttled = await browser({ takeSignInAttempt: async () => 600 }).caller();
    const error = await throttled.signIn({ email: 'cy@example.org', password }).catch((caught: Error) => caught);
    expect((error as Error).message).toBe('Too many sign-in attempts for this account. Wait 10 min, then try again.');
  });

  it('ends every session on "sign out everywhere"', async () => {
    const laptop = browser();
    await (await laptop.caller()).signUp({ email: 'di@example.org', displayName: 'Di', password });
    const phone = browser();
    await (await phone.caller()).signIn({ email: 'di@example.org', password });
    expect(await (await laptop.caller()).listSessions()).toHaveLength(2);
    expect((await (await phone.caller()).signOutEverywhere()).ended).toBe(2);
    expect((await (await laptop.caller()).getAccount()).account).toBeNull();
    expect(await codeOf((await laptop.caller()).listSessions())).toBe('UNAUTHORIZED');
  });

  it('under SIFT_SIGN_IN=required, refuses work without an account but lets the person sign up', async () => {
    const kiosk = browser({ signIn: 'required' });
    const anonymous = await kiosk.caller();
    expect(await codeOf(anonymous.listProjects())).toBe('UNAUTHORIZED');
    expect(await codeOf(anonymous.createProject({ name: 'x', question: '' }))).toBe('UNAUTHORIZED');
    expect((await anonymous.getAccount()).signIn).toBe('required');
    await anonymous.signUp({ email: 'ed@example.org', displayName: 'Ed', password });
    expect(await (await kiosk.caller()).listProjects()).toEqual([]);
  });
});

describe('closing an account', () => {
  it('hands a shared project to its reviewer or trashes it, as chosen, and keeps the decisions named', async () => {
    const olga = browser();
    const { account: olgaAccount } = await (await olga.caller()).signUp({ email: 'olga@example.org', displayName: 'Olga', password });
    const shared = await (await olga.caller()).createProject({ name: 'Shared', question: '' });
    const alone = await (await olga.caller()).createProject({ name: 'Alone', question: '' });
    const rui = browser();
    await (await rui.caller()).signUp({ email: 'rui@example.org', displayName: 'Rui', password });
    const invite = await (await olga.caller()).createInvite({ projectId: shared.id, role: 'reviewer' });
    await (await rui.caller()).joinProject({ token: invite.path.split('/').at(-1)! });

    expect(await codeOf((await olga.caller()).deleteAccount({ password: 'not my password', sharedProjects: 'hand-over' }))).toBe('UNAUTHORIZED');
    const outcome = await (await olga.caller()).deleteAccount({ password, sharedProjects: 'hand-over' });
    expect(outcome).toEqual({ left: 1, handedOver: 1, deleted: 1, files: 0 });
    expect(olga.token).toBeNull();
    expect(await codeOf((await browser().caller()).signIn({ email: 'olga@example.org', password }))).toBe('UNAUTHORIZED');

    const ruiNow = await rui.caller();
    expect((await ruiNow.listProjects()).map((p) => [p.name, p.role])).toEqual([['Shared', 'owner']]);
    expect((await ruiNow.listMembers({ projectId: shared.id })).map((m) => m.name)).toEqual(['Rui']);
    expect(await h.db.project.findUniqueOrThrow({ where: { id: alone.id } })).toMatchObject({ deletedAt: expect.any(Date) });
    expect((await nameActors(h.db, [olgaAccount.id], rui.browserId)).get(olgaAccount.id)).toBe('Olga (account closed)');
  });

  it('takes a shared project it solely owns to the trash when the person chooses "delete"', async () => {
    const olga = browser();
    await (await olga.caller()).signUp({ email: 'olga2@example.org', displayName: 'Olga', password });
    const shared = await (await olga.caller()).createProject({ name: 'Shared', question: '' });
    const viewer = browser();
    await (await viewer.caller()).signUp({ email: 'vic@example.org', displayName: 'Vic', password });
    const invite = await (await olga.caller()).createInvite({ projectId: shared.id, role: 'viewer' });
    await (await viewer.caller()).joinProject({ token: invite.path.split('/').at(-1)! });
    await (await olga.caller()).deleteAccount({ password, sharedProjects: 'delete' });
    expect(await codeOf((await viewer.caller()).getProject({ projectId: shared.id }))).toBe('NOT_FOUND');
  });
});

describe('password reset by an operator', () => {
  const operator = () => callerFor(h, 'not-an-owner', {}, { state: 'admitted', operator: { name: 'dana', address: '192.0.2.1' } });

  it('issues a one-time link, audited, that sets a new password and signs the person in', async () => {
    const laptop = browser();
    await (await laptop.caller()).signUp({ email: 'gu@example.org', displayName: 'Gu', password });
    const link = await operator().ops.issuePasswordReset({ email: 'GU@example.org' });
    expect(link.path).toMatch(/^\/#\/reset\/[\w-]{40,}$/);
    const [action] = await operator().ops.actions({ limit: 1 });
    expect(action).toMatchObject({ operator: 'dana', action: 'issue-password-reset', target: 'gu@example.org' });
    expect(JSON.stringify(action)).not.toContain(link.path.split('/').at(-1)!);

    const token = link.path.split('/').at(-1)!;
    const elsewhere = browser();
    const reset = await (await elsewhere.caller()).resetPassword({ token, password: 'the new password' });
    expect(reset.account.email).toBe('gu@example.org');
    expect((await (await elsewhere.caller()).getAccount()).account?.email).toBe('gu@example.org');
    expect((await (await laptop.caller()).getAccount()).account).toBeNull(); // the old session ended
    expect(await codeOf((await browser().caller()).resetPassword({ token, password: 'yet another password' }))).toBe('BAD_REQUEST');
    expect(await codeOf(operator().ops.issuePasswordReset({ email: 'nobody@example.org' }))).toBe('NOT_FOUND');
    expect(await codeOf((await browser().caller()).ops.issuePasswordReset({ email: 'gu@example.org' }))).toBe('UNAUTHORIZED');
  });
});
