// Deleting one import, through the router: its records leave the project everywhere (records,
// duplicates, screening, counts, PRISMA, exports) and de-duplication runs again; a restore brings
// every record and decision back; the purge after the retention period removes the import, its
// records, its tasks and its upload, and keeps a decision that also covered a copy elsewhere
// (checked in Postgres).
import { readFixtureFile } from '@sift/literature/fixtures';
import { deleteOrphanUploads, purgeTrash, screeningDownload } from '@sift/tasks';
import { startHarness, type Harness } from '@sift/tasks/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, codeOf } from './helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const DAY_MS = 24 * 60 * 60 * 1000;
const criteria = {
  population: 'adults', intervention: 'exercise', comparator: '', outcomes: 'pain', designs: [], include: [], exclude: [], yearFrom: null, yearTo: null, languages: [],
};

describe('deleting one import', () => {
  it('takes its records out of the project everywhere, brings them back with every decision, and purges them for good later', async () => {
    const olga = callerFor(h, 'olga');
    const project = await olga.createProject({ name: 'Two searches', question: '' });
    const projectId = project.id;
    const uploads: Record<string, string> = {};
    for (const file of ['pubmed.nbib', 'embase.ris']) {
      uploads[file] = (await h.upload('olga', file, await readFixtureFile(`dedup/${file}`))).id;
      await h.waitFor('olga', (await olga.importLiterature({ projectId, uploadId: uploads[file]! })).id, h.finished);
    }
    await h.waitFor('olga', (await olga.startDedup({ projectId })).id, h.finished);
    await olga.saveCriteria({ projectId, criteria });
    const run = await olga.startScreening({ projectId });
    await h.waitFor('olga', run.id, h.finished);

    // A decision on a group's primary copy, which covers its copy in the other file.
    const { groups } = await olga.listDuplicateGroups({ projectId, limit: 200 });
    const group = groups.find((g) => new Set(g.members.map((m) => m.importId)).size === 2)!;
    const primary = group.members[0]!;
    const copy = group.members.find((m) => m.importId !== primary.importId)!;
    await olga.reviewRecord({ projectId, taskId: run.id, recordId: primary.id, decision: 'include', note: 'on topic' });
    const gone = primary.importId;
    const kept = copy.importId;
    const goneFile = (await olga.listImports({ projectId })).find((i) => i.importId === gone)!.fileName;
    const keptFile = goneFile === 'pubmed.nbib' ? 'embase.ris' : 'pubmed.nbib';
    const goneRecords = (await olga.listRecords({ projectId, importId: gone, limit: 1 })).total;
    const keptRecords = (await olga.listRecords({ projectId, importId: kept, limit: 1 })).total;

    const before = {
      project: await olga.getProject({ projectId }),
      prisma: await olga.getPrismaFlow({ projectId, taskId: run.id }),
      screened: await olga.listScreenedRecords({ projectId, taskId: run.id, limit: 200 }),
      groups: (await olga.listDuplicateGroups({ projectId, limit: 200 })).total,
      history: await olga.getReviewHistory({ projectId, recordId: primary.id }),
    };

    // Others cannot delete it; its owner is told what goes with it.
    await h.db.projectMember.create({ data: { projectId, memberId: 'rui', role: 'reviewer' } });
    expect(await codeOf(callerFor(h, 'rui').deleteImport({ importId: gone }))).toBe('FORBIDDEN');
    expect(await codeOf(callerFor(h, 'mallory').deleteImport({ importId: gone }))).toBe('NOT_FOUND');
    expect(await olga.describeImportDeletion({ importId: gone })).toEqual({ fileName: goneFile, records: goneRecords, decisions: 1 });

    const deleted = await olga.deleteImport({ importId: gone });
    expect(deleted.trashDays).toBe(30);
    await h.waitFor('olga', deleted.dedup.id, h.finished);

    const after = await olga.getProject({ projectId });
    expect(after.counts.records).toBe(keptRecords);
    expect(after.counts.imports).toBe(1);
    expect(after.counts.recordsInGroups).toBeLessThan(before.project.counts.recordsInGroups);
    expect((await olga.listImports({ projectId })).map((i) => i.fileName)).toEqual([keptFile]);
    expect((await olga.listRecords({ projectId, limit: 1 })).total).toBe(keptRecords);
    expect((await olga.listRecords({ projectId, limit: 1, search: 'the' })).records.every((r) => r.importId === kept)).toBe(true);
    const { groups: groupsAfter } = await olga.listDuplicateGroups({ projectId, limit: 200 });
    expect(groupsAfter.flatMap((g) => g.members).every((m) => m.importId === kept)).toBe(true);

    const screened = await olga.listScreenedRecords({ projectId, taskId: run.id, limit: 200 });
    const goneIds = new Set((await h.db.literatureRecord.findMany({ where: { importId: gone }, select: { id: true } })).map((r) => r.id));
    expect(screened.records.some((r) => goneIds.has(r.id))).toBe(false);
    expect(screened.counts.screened).toBe(screened.total);
    expect(screened.counts.screened).toBeLessThan(before.screened.counts.screened);
    const prisma = await olga.getPrismaFlow({ projectId, taskId: run.id });
    expect(prisma.counts.identified.map((source) => source.count)).toEqual([keptRecords]);
    expect(prisma.counts.screened).toBe(screened.counts.screened);
    const ris = await screeningDownload(h.db, 'olga', { projectId, taskId: run.id, set: 'all', format: 'ris' });
    expect(((ris && 'body' in ris ? ris.body : '').match(/^TY {2}- /gm) ?? []).length).toBe(screened.counts.screened);
    // The same file may be imported again: the deleted one is not in the project.
    expect(await codeOf(olga.describeImportDeletion({ importId: gone }))).toBe('NOT_FOUND');
    await expect(olga.reviewRecord({ projectId, taskId: run.id, recordId: primary.id, decision: 'exclude' })).rejects.toThrow();

    // A new run screens the copy that is left, and the decision made on the deleted primary reaches it.
    const rerun = await olga.startScreening({ projectId });
    await h.waitFor('olga', rerun.id, h.finished);
    const reached = await olga.listScreenedRecords({ projectId, taskId: rerun.id, decision: 'reviewed', limit: 200 });
    expect(reached.records.map((r) => [r.id, r.human, r.note])).toEqual([[copy.id, 'include', 'on topic']]);
    // The run made before the deletion did not screen that copy; the new one adds up.
    expect((await olga.getPrismaFlow({ projectId, taskId: rerun.id })).problems).toEqual([]);

    // Restored: every record, group and decision as before.
    const [item] = await olga.listTrash();
    expect(item).toMatchObject({ kind: 'import', id: gone, name: goneFile, projectName: 'Two searches' });
    await olga.restoreFromTrash({ kind: 'import', id: gone });
    const restoredDedup = (await olga.getProject({ projectId })).dedup!;
    await h.waitFor('olga', restoredDedup.id, h.finished);
    const restored = await olga.getProject({ projectId });
    expect({ ...restored, dedup: null }).toEqual({ ...before.project, dedup: null });
    expect(await olga.getPrismaFlow({ projectId, taskId: run.id })).toEqual(before.prisma);
    const screenedAgain = await olga.listScreenedRecords({ projectId, taskId: run.id, limit: 200 });
    expect(screenedAgain.counts).toEqual(before.screened.counts);
    expect(new Set(screenedAgain.records.map((r) => `${r.id}:${r.effective}`))).toEqual(new Set(before.screened.records.map((r) => `${r.id}:${r.effective}`)));
    expect((await olga.listDuplicateGroups({ projectId, limit: 200 })).total).toBe(before.groups);
    expect(await olga.getReviewHistory({ projectId, recordId: primary.id })).toEqual(before.history);
    expect(await olga.listTrash()).toEqual([]);

    // Deleted again and left past the retention period: purged, with its records, tasks and upload.
    await h.waitFor('olga', (await olga.deleteImport({ importId: gone })).dedup.id, h.finished);
    expect((await purgeTrash(h.db, 30 * DAY_MS)).imports).toBe(0); // not yet
    await h.db.literatureImport.update({ where: { id: gone }, data: { deletedAt: new Date(Date.now() - 31 * DAY_MS) } });
    expect(await purgeTrash(h.db, 30 * DAY_MS)).toEqual({ projects: 0, imports: 1, tasks: 1 });
    const [left] = await h.db.$queryRaw<{ imports: bigint; records: bigint; decisions: bigint; tasks: bigint; keptRecords: bigint }[]>`
      SELECT (SELECT count(*) FROM literature_import WHERE id = ${gone}::uuid) AS imports,
             (SELECT count(*) FROM literature_record WHERE import_id = ${gone}::uuid) AS records,
             (SELECT count(*) FROM screening_decision WHERE record_id = ANY(${[...goneIds]}::uuid[])) AS decisions,
             (SELECT count(*) FROM task WHERE input->>'uploadId' = ${uploads[goneFile]}) AS tasks,
             (SELECT count(*) FROM literature_record WHERE import_id = ${kept}::uuid) AS "keptRecords"`;
    expect(left).toEqual({ imports: 0n, records: 0n, decisions: 0n, tasks: 0n, keptRecords: BigInt(keptRecords) });
    // The decision lives on, about the copy that is left.
    const reviews = await h.db.screeningReview.findMany({ where: { projectId } });
    expect(reviews.map((r) => [r.recordId, r.covers, r.decision])).toEqual([[copy.id, [copy.id], 'include']]);
    await deleteOrphanUploads(h.db, 0);
    expect(await h.db.upload.findMany({ where: { id: { in: Object.values(uploads) } }, select: { fileName: true } })).toEqual([{ fileName: keptFile }]);
    expect((await olga.getProject({ projectId })).counts.records).toBe(keptRecords);
  });

  it('refuses to delete a file still being read, saying what to do', async () => {
    const bo = callerFor(h, 'bo');
    const { id: projectId } = await bo.createProject({ name: 'Busy', question: '' });
    const upload = await h.upload('bo', 'pubmed.nbib', await readFixtureFile('dedup/pubmed.nbib'));
    const task = await bo.importLiterature({ projectId, uploadId: upload.id });
    await h.waitFor('bo', task.id, h.finished);
    const [entry] = await bo.listImports({ projectId });
    await h.db.task.update({ where: { id: task.id }, data: { state: 'running' } });
    await expect(bo.deleteImport({ importId: entry!.importId! })).rejects.toThrow('This file is still being read. Cancel it first, then delete it.');
  });

  it('deletes the card of a file that could not be read, and restores it', async () => {
    const cy = callerFor(h, 'cy');
    const { id: projectId } = await cy.createProject({ name: 'Bad file', question: '' });
    const upload = await h.upload('cy', 'notes.ris', new TextEncoder().encode('not a literature export\n'));
    const task = await cy.importLiterature({ projectId, uploadId: upload.id });
    await h.waitFor('cy', task.id, h.finished);
    expect((await cy.getTaskStatus({ id: task.id })).state).toBe('error');
    const [card] = await cy.listImports({ projectId });
    expect(card).toMatchObject({ importId: null, taskId: task.id });

    await cy.deleteTask({ id: task.id });
    expect(await cy.listImports({ projectId })).toEqual([]);
    expect((await cy.listTrash()).map((item) => [item.kind, item.name])).toEqual([['task', 'notes.ris']]);
    await cy.restoreFromTrash({ kind: 'task', id: task.id });
    expect((await cy.listImports({ projectId })).map((entry) => entry.taskId)).toEqual([task.id]);
  });
});
