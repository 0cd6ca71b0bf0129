// A researcher's screening decisions are never lost: they stay in force after another file is
// imported and de-duplication picks another copy to stand for a group, after a group is split,
// and under a new criteria version; each can be undone, and PRISMA counts each record once.
import { readFixtureFile } from '@sift/literature/fixtures';
import type { Criteria } from '@sift/screening';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '@sift/tasks/testing';
import { callerFor, codeOf } from './helpers.ts';

let h: Harness;
const bob = () => callerFor(h, 'bob');
let projectId: string;

const criteria: Criteria = {
  population: 'older adults in hospital or intensive care', intervention: 'early mobilisation', comparator: 'usual care', outcomes: 'delirium',
  designs: ['rct'], include: [], exclude: [], yearFrom: null, yearTo: null, languages: [],
};

async function importFile(file: string) {
  const upload = await h.upload('bob', file, await readFixtureFile(`dedup/${file}`));
  const task = await bob().importLiterature({ projectId, uploadId: upload.id });
  await h.waitFor('bob', task.id, h.finished);
  const dedup = await bob().startDedup({ projectId });
  await h.waitFor('bob', dedup.id, h.finished);
}

async function screen() {
  const started = await bob().startScreening({ projectId });
  await h.waitFor('bob', started.id, h.finished);
  return started.id;
}

const allRecords = async (taskId: string) => (await bob().listScreenedRecords({ projectId, taskId, limit: 200 })).records;

/** The ids of every copy in the group of `recordId` now (itself when it is in no group). */
async function copiesOf(recordId: string): Promise<string[]> {
  const member = await h.db.duplicateGroupMember.findUnique({ where: { recordId } });
  if (!member) return [recordId];
  return (await h.db.duplicateGroupMember.findMany({ where: { groupId: member.groupId } })).map((row) => row.recordId);
}

beforeAll(async () => {
  h = await startHarness();
  projectId = (await bob().createProject({ name: 'Kept decisions', question: '' })).id;
  await importFile('pubmed.nbib');
  await bob().saveCriteria({ projectId, criteria });
}, 120_000);
afterAll(() => h.stop());

describe("the researcher's decisions", () => {
  it('stay in force after a re-import and a re-dedup that picks other copies to stand for the groups, counted once in PRISMA', async () => {
    const first = await screen();
    const records = await allRecords(first);
    const decided = new Map<string, 'include' | 'exclude'>();
    for (const [index, record] of records.entries()) {
      const decision = index % 2 ? 'include' : 'exclude';
      await bob().reviewRecord({ projectId, taskId: first, recordId: record.id, decision });
      decided.set(record.id, decision);
    }

    await importFile('embase.ris');
    // Make sure other copies stand for the groups: the Embase copy becomes each group's primary.
    const { groups } = await bob().listDuplicateGroups({ projectId, limit: 50 });
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups) {
      const embase = group.members.find((member) => member.fileName === 'embase.ris');
      const primary = group.members.find((member) => member.rank === 0)!;
      if (!embase || embase.id === primary.id) continue;
      await h.db.$transaction([
        h.db.duplicateGroupMember.update({ where: { recordId: embase.id }, data: { rank: 0 } }),
        h.db.duplicateGroupMember.update({ where: { recordId: primary.id }, data: { rank: embase.rank } }),
      ]);
    }

    const second = await screen();
    const now = await allRecords(second);
    const movedPrimaries = now.filter((record) => !decided.has(record.id) && record.human !== null);
    expect(movedPrimaries.length).toBeGreaterThan(0); // decisions that reached a group through another copy
    for (const [recordId, decision] of decided) {
      const copies = new Set(await copiesOf(recordId));
      const standing = now.filter((record) => copies.has(record.id));
      expect(standing).toHaveLength(1);
      expect(standing[0]).toMatchObject({ human: decision, effective: decision });
    }
    const history = await bob().getReviewHistory({ projectId, recordId: movedPrimaries[0]!.id });
    expect(history[0]).toMatchObject({ onAnotherCopy: true, undoneAt: null });

    const prisma = await bob().getPrismaFlow({ projectId, taskId: second });
    expect(prisma.problems).toEqual([]);
    const page = await bob().listScreenedRecords({ projectId, taskId: second, limit: 200 });
    expect(prisma.counts.screened).toBe(page.total);
    expect(page.counts.reviewed).toBe(decided.size);
    const includes = [...decided.values()].filter((decision) => decision === 'include').length;
    expect(prisma.counts.excludedByPerson).toBe(decided.size - includes);
    expect(prisma.counts.included).toBe(page.counts.include);
    expect(page.counts.include).toBeGreaterThanOrEqual(includes);
  });

  it('reach both sides of a split group', async () => {
    const taskId = await screen();
    const group = (await bob().listDuplicateGroups({ projectId, limit: 50 })).groups[0]!;
    const primary = group.members.find((member) => member.rank === 0)!.id;
    const other = group.members.find((member) => member.rank !== 0)!.id;
    await bob().reviewRecord({ projectId, taskId, recordId: primary, decision: 'uncertain', note: 'check the full text' });
    await bob().splitDuplicateGroup({ groupId: group.id, recordIds: [other] });
    const after = await allRecords(await screen());
    for (const id of [primary, other]) {
      const standing = after.find((record) => record.id === id);
      expect(standing, `record ${id} is screened on its own after the split`).toBeDefined();
      expect(standing).toMatchObject({ human: 'uncertain', note: 'check the full text' });
    }
  });

  it('show the criteria version they were made under once the criteria change', async () => {
    const taskId = await screen();
    const [record] = await allRecords(taskId);
    await bob().reviewRecord({ projectId, taskId, recordId: record!.id, decision: 'include' });
    const older = (await bob().getScreening({ projectId })).criteria!.version;
    await bob().saveCriteria({ projectId, criteria: { ...criteria, yearFrom: 1990 } });
    const newer = await screen();
    const now = (await allRecords(newer)).find((candidate) => candidate.id === record!.id)!;
    expect(now).toMatchObject({ human: 'include', reviewedUnder: older });
    expect((await bob().getScreening({ projectId })).criteria!.version).toBe(older + 1);
  });

  it('can be undone one at a time, back to the screener, and the audit trail keeps the undone ones', async () => {
    const taskId = await screen();
    const record = (await allRecords(taskId)).find((candidate) => candidate.human === null)!;
    await bob().reviewRecord({ projectId, taskId, recordId: record.id, decision: 'exclude' });
    await bob().reviewRecord({ projectId, taskId, recordId: record.id, decision: 'include' });
    expect(await bob().undoReview({ projectId, taskId, recordId: record.id })).toEqual({ undone: 'include', now: 'exclude' });
    expect(await bob().undoReview({ projectId, taskId, recordId: record.id })).toEqual({ undone: 'exclude', now: record.machine });
    expect(await codeOf(bob().undoReview({ projectId, taskId, recordId: record.id }))).toBe('NOT_FOUND');
    const row = (await allRecords(taskId)).find((candidate) => candidate.id === record.id)!;
    expect(row).toMatchObject({ human: null, effective: record.machine });
    const history = await bob().getReviewHistory({ projectId, recordId: record.id });
    expect(history.map((entry) => [entry.decision, entry.undoneAt !== null])).toEqual([
      ['include', true],
      ['exclude', true],
    ]);
    expect(await codeOf(callerFor(h, 'mallory').undoReview({ projectId, taskId, recordId: record.id }))).toBe('NOT_FOUND');
  });
});
