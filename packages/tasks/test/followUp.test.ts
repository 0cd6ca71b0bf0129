import { readFixtureFile } from '@sift/literature/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../src/testing.ts';
import { createProject } from '../src/index.ts';

let h: Harness;
const owner = 'reviewer';

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

async function dedupTasks(projectId: string) {
  return h.db.task.findMany({ where: { ownerId: owner, kind: 'literature-dedup', input: { equals: { projectId } } }, orderBy: { createdAt: 'asc' } });
}

describe('follow-up tasks', () => {
  it('an import that finishes starts the project de-duplication, which finds the groups', async () => {
    const project = await createProject(h.db, owner, { name: 'Delirium', question: '' });
    for (const file of ['pubmed.nbib', 'embase.ris']) {
      const upload = await h.upload(owner, file, await readFixtureFile(`dedup/${file}`));
      const task = await h.tasks.create(owner, { kind: 'literature-import', input: { projectId: project.id, uploadId: upload.id } });
      expect((await h.waitFor(owner, task.id, h.finished, 60_000)).at(-1)?.state).toBe('ready');
    }
    const started = await dedupTasks(project.id);
    expect(started.length).toBeGreaterThanOrEqual(1);
    expect(started.length).toBeLessThanOrEqual(2); // one per finished import at most; a still-queued one is reused
    expect(started[0]?.title).toBe('Duplicates · Delirium');
    for (const task of started) await h.waitFor(owner, task.id, h.finished, 60_000);
    expect(await h.db.duplicateGroup.count({ where: { projectId: project.id } })).toBe(7);
  });

  it('a failed import starts nothing', async () => {
    const project = await createProject(h.db, owner, { name: 'Empty', question: '' });
    const upload = await h.upload(owner, 'notes.txt', new TextEncoder().encode('just some notes, not an export'));
    const task = await h.tasks.create(owner, { kind: 'literature-import', input: { projectId: project.id, uploadId: upload.id } });
    expect((await h.waitFor(owner, task.id, h.finished, 60_000)).at(-1)?.state).toBe('error');
    expect(await dedupTasks(project.id)).toEqual([]);
  });
});
