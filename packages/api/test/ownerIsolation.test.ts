// Owner isolation, generated from the router itself: every procedure must appear in `probes`, so
// a new procedure cannot be added without saying how another owner is kept out of it. Each probe
// calls the procedure as Mallory with Alice's ids and expects NOT_FOUND (or, for procedures that
// take no id, shows that Mallory sees none of Alice's data).
import { readFixtureFile } from '@sift/literature/fixtures';
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
}

const probes: Record<string, (mallory: Caller, alice: AliceIds) => Promise<void>> = {
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
  getSettings: async (mallory) => expect(await mallory.getSettings()).toEqual({ uploadLimitBytes: 1 << 20 }),
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
};

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
  const [imported] = await owner.listImports({ projectId: project.id });
  alice = {
    taskId: task.id, uploadId: upload.id, projectId: project.id, importId: imported!.importId!, groupId: group.id, recordIds: group.members.map((member) => member.id),
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
