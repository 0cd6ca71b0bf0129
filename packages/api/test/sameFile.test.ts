// A second import of the same file into a project is noticed by content (SHA-256 of the upload),
// not by name, and refused with the earlier import named unless the researcher says to import it
// again; the same file in another project is a first import there.
import { readFixtureFile } from '@sift/literature/fixtures';
import { startHarness, type Harness } from '@sift/tasks/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, codeOf } from './helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

describe('importing the same file twice', () => {
  it('refuses a second copy by content, names the first, and imports it when asked to', async () => {
    const ann = callerFor(h, 'ann');
    const project = await ann.createProject({ name: 'Review', question: '' });
    const bytes = await readFixtureFile('dedup/pubmed.nbib');
    const first = await ann.importLiterature({ projectId: project.id, uploadId: (await h.upload('ann', 'pubmed.nbib', bytes)).id });
    await h.waitFor('ann', first.id, h.finished);

    const renamed = await h.upload('ann', 'pubmed (1).nbib', bytes);
    const refusal = await ann.importLiterature({ projectId: project.id, uploadId: renamed.id }).catch((error: Error) => error);
    expect(await codeOf(ann.importLiterature({ projectId: project.id, uploadId: renamed.id }))).toBe('CONFLICT');
    expect((refusal as Error).message).toMatch(/^This file has the same content as “pubmed\.nbib”, imported into this project on \d{4}-\d{2}-\d{2}\. Importing it again would count its records twice\.$/);
    expect(await ann.listImports({ projectId: project.id })).toHaveLength(1);

    const other = await h.upload('ann', 'embase.ris', await readFixtureFile('dedup/embase.ris'));
    await h.waitFor('ann', (await ann.importLiterature({ projectId: project.id, uploadId: other.id })).id, h.finished);
    const again = await ann.importLiterature({ projectId: project.id, uploadId: renamed.id, again: true });
    await h.waitFor('ann', again.id, h.finished);
    expect(await ann.listImports({ projectId: project.id })).toHaveLength(3);

    const elsewhere = await ann.createProject({ name: 'Another review', question: '' });
    const copy = await h.upload('ann', 'pubmed.nbib', bytes);
    expect((await ann.importLiterature({ projectId: elsewhere.id, uploadId: copy.id })).state).toBe('queued');
  });
});
