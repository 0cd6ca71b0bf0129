// Delete with a way back, through the router: a card and a shared project go to the trash (hidden
// at once, for every member), come back as they were, and are purged for good after the
// retention period, uploads and derived rows included (checked in Postgres).
import { readFixtureFile } from '@sift/literature/fixtures';
import { deleteOrphanUploads, purgeTrash } from '@sift/tasks';
import { startHarness, type Harness } from '@sift/tasks/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, codeOf } from './helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const DAY_MS = 24 * 60 * 60 * 1000;

describe('the trash', () => {
  it('hides a deleted spreadsheet card with its data, and restores both as they were', async () => {
    const ann = callerFor(h, 'ann');
    const upload = await h.upload('ann', 'visits.csv', new TextEncoder().encode('id,visit\n1,a\n2,b\n'));
    const task = await ann.createTask({ kind: 'spreadsheet', input: { uploadId: upload.id } });
    await h.waitFor('ann', task.id, h.finished);

    expect(await ann.deleteTask({ id: task.id })).toEqual({ trashDays: 30 });
    expect((await ann.listTasks()).map((t) => t.id)).not.toContain(task.id);
    expect(await codeOf(ann.getTaskStatus({ id: task.id }))).toBe('NOT_FOUND');
    expect(await codeOf(ann.getDataset({ taskId: task.id }))).toBe('NOT_FOUND');
    const [item] = await ann.listTrash();
    expect(item).toMatchObject({ kind: 'task', id: task.id, name: 'visits.csv' });
    expect(Date.parse(item!.purgeAt) - Date.parse(item!.deletedAt)).toBe(30 * DAY_MS);

    await ann.restoreFromTrash({ kind: 'task', id: task.id });
    expect((await ann.getDatasetRows({ taskId: task.id })).rows).toHaveLength(2);
    expect(await ann.listTrash()).toEqual([]);
  });

  it('refuses to delete a card still being processed, saying what to do', async () => {
    const bo = callerFor(h, 'bo');
    const upload = await h.upload('bo', 'slow.csv', new TextEncoder().encode('a\n1\n'));
    const task = await h.tasks.create('bo', { kind: 'spreadsheet', input: { uploadId: upload.id } });
    await h.db.task.update({ where: { id: task.id }, data: { state: 'running' } });
    await expect(bo.deleteTask({ id: task.id })).rejects.toThrow('This file is still being processed. Cancel it first, then delete it.');
  });

  it('deletes a shared project for every member, restores it with every record and decision, and purges it for good later', async () => {
    const owner = callerFor(h, 'olga');
    const project = await owner.createProject({ name: 'To be deleted', question: '' });
    const uploads: string[] = [];
    for (const file of ['pubmed.nbib', 'embase.ris']) {
      const upload = await h.upload('olga', file, await readFixtureFile(`dedup/${file}`));
      uploads.push(upload.id);
      await h.waitFor('olga', (await owner.importLiterature({ projectId: project.id, uploadId: upload.id })).id, h.finished);
    }
    await h.waitFor('olga', (await owner.startDedup({ projectId: project.id })).id, h.finished);
    await owner.saveCriteria({
      projectId: project.id,
      criteria: { population: 'adults', intervention: 'exercise', comparator: '', outcomes: 'pain', designs: [], include: [], exclude: [], yearFrom: null, yearTo: null, languages: [] },
    });
    const run = await owner.startScreening({ projectId: project.id });
    await h.waitFor('olga', run.id, h.finished);
    const [first] = (await owner.listScreenedRecords({ projectId: project.id, taskId: run.id })).records;
    await owner.reviewRecord({ projectId: project.id, taskId: run.id, recordId: first!.id, decision: 'include', note: 'keep' });
    await h.db.projectMember.create({ data: { projectId: project.id, memberId: 'rui', role: 'reviewer' } });
    const before = await owner.getProject({ projectId: project.id });
    const prisma = await owner.getPrismaFlow({ projectId: project.id, taskId: run.id });

    await owner.deleteProject({ projectId: project.id });
    expect(await codeOf(callerFor(h, 'rui').getProject({ projectId: project.id }))).toBe('NOT_FOUND');
    expect(await codeOf(owner.listRecords({ projectId: project.id }))).toBe('NOT_FOUND');
    expect((await owner.listProjects()).map((p) => p.id)).not.toContain(project.id);
    expect(await callerFor(h, 'rui').listTrash()).toEqual([]); // only owners restore
    expect((await owner.listTrash()).map((item) => [item.kind, item.name])).toEqual([['project', 'To be deleted']]);

    await owner.restoreFromTrash({ kind: 'project', id: project.id });
    expect(await owner.getProject({ projectId: project.id })).toEqual(before);
    expect(await owner.getPrismaFlow({ projectId: project.id, taskId: run.id })).toEqual(prisma);
    const [latest] = await callerFor(h, 'rui').getReviewHistory({ projectId: project.id, recordId: first!.id });
    expect(latest).toMatchObject({ decision: 'include', note: 'keep' });

    // Deleted again and left past the retention period: the purge removes it and everything it held.
    await owner.deleteProject({ projectId: project.id });
    expect(await purgeTrash(h.db, 30 * DAY_MS)).toEqual({ projects: 0, imports: 0, tasks: 0 }); // not yet
    await h.db.project.update({ where: { id: project.id }, data: { deletedAt: new Date(Date.now() - 31 * DAY_MS) } });
    const purged = await purgeTrash(h.db, 30 * DAY_MS);
    expect(purged.projects).toBe(1);
    expect(purged.tasks).toBeGreaterThanOrEqual(4); // two imports, the de-duplication, the run
    const left = await h.db.$queryRaw<{ records: bigint; reviews: bigint; members: bigint; tasks: bigint }[]>`
      SELECT (SELECT count(*) FROM literature_record WHERE project_id = ${project.id}::uuid) AS records,
             (SELECT count(*) FROM screening_review WHERE project_id = ${project.id}::uuid) AS reviews,
             (SELECT count(*) FROM project_member WHERE project_id = ${project.id}::uuid) AS members,
             (SELECT count(*) FROM task WHERE input->>'projectId' = ${project.id}) AS tasks`;
    expect(left[0]).toEqual({ records: 0n, reviews: 0n, members: 0n, tasks: 0n });
    await deleteOrphanUploads(h.db, 0);
    expect(await h.db.upload.count({ where: { id: { in: uploads } } })).toBe(0);
  });
});
