// Roles on a shared project, generated from the router like the owner-isolation test: every
// procedure says the least project role it needs (or that it is not about one project), and each
// is called by a member one role short (FORBIDDEN) and by one with the role (allowed). Members
// join through a real invitation link; the owner signs in with a real account.
import { TRPCError } from '@trpc/server';
import { readFixtureFile } from '@sift/literature/fixtures';
import { createAccount, type SignedIn } from '@sift/accounts';
import type { Criteria } from '@sift/screening';
import { startHarness, type Harness } from '@sift/tasks/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../src/index.ts';
import { callerFor, codeOf, type Caller } from './helpers.ts';

let h: Harness;

interface Ids {
  projectId: string;
  taskId: string;
  groupId: string;
  recordId: string;
  importId: string;
  splitId: string;
  /** Two records of the project, as a pair the duplicate review names. */
  pair: [string, string];
  fullTextId: string;
}
type Call = (caller: Caller, ids: Ids) => Promise<unknown>;
type Need = 'viewer' | 'reviewer' | 'owner';

const run = (ids: Ids) => ({ projectId: ids.projectId, taskId: ids.taskId });
const criteria: Criteria = {
  population: 'adults', intervention: 'exercise', comparator: '', outcomes: 'pain',
  designs: [], include: [], exclude: [], yearFrom: null, yearTo: null, languages: [],
};

/** Project procedures: the least role each needs, and a call to make with it. */
const projectProcedures: Record<string, { needs: Need; call: Call }> = {
  getProject: { needs: 'viewer', call: (c, ids) => c.getProject({ projectId: ids.projectId }) },
  listImports: { needs: 'viewer', call: (c, ids) => c.listImports({ projectId: ids.projectId }) },
  listRecords: { needs: 'viewer', call: (c, ids) => c.listRecords({ projectId: ids.projectId }) },
  listDuplicateGroups: { needs: 'viewer', call: (c, ids) => c.listDuplicateGroups({ projectId: ids.projectId }) },
  getScreening: { needs: 'viewer', call: (c, ids) => c.getScreening({ projectId: ids.projectId }) },
  listScreenedRecords: { needs: 'viewer', call: (c, ids) => c.listScreenedRecords(run(ids)) },
  listUnscreenedRecords: { needs: 'viewer', call: (c, ids) => c.listUnscreenedRecords(run(ids)) },
  getReviewHistory: { needs: 'viewer', call: (c, ids) => c.getReviewHistory({ projectId: ids.projectId, recordId: ids.recordId }) },
  getPrismaFlow: { needs: 'viewer', call: (c, ids) => c.getPrismaFlow(run(ids)) },
  getRanking: { needs: 'viewer', call: (c, ids) => c.getRanking({ projectId: ids.projectId }) },
  getSecondOpinion: { needs: 'viewer', call: (c, ids) => c.getSecondOpinion(run(ids)) },
  startSecondOpinion: { needs: 'owner', call: (c, ids) => c.startSecondOpinion(run(ids)) },
  listPossibleDuplicates: { needs: 'viewer', call: (c, ids) => c.listPossibleDuplicates({ projectId: ids.projectId }) },
  decidePossibleDuplicate: { needs: 'owner', call: (c, ids) => c.decidePossibleDuplicate({ recordIds: ids.pair, verdict: 'keep_apart' }) },
  undoPairDecision: { needs: 'owner', call: (c, ids) => c.undoPairDecision({ recordIds: ids.pair }) },
  getStopping: { needs: 'viewer', call: (c, ids) => c.getStopping(run(ids)) },
  listMembers: { needs: 'viewer', call: (c, ids) => c.listMembers({ projectId: ids.projectId }) },
  getTaskStatus: { needs: 'viewer', call: (c, ids) => c.getTaskStatus({ id: ids.taskId }) },
  reviewRecord: { needs: 'reviewer', call: (c, ids) => c.reviewRecord({ ...run(ids), recordId: ids.recordId, decision: 'include' }) },
  undoReview: { needs: 'reviewer', call: (c, ids) => c.undoReview({ ...run(ids), recordId: ids.recordId }) },
  rerank: { needs: 'reviewer', call: (c, ids) => c.rerank({ projectId: ids.projectId }) },
  startStoppingTest: { needs: 'reviewer', call: (c, ids) => c.startStoppingTest(run(ids)) },
  setScreeningSettings: { needs: 'owner', call: (c, ids) => c.setScreeningSettings({ projectId: ids.projectId, hideScreener: false }) },
  resolveConflict: { needs: 'owner', call: (c, ids) => c.resolveConflict({ ...run(ids), recordId: ids.recordId, decision: 'include', note: 'both in scope' }) },
  undoResolution: { needs: 'owner', call: (c, ids) => c.undoResolution({ ...run(ids), recordId: ids.recordId }) },
  getAgreement: { needs: 'owner', call: (c, ids) => c.getAgreement(run(ids)) },
  importLiterature: { needs: 'owner', call: (c, ids) => c.importLiterature({ projectId: ids.projectId, uploadId: crypto.randomUUID() }) },
  remapImportColumns: { needs: 'owner', call: (c, ids) => c.remapImportColumns({ importId: ids.importId, columns: { title: 0 } }) },
  startDedup: { needs: 'owner', call: (c, ids) => c.startDedup({ projectId: ids.projectId }) },
  splitDuplicateGroup: { needs: 'owner', call: (c, ids) => c.splitDuplicateGroup({ groupId: ids.groupId, recordIds: [ids.recordId] }) },
  undoSplit: { needs: 'owner', call: (c, ids) => c.undoSplit({ splitId: ids.splitId }) },
  saveCriteria: { needs: 'owner', call: (c, ids) => c.saveCriteria({ projectId: ids.projectId, criteria }) },
  startScreening: { needs: 'owner', call: (c, ids) => c.startScreening({ projectId: ids.projectId }) },
  applyStoppingRule: { needs: 'owner', call: (c, ids) => c.applyStoppingRule(run(ids)) },
  undoStoppingRule: { needs: 'owner', call: (c, ids) => c.undoStoppingRule(run(ids)) },
  createInvite: { needs: 'owner', call: (c, ids) => c.createInvite({ projectId: ids.projectId, role: 'viewer' }) },
  setMemberRole: { needs: 'owner', call: (c, ids) => c.setMemberRole({ projectId: ids.projectId, memberId: 'someone', role: 'owner' }) },
  deleteProject: { needs: 'owner', call: (c, ids) => c.deleteProject({ projectId: ids.projectId }) },
  describeImportDeletion: { needs: 'owner', call: (c, ids) => c.describeImportDeletion({ importId: ids.importId }) },
  deleteImport: { needs: 'owner', call: (c, ids) => c.deleteImport({ importId: ids.importId }) },
  cancelTask: { needs: 'owner', call: (c, ids) => c.cancelTask({ id: ids.taskId }) },
  listFullTexts: { needs: 'viewer', call: (c, ids) => c.listFullTexts({ projectId: ids.projectId }) },
  getFullTextPage: { needs: 'viewer', call: (c, ids) => c.getFullTextPage({ fullTextId: ids.fullTextId, page: 1 }) },
  attachFullText: { needs: 'reviewer', call: (c, ids) => c.attachFullText({ projectId: ids.projectId, uploadId: crypto.randomUUID() }) },
  setFullTextRecord: { needs: 'reviewer', call: (c, ids) => c.setFullTextRecord({ fullTextId: ids.fullTextId, recordId: ids.recordId }) },
  retryTask: { needs: 'owner', call: (c, ids) => c.retryTask({ id: ids.taskId }) },
};

/** Procedures not about one project (the owner-isolation test covers them). */
const notProjectScoped = [
  'createTask', 'listTasks', 'getDataset', 'getDatasetRows', 'getSheetChoices', 'getSettings', 'createProject', 'listProjects', 'previewCriteria', 'joinProject',
  'deleteTask', 'listTrash', 'restoreFromTrash', 'getAccount', 'signUp', 'signIn', 'signOut', 'signOutEverywhere', 'listSessions', 'deleteAccount', 'resetPassword',
];

let ids: Ids;
const people: Record<'owner' | 'reviewer' | 'viewer', Caller> = {} as never;

async function person(email: string): Promise<Caller> {
  const account = await createAccount(h.db, { email, displayName: email.split('@')[0]!, password: 'a long enough password' });
  const signedIn: SignedIn = { sessionId: crypto.randomUUID(), account };
  return callerFor(h, account.id, { signedIn });
}

beforeAll(async () => {
  h = await startHarness();
  people.owner = await person('olga@example.org');
  const project = await people.owner.createProject({ name: 'Shared review', question: '' });
  for (const file of ['pubmed.nbib', 'embase.ris']) {
    const owner = (await h.db.account.findUniqueOrThrow({ where: { email: 'olga@example.org' } })).id;
    const imported = await people.owner.importLiterature({ projectId: project.id, uploadId: (await h.upload(owner, file, await readFixtureFile(`dedup/${file}`))).id });
    await h.waitFor(owner, imported.id, h.finished);
  }
  const owner = (await h.db.account.findUniqueOrThrow({ where: { email: 'olga@example.org' } })).id;
  await h.waitFor(owner, (await people.owner.startDedup({ projectId: project.id })).id, h.finished);
  const [group] = (await people.owner.listDuplicateGroups({ projectId: project.id })).groups;
  await people.owner.saveCriteria({ projectId: project.id, criteria });
  const screening = await people.owner.startScreening({ projectId: project.id });
  await h.waitFor(owner, screening.id, h.finished);
  const [imported] = await people.owner.listImports({ projectId: project.id });
  // A split as splitDuplicateGroup stores it, for undoSplit to be refused on.
  const splitId = crypto.randomUUID();
  const [recordA, recordB] = group!.members.map((member) => member.id).sort();
  await h.db.keepApart.create({ data: { projectId: project.id, recordA: recordA!, recordB: recordB!, splitId } });
  // A full text as the full-text task saves it (reading PDFs is @sift/fulltext's and the task's to test).
  const fullText = await h.db.fullText.create({
    data: { projectId: project.id, taskId: crypto.randomUUID(), uploadId: crypto.randomUUID(), fileName: 'paper.pdf', pageCount: 1, hasText: true, match: 'unmatched', matchNote: 'no DOI', pages: { create: [{ page: 1, text: 'Methods.' }] } },
  });
  ids = {
    projectId: project.id, taskId: screening.id, groupId: group!.id, recordId: group!.members[0]!.id, importId: imported!.importId!, splitId, pair: [recordA!, recordB!],
    fullTextId: fullText.id,
  };

  for (const role of ['reviewer', 'viewer'] as const) {
    people[role] = await person(`${role}@example.org`);
    const invite = await people.owner.createInvite({ projectId: project.id, role });
    expect(await people[role].joinProject({ token: invite.path.split('/').at(-1)! })).toEqual({ projectId: project.id, role });
  }
}, 180_000);
afterAll(() => h.stop());

const below: Record<Need, ('viewer' | 'reviewer')[]> = { viewer: [], reviewer: ['viewer'], owner: ['viewer', 'reviewer'] };

describe('roles on a shared project, for every procedure of the router', () => {
  it('names the least role of every procedure (add one when you add a procedure)', () => {
    const named = [...Object.keys(projectProcedures), ...notProjectScoped].sort();
    const procedures = Object.keys(appRouter._def.procedures).filter((name) => !name.startsWith('ops.'));
    expect(procedures.sort()).toEqual(named);
  });

  it.each(Object.entries(projectProcedures).filter(([, p]) => p.needs !== 'viewer'))('%s is FORBIDDEN to a member below its role', async (_name, procedure) => {
    for (const role of below[procedure.needs]) expect(await codeOf(procedure.call(people[role], ids))).toBe('FORBIDDEN');
  });

  it.each(Object.entries(projectProcedures).filter(([, p]) => p.needs !== 'owner'))('%s is open to a member with its role', async (_name, procedure) => {
    const caller = people[procedure.needs === 'viewer' ? 'viewer' : 'reviewer'];
    // Let in: it succeeds, or refuses on the merits (the stopping test wants more decisions first).
    const outcome = await procedure.call(caller, ids).then(() => 'ok', (error: unknown) => (error instanceof TRPCError ? error.code : String(error)));
    expect(['ok', 'BAD_REQUEST']).toContain(outcome);
  });

  it('refuses to mail an invitation where the server sends no mail, saying what to do', async () => {
    await expect(people.owner.createInvite({ projectId: ids.projectId, role: 'viewer', email: 'ann@example.org' })).rejects.toThrow(
      'This server does not send mail (its operator has not set SIFT_SMTP_URL). Make a link and send it yourself.',
    );
    expect((await people.owner.createInvite({ projectId: ids.projectId, role: 'viewer' })).mailed).toBe('off');
  });

  it("sees the project in each member's list, with their role, and names the members", async () => {
    for (const role of ['owner', 'reviewer', 'viewer'] as const) {
      expect((await people[role].listProjects()).map((p) => [p.id, p.role])).toEqual([[ids.projectId, role]]);
    }
    const members = await people.viewer.listMembers({ projectId: ids.projectId });
    expect(members.map((m) => [m.name, m.role, m.you])).toEqual([
      ['olga', 'owner', false],
      ['reviewer', 'reviewer', false],
      ['viewer', 'viewer', true],
    ]);
  });

  it("names the reviewer in the record's history that every member reads", async () => {
    await people.reviewer.reviewRecord({ ...run(ids), recordId: ids.recordId, decision: 'exclude', note: 'wrong population' });
    const [latest] = await people.owner.getReviewHistory({ projectId: ids.projectId, recordId: ids.recordId });
    expect(latest).toMatchObject({ reviewerName: 'reviewer', decision: 'exclude', note: 'wrong population' });
  });

  it("lets a co-owner re-read, with other columns, a file another owner imported", async () => {
    const coOwner = await person('co-owner@example.org');
    const invite = await people.owner.createInvite({ projectId: ids.projectId, role: 'owner' });
    await coOwner.joinProject({ token: invite.path.split('/').at(-1)! });
    const olga = (await h.db.account.findUniqueOrThrow({ where: { email: 'olga@example.org' } })).id;
    const csv = new TextEncoder().encode('Heading,Summary,Date\nEarly mobilisation in the ICU,Mobilisation reduced delirium.,2020\n');
    const imported = await people.owner.importLiterature({ projectId: ids.projectId, uploadId: (await h.upload(olga, 'table.csv', csv)).id });
    await h.waitFor(olga, imported.id, h.finished);
    const importId = (await people.owner.listImports({ projectId: ids.projectId })).find((entry) => entry.fileName === 'table.csv')!.importId!;

    const reread = await coOwner.remapImportColumns({ importId, columns: { title: 0, abstract: 1, year: 2 } });
    expect((await h.waitFor(olga, reread.id, h.finished)).at(-1)?.state).toBe('ready');
    expect((await coOwner.getTaskStatus({ id: reread.id })).state).toBe('ready');
    // Olga stays the only owner for the tests after this one.
    const coOwnerId = (await h.db.account.findUniqueOrThrow({ where: { email: 'co-owner@example.org' } })).id;
    await coOwner.setMemberRole({ projectId: ids.projectId, memberId: coOwnerId, role: null });
  });

  it('spends an invitation once, and keeps a project with at least one owner', async () => {
    const invite = await people.owner.createInvite({ projectId: ids.projectId, role: 'reviewer' });
    const token = invite.path.split('/').at(-1)!;
    const first = await person('first@example.org');
    await first.joinProject({ token });
    const second = await person('second@example.org');
    await expect(second.joinProject({ token })).rejects.toThrow('This invitation link has been used or has expired.');
    expect(await codeOf(second.getProject({ projectId: ids.projectId }))).toBe('NOT_FOUND');

    const ownerId = (await h.db.account.findUniqueOrThrow({ where: { email: 'olga@example.org' } })).id;
    await expect(people.owner.setMemberRole({ projectId: ids.projectId, memberId: ownerId, role: 'viewer' })).rejects.toThrow('A project needs an owner.');
    // A member may leave on their own; then the project is gone from their list.
    const firstId = (await h.db.account.findUniqueOrThrow({ where: { email: 'first@example.org' } })).id;
    await first.setMemberRole({ projectId: ids.projectId, memberId: firstId, role: null });
    expect(await first.listProjects()).toEqual([]);
  });
});
