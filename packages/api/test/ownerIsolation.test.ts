// Owner isolation, generated from the router itself: every procedure must appear in `probes`, so
// a new procedure cannot be added without saying how another owner is kept out of it. Each probe
// calls the procedure as Mallory with Alice's ids and expects NOT_FOUND (or, for procedures that
// take no id, shows that Mallory sees none of Alice's data). The operations procedures (`ops.*`)
// act on every owner's tasks, so they refuse a researcher outright: their probes expect
// UNAUTHORIZED for Mallory's session, whatever she passes.
import { readFixtureFile } from '@sift/literature/fixtures';
import type { Criteria } from '@sift/screening';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '@sift/tasks/testing';
import { appRouter } from '../src/index.ts';
import { callerFor as callerForOwner, codeOf, type Caller } from './helpers.ts';

let h: Harness;
const callerFor = (ownerId: string) => callerForOwner(h, ownerId);

/** Alice's things that Mallory will try to reach. */
interface AliceIds {
  taskId: string;
  uploadId: string;
  projectId: string;
  importId: string;
  groupId: string;
  recordIds: string[];
  screeningTaskId: string;
}

const probes: Record<string, (mallory: Caller, alice: AliceIds) => Promise<void>> = {
  // Accounts act on the caller's own browser and account only.
  getAccount: async (mallory) => expect((await mallory.getAccount()).account).toBeNull(),
  signUp: async (mallory, alice) => {
    // Signing up takes Mallory's browser's work, never Alice's.
    const { claimed } = await mallory.signUp({ email: 'mallory@example.org', displayName: 'Mallory', password: 'mallory password' });
    expect(claimed.projects).toBeLessThan(10);
    expect((await h.db.project.findUniqueOrThrow({ where: { id: alice.projectId } })).ownerId).toBe('alice');
  },
  signIn: async (mallory) => expect(await codeOf(mallory.signIn({ email: 'alice@example.org', password: 'a guess at it' }))).toBe('UNAUTHORIZED'),
  signOut: async (mallory) => expect(await mallory.signOut()).toEqual({ signedOut: true }),
  signOutEverywhere: async (mallory) => expect(await codeOf(mallory.signOutEverywhere())).toBe('UNAUTHORIZED'),
  deleteAccount: async (mallory) => expect(await codeOf(mallory.deleteAccount({ password: 'anything at all', sharedProjects: 'delete' }))).toBe('UNAUTHORIZED'),
  listSessions: async (mallory) => expect(await codeOf(mallory.listSessions())).toBe('UNAUTHORIZED'),
  resetPassword: async (mallory) =>
    expect(await codeOf(mallory.resetPassword({ token: 'x'.repeat(43), password: 'mallory password' }))).toBe('BAD_REQUEST'),
  createTask: async (mallory, alice) => {
    // An upload id is refused like any unknown one, without saying whose it is.
    expect(await codeOf(mallory.createTask({ kind: 'spreadsheet', input: { uploadId: alice.uploadId } }))).toBe('BAD_REQUEST');
  },
  getTaskStatus: async (mallory, alice) => expect(await codeOf(mallory.getTaskStatus({ id: alice.taskId }))).toBe('NOT_FOUND'),
  cancelTask: async (mallory, alice) => expect(await codeOf(mallory.cancelTask({ id: alice.taskId }))).toBe('NOT_FOUND'),
  retryTask: async (mallory, alice) => expect(await codeOf(mallory.retryTask({ id: alice.taskId }))).toBe('NOT_FOUND'),
  listTasks: async (mallory, alice) => expect((await mallory.listTasks()).map((task) => task.id)).not.toContain(alice.taskId),
  getDataset: async (mallory, alice) => expect(await codeOf(mallory.getDataset({ taskId: alice.taskId }))).toBe('NOT_FOUND'),
  getDatasetRows: async (mallory, alice) => expect(await codeOf(mallory.getDatasetRows({ taskId: alice.taskId }))).toBe('NOT_FOUND'),
  getSheetChoices: async (mallory, alice) => expect(await codeOf(mallory.getSheetChoices({ taskId: alice.taskId }))).toBe('NOT_FOUND'),
  getSettings: async (mallory) => expect(await mallory.getSettings()).toEqual({ uploadLimitBytes: 1 << 20, trashDays: 30, mail: false }),
  createProject: async (mallory, alice) => expect((await mallory.createProject({ name: 'Own', question: '' })).id).not.toBe(alice.projectId),
  listProjects: async (mallory, alice) => expect((await mallory.listProjects()).map((project) => project.id)).not.toContain(alice.projectId),
  getProject: async (mallory, alice) => expect(await codeOf(mallory.getProject({ projectId: alice.projectId }))).toBe('NOT_FOUND'),
  importLiterature: async (mallory, alice) =>
    expect(await codeOf(mallory.importLiterature({ projectId: alice.projectId, uploadId: alice.uploadId }))).toBe('NOT_FOUND'),
  remapImportColumns: async (mallory, alice) => {
    expect(await codeOf(mallory.remapImportColumns({ importId: alice.importId, columns: { title: 0 } }))).toBe('NOT_FOUND');
    // Nor can a task of Mallory's own project and upload write into Alice's import.
    const project = await mallory.createProject({ name: 'Mallory review', question: '' });
    const upload = await h.upload('mallory', 'theirs.csv', new TextEncoder().encode('Title\nTheirs\n'));
    const input = { projectId: project.id, uploadId: upload.id, importId: alice.importId, columns: { title: 0 } };
    await expect(mallory.createTask({ kind: 'literature-import', input })).rejects.toThrow('That import was not found in this project.');
  },
  startDedup: async (mallory, alice) => expect(await codeOf(mallory.startDedup({ projectId: alice.projectId }))).toBe('NOT_FOUND'),
  listImports: async (mallory, alice) => expect(await codeOf(mallory.listImports({ projectId: alice.projectId }))).toBe('NOT_FOUND'),
  listRecords: async (mallory, alice) => expect(await codeOf(mallory.listRecords({ projectId: alice.projectId }))).toBe('NOT_FOUND'),
  listDuplicateGroups: async (mallory, alice) =>
    expect(await codeOf(mallory.listDuplicateGroups({ projectId: alice.projectId }))).toBe('NOT_FOUND'),
  splitDuplicateGroup: async (mallory, alice) =>
    expect(await codeOf(mallory.splitDuplicateGroup({ groupId: alice.groupId, recordIds: alice.recordIds.slice(0, 1) }))).toBe('NOT_FOUND'),
  getScreening: async (mallory, alice) => expect(await codeOf(mallory.getScreening({ projectId: alice.projectId }))).toBe('NOT_FOUND'),
  saveCriteria: async (mallory, alice) =>
    expect(await codeOf(mallory.saveCriteria({ projectId: alice.projectId, criteria: screeningCriteria }))).toBe('NOT_FOUND'),
  startScreening: async (mallory, alice) => expect(await codeOf(mallory.startScreening({ projectId: alice.projectId }))).toBe('NOT_FOUND'),
  listScreenedRecords: async (mallory, alice) =>
    expect(await codeOf(mallory.listScreenedRecords({ projectId: alice.projectId, taskId: alice.screeningTaskId }))).toBe('NOT_FOUND'),
  listUnscreenedRecords: async (mallory, alice) =>
    expect(await codeOf(mallory.listUnscreenedRecords({ projectId: alice.projectId, taskId: alice.screeningTaskId }))).toBe('NOT_FOUND'),
  reviewRecord: async (mallory, alice) => {
    const own = await mallory.createProject({ name: 'Mallory review', question: '' });
    for (const projectId of [alice.projectId, own.id]) {
      const review = { projectId, taskId: alice.screeningTaskId, recordId: alice.recordIds[0]!, decision: 'exclude' as const };
      expect(await codeOf(mallory.reviewRecord(review))).toBe('NOT_FOUND');
    }
  },
  undoReview: async (mallory, alice) => {
    const own = await mallory.createProject({ name: 'Mallory review', question: '' });
    for (const projectId of [alice.projectId, own.id]) {
      expect(await codeOf(mallory.undoReview({ projectId, taskId: alice.screeningTaskId, recordId: alice.recordIds[0]! }))).toBe('NOT_FOUND');
    }
  },
  setScreeningSettings: async (mallory, alice) => {
    expect(await codeOf(mallory.setScreeningSettings({ projectId: alice.projectId, screeningMode: 'dual', hideScreener: true }))).toBe('NOT_FOUND');
    expect(await h.db.project.findUniqueOrThrow({ where: { id: alice.projectId }, select: { screeningMode: true, hideScreener: true } })).toEqual({ screeningMode: 'single', hideScreener: false });
  },
  resolveConflict: async (mallory, alice) => {
    // Through her own project Mallory cannot reach Alice's run either.
    const own = await mallory.createProject({ name: 'Mallory review', question: '' });
    for (const projectId of [alice.projectId, own.id]) {
      const resolution = { projectId, taskId: alice.screeningTaskId, recordId: alice.recordIds[0]!, decision: 'exclude' as const, note: 'mine now' };
      expect(await codeOf(mallory.resolveConflict(resolution))).toBe('NOT_FOUND');
    }
    expect(await h.db.screeningReview.count({ where: { projectId: alice.projectId, kind: 'resolution' } })).toBe(0);
  },
  undoResolution: async (mallory, alice) => {
    const own = await mallory.createProject({ name: 'Mallory review', question: '' });
    for (const projectId of [alice.projectId, own.id]) {
      expect(await codeOf(mallory.undoResolution({ projectId, taskId: alice.screeningTaskId, recordId: alice.recordIds[0]! }))).toBe('NOT_FOUND');
    }
  },
  getAgreement: async (mallory, alice) => {
    const own = await mallory.createProject({ name: 'Mallory review', question: '' });
    for (const projectId of [alice.projectId, own.id]) expect(await codeOf(mallory.getAgreement({ projectId, taskId: alice.screeningTaskId }))).toBe('NOT_FOUND');
  },
  // Pure: it describes the criteria it is given and reads nobody's data.
  previewCriteria: async (mallory) => {
    const preview = await mallory.previewCriteria({
      criteria: { population: 'adults', intervention: 'statins', comparator: '', outcomes: '', designs: [], include: [], exclude: [], yearFrom: null, yearTo: null, languages: [] },
    });
    expect(preview.fields.map((field) => field.field)).toContain('intervention');
  },
  undoSplit: async (mallory, alice) => {
    // A split of Alice's, as the split procedure stores it: Mallory cannot undo it.
    const [recordA, recordB] = [...alice.recordIds].sort();
    const splitId = crypto.randomUUID();
    await h.db.keepApart.create({ data: { projectId: alice.projectId, recordA: recordA!, recordB: recordB!, splitId } });
    expect(await codeOf(mallory.undoSplit({ splitId }))).toBe('NOT_FOUND');
    expect(await h.db.keepApart.count({ where: { splitId } })).toBe(1);
    await h.db.keepApart.deleteMany({ where: { splitId } });
  },
  deleteTask: async (mallory, alice) => expect(await codeOf(mallory.deleteTask({ id: alice.taskId }))).toBe('NOT_FOUND'),
  deleteProject: async (mallory, alice) => expect(await codeOf(mallory.deleteProject({ projectId: alice.projectId }))).toBe('NOT_FOUND'),
  describeImportDeletion: async (mallory, alice) => expect(await codeOf(mallory.describeImportDeletion({ importId: alice.importId }))).toBe('NOT_FOUND'),
  deleteImport: async (mallory, alice) => {
    expect(await codeOf(mallory.deleteImport({ importId: alice.importId }))).toBe('NOT_FOUND');
    expect((await h.db.literatureImport.findUniqueOrThrow({ where: { id: alice.importId } })).deletedAt).toBeNull();
  },
  listTrash: async (mallory) => expect(await mallory.listTrash()).toEqual([]),
  restoreFromTrash: async (mallory, alice) => {
    // Alice's project in her trash stays hers to restore.
    await h.db.project.update({ where: { id: alice.projectId }, data: { deletedAt: new Date() } });
    expect(await codeOf(mallory.restoreFromTrash({ kind: 'project', id: alice.projectId }))).toBe('NOT_FOUND');
    expect(await codeOf(mallory.restoreFromTrash({ kind: 'task', id: alice.taskId }))).toBe('NOT_FOUND');
    await h.db.project.update({ where: { id: alice.projectId }, data: { deletedAt: null } });
    // So does an import of hers in the trash.
    await h.db.literatureImport.update({ where: { id: alice.importId }, data: { deletedAt: new Date() } });
    expect(await codeOf(mallory.restoreFromTrash({ kind: 'import', id: alice.importId }))).toBe('NOT_FOUND');
    expect(await mallory.listTrash()).toEqual([]);
    await h.db.literatureImport.update({ where: { id: alice.importId }, data: { deletedAt: null } });
  },
  listMembers: async (mallory, alice) => expect(await codeOf(mallory.listMembers({ projectId: alice.projectId }))).toBe('NOT_FOUND'),
  createInvite: async (mallory, alice) => expect(await codeOf(mallory.createInvite({ projectId: alice.projectId, role: 'owner' }))).toBe('NOT_FOUND'),
  // Joining needs an account, and then a link only an owner can make.
  joinProject: async (mallory) => expect(await codeOf(mallory.joinProject({ token: 'x'.repeat(43) }))).toBe('UNAUTHORIZED'),
  setMemberRole: async (mallory, alice) => {
    expect(await codeOf(mallory.setMemberRole({ projectId: alice.projectId, memberId: 'mallory', role: 'owner' }))).toBe('NOT_FOUND');
    expect(await codeOf(mallory.setMemberRole({ projectId: alice.projectId, memberId: 'alice', role: null }))).toBe('NOT_FOUND');
  },
  listPossibleDuplicates: async (mallory, alice) =>
    expect(await codeOf(mallory.listPossibleDuplicates({ projectId: alice.projectId }))).toBe('NOT_FOUND'),
  decidePossibleDuplicate: async (mallory, alice) => {
    // A pair of Alice's as de-duplication lists it: Mallory can neither merge nor dismiss it.
    const [recordA, recordB] = [...alice.recordIds].sort() as [string, string];
    await h.db.possibleDuplicate.create({ data: { projectId: alice.projectId, recordA, recordB, similarity: 0.95, keptApartBy: 'first authors differ' } });
    for (const verdict of ['merge', 'keep_apart'] as const) {
      expect(await codeOf(mallory.decidePossibleDuplicate({ recordIds: [recordA, recordB], verdict }))).toBe('NOT_FOUND');
    }
    expect(await h.db.pairDecision.count({ where: { projectId: alice.projectId } })).toBe(0);
    await h.db.possibleDuplicate.deleteMany({ where: { recordA, recordB } });
  },
  undoPairDecision: async (mallory, alice) => {
    const [recordA, recordB] = [...alice.recordIds].sort() as [string, string];
    await h.db.pairDecision.create({ data: { projectId: alice.projectId, recordA, recordB, verdict: 'keep_apart', evidence: {} } });
    expect(await codeOf(mallory.undoPairDecision({ recordIds: [recordB, recordA] }))).toBe('NOT_FOUND');
    expect(await h.db.pairDecision.count({ where: { recordA, recordB } })).toBe(1);
    await h.db.pairDecision.deleteMany({ where: { recordA, recordB } });
  },
  getRanking: async (mallory, alice) => expect(await codeOf(mallory.getRanking({ projectId: alice.projectId }))).toBe('NOT_FOUND'),
  rerank: async (mallory, alice) => expect(await codeOf(mallory.rerank({ projectId: alice.projectId }))).toBe('NOT_FOUND'),
  getStopping: async (mallory, alice) => expect(await codeOf(mallory.getStopping({ projectId: alice.projectId, taskId: alice.screeningTaskId }))).toBe('NOT_FOUND'),
  startStoppingTest: async (mallory, alice) =>
    expect(await codeOf(mallory.startStoppingTest({ projectId: alice.projectId, taskId: alice.screeningTaskId }))).toBe('NOT_FOUND'),
  applyStoppingRule: async (mallory, alice) =>
    expect(await codeOf(mallory.applyStoppingRule({ projectId: alice.projectId, taskId: alice.screeningTaskId }))).toBe('NOT_FOUND'),
  undoStoppingRule: async (mallory, alice) =>
    expect(await codeOf(mallory.undoStoppingRule({ projectId: alice.projectId, taskId: alice.screeningTaskId }))).toBe('NOT_FOUND'),
  getSecondOpinion: async (mallory, alice) =>
    expect(await codeOf(mallory.getSecondOpinion({ projectId: alice.projectId, taskId: alice.screeningTaskId }))).toBe('NOT_FOUND'),
  startSecondOpinion: async (mallory, alice) => {
    const own = await mallory.createProject({ name: 'Mallory review', question: '' });
    for (const projectId of [alice.projectId, own.id]) {
      expect(await codeOf(mallory.startSecondOpinion({ projectId, taskId: alice.screeningTaskId }))).toBe('NOT_FOUND');
    }
    expect(await h.db.task.count({ where: { kind: 'screening-second-opinion' } })).toBe(0);
  },
  getReviewHistory: async (mallory, alice) =>
    expect(await codeOf(mallory.getReviewHistory({ projectId: alice.projectId, recordId: alice.recordIds[0]! }))).toBe('NOT_FOUND'),
  getPrismaFlow: async (mallory, alice) =>
    expect(await codeOf(mallory.getPrismaFlow({ projectId: alice.projectId, taskId: alice.screeningTaskId }))).toBe('NOT_FOUND'),
  attachFullText: async (mallory, alice) => {
    expect(await codeOf(mallory.attachFullText({ projectId: alice.projectId, uploadId: alice.uploadId }))).toBe('NOT_FOUND');
    // Nor can Alice's upload be read into a project of Mallory's.
    const own = await mallory.createProject({ name: 'Mallory review', question: '' });
    expect(await codeOf(mallory.attachFullText({ projectId: own.id, uploadId: alice.uploadId }))).toBe('BAD_REQUEST');
  },
  listFullTexts: async (mallory, alice) => expect(await codeOf(mallory.listFullTexts({ projectId: alice.projectId }))).toBe('NOT_FOUND'),
  setFullTextRecord: async (mallory, alice) => {
    const fullTextId = await aliceFullText(alice);
    expect(await codeOf(mallory.setFullTextRecord({ fullTextId, recordId: null }))).toBe('NOT_FOUND');
    expect(await h.db.fullText.findUniqueOrThrow({ where: { id: fullTextId } })).toMatchObject({ recordId: alice.recordIds[0], match: 'matched' });
  },
  getFullTextPage: async (mallory, alice) => expect(await codeOf(mallory.getFullTextPage({ fullTextId: await aliceFullText(alice), page: 1 }))).toBe('NOT_FOUND'),
};

/** A full text of Alice's, as the full-text task saves it. */
async function aliceFullText(alice: AliceIds): Promise<string> {
  const taskId = crypto.randomUUID();
  const paper = await h.db.fullText.create({
    data: {
      projectId: alice.projectId, taskId, uploadId: alice.uploadId, fileName: 'paper.pdf', pageCount: 1, hasText: true,
      recordId: alice.recordIds[0]!, match: 'matched', matchedBy: 'doi', matchNote: 'DOI on its first pages', pages: { create: [{ page: 1, text: 'Alice’s paper' }] },
    },
  });
  return paper.id;
}

const screeningCriteria: Criteria = {
  population: 'adults', intervention: 'exercise', comparator: '', outcomes: 'pain',
  designs: [], include: [], exclude: [], yearFrom: null, yearTo: null, languages: [],
};

type OpsCall = (input: unknown) => Promise<unknown>;
const opsProbes = Object.fromEntries(
  Object.keys(appRouter._def.procedures)
    .filter((name) => name.startsWith('ops.'))
    .map((name) => [
      name,
      async (mallory: Caller, alice: AliceIds) => {
        const call = (mallory.ops as unknown as Record<string, OpsCall>)[name.slice('ops.'.length)]!;
        expect(await codeOf(call({ id: alice.taskId, queue: 'spreadsheet', prefix: 'dataset-order:' }))).toBe('UNAUTHORIZED');
      },
    ]),
);
Object.assign(probes, opsProbes);

let alice: AliceIds;

beforeAll(async () => {
  h = await startHarness();
  const owner = callerFor('alice');
  const upload = await h.upload('alice', 'data.csv', new TextEncoder().encode('a,b\n1,2\n'));
  const task = await owner.createTask({ kind: 'spreadsheet', input: { uploadId: upload.id } });
  await h.waitFor('alice', task.id, h.finished);
  const project = await owner.createProject({ name: 'Alice review', question: '' });
  for (const file of ['pubmed.nbib', 'embase.ris']) {
    const bytes = await readFixtureFile(`dedup/${file}`);
    const imported = await owner.importLiterature({ projectId: project.id, uploadId: (await h.upload('alice', file, bytes)).id });
    await h.waitFor('alice', imported.id, h.finished);
  }
  const dedup = await owner.startDedup({ projectId: project.id });
  await h.waitFor('alice', dedup.id, h.finished);
  const [group] = (await owner.listDuplicateGroups({ projectId: project.id })).groups;
  if (!group) throw new Error('the fixtures should give at least one duplicate group');
  await owner.saveCriteria({ projectId: project.id, criteria: screeningCriteria });
  const screening = await owner.startScreening({ projectId: project.id });
  await h.waitFor('alice', screening.id, h.finished);
  const [imported] = await owner.listImports({ projectId: project.id });
  alice = {
    taskId: task.id, uploadId: upload.id, projectId: project.id, importId: imported!.importId!, groupId: group.id,
    recordIds: group.members.map((member) => member.id), screeningTaskId: screening.id,
  };
}, 120_000);
afterAll(() => h.stop());

describe('owner isolation, for every procedure of the router', () => {
  it('has a probe for every procedure (add one when you add a procedure)', () => {
    expect(Object.keys(appRouter._def.procedures).sort()).toEqual(Object.keys(probes).sort());
  });

  it.each(Object.keys(probes))('%s keeps another owner out', async (name) => {
    await probes[name]!(callerFor('mallory'), alice);
  });

  it("leaves Alice's data as it was", async () => {
    const owner = callerFor('alice');
    expect((await owner.getTaskStatus({ id: alice.taskId })).state).toBe('ready');
    const groups = await owner.listDuplicateGroups({ projectId: alice.projectId });
    expect(groups.groups.find((group) => group.id === alice.groupId)?.members.map((member) => member.id)).toEqual(alice.recordIds);
  });
});
