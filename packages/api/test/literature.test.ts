import { readFixtureFile } from '@sift/literature/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '@sift/tasks/testing';
import { callerFor as callerForOwner, codeOf } from './helpers.ts';

let h: Harness;
const callerFor = (ownerId: string) => callerForOwner(h, ownerId);
const alice = () => callerFor('alice');

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

async function importFile(projectId: string, fileName: string, bytes: Uint8Array) {
  const upload = await h.upload('alice', fileName, bytes);
  const task = await alice().importLiterature({ projectId, uploadId: upload.id });
  expect(task).toMatchObject({ kind: 'literature-import', title: fileName, state: 'queued' });
  return (await h.waitFor('alice', task.id, h.finished)).at(-1)!;
}

/** A project with the PubMed and Embase fixtures imported and de-duplicated. */
async function reviewedProject() {
  const project = await alice().createProject({ name: 'Delirium', question: 'Does early mobilisation prevent delirium?' });
  await importFile(project.id, 'pubmed.nbib', await readFixtureFile('dedup/pubmed.nbib'));
  await importFile(project.id, 'embase.ris', await readFixtureFile('dedup/embase.ris'));
  const dedup = await alice().startDedup({ projectId: project.id });
  expect((await h.waitFor('alice', dedup.id, h.finished)).at(-1)?.state).toBe('ready');
  return project;
}

describe('literature router', () => {
  let projectId: string;
  beforeAll(async () => {
    projectId = (await reviewedProject()).id;
  });

  it('creates, lists and counts projects', async () => {
    expect(await alice().listProjects()).toEqual([expect.objectContaining({ id: projectId, name: 'Delirium', question: 'Does early mobilisation prevent delirium?' })]);
    expect(await alice().getProject({ projectId })).toMatchObject({
      name: 'Delirium',
      counts: { records: 21, imports: 2, duplicateGroups: 7, recordsInGroups: 14, afterDedup: 14 },
    });
    expect(await codeOf(alice().createProject({ name: '   ', question: '' }))).toBe('BAD_REQUEST');
  });

  it('lists the imports with their format, report and task state', async () => {
    const imports = await alice().listImports({ projectId });
    expect(imports.map((entry) => [entry.fileName, entry.format, entry.report?.recordsRead, entry.task.state])).toEqual([
      ['embase.ris', 'ris', 9, 'ready'],
      ['pubmed.nbib', 'medline', 12, 'ready'],
    ]);
  });

  it('pages, sorts, filters and searches records on the server', async () => {
    const first = await alice().listRecords({ projectId, limit: 5 });
    expect(first.total).toBe(21);
    expect(first.records.map((record) => [record.fileName, record.position])).toEqual([0, 1, 2, 3, 4].map((position) => ['pubmed.nbib', position]));
    const rest = await alice().listRecords({ projectId, offset: 5, limit: 200 });
    expect(new Set([...first.records, ...rest.records].map((record) => record.id)).size).toBe(21);
    const newest = await alice().listRecords({ projectId, sort: 'year', direction: 'desc', limit: 200 });
    const years = newest.records.map((record) => record.year ?? 0);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    const [embase] = (await alice().listImports({ projectId })).filter((entry) => entry.fileName === 'embase.ris');
    const fromEmbase = await alice().listRecords({ projectId, importId: embase!.importId!, limit: 200 });
    expect(fromEmbase.total).toBe(9);
    expect(fromEmbase.records.every((record) => record.fileName === 'embase.ris')).toBe(true);
    const mobilisation = await alice().listRecords({ projectId, search: 'MOBILISATION', sort: 'title' });
    expect(mobilisation.records.length).toBe(mobilisation.total);
    expect(mobilisation.records.every((record) => /mobilisation/i.test(record.title ?? ''))).toBe(true);
    expect(mobilisation.total).toBeGreaterThanOrEqual(2);
    // Accents are folded: PubMed's García-López and Embase's Garcia-Lopez.
    const garcia = await alice().listRecords({ projectId, search: 'García' });
    expect(garcia.records.map((record) => [record.fileName, record.authors[1]])).toEqual([['pubmed.nbib', 'García-López, José'], ['embase.ris', 'Garcia-Lopez, J.']]);
    expect((await alice().listRecords({ projectId, search: 'garcia' })).total).toBe(2);
    expect((await alice().listRecords({ projectId, search: 'delirium garcía' })).total).toBe(2);
    // Words are found by their beginning, in any order, folded: TNF-α is TNF-alpha.
    const hips = await alice().listRecords({ projectId, search: 'SURG fract', limit: 200 });
    expect(hips.records.map((record) => record.title).every((title) => /fracture surgery/i.test(title ?? ''))).toBe(true);
    expect(hips.total).toBe(5);
    expect((await alice().listRecords({ projectId, search: 'TNF-α' })).total).toBe(2);
    expect((await alice().listRecords({ projectId, search: 'racture' })).total).toBe(0);
    // Punctuation alone is nothing to search for.
    expect((await alice().listRecords({ projectId, search: '%_' })).total).toBe(21);
    expect(await codeOf(alice().listRecords({ projectId, limit: 201 }))).toBe('BAD_REQUEST');
  });

  it('lists duplicate groups with members, source files and reasons; a split survives a new dedup', async () => {
    const project = await reviewedProject();
    const listed = await alice().listDuplicateGroups({ projectId: project.id, limit: 3 });
    expect(listed.total).toBe(7);
    expect(listed.groups).toHaveLength(3);
    const { groups } = await alice().listDuplicateGroups({ projectId: project.id, limit: 200 });
    const group = groups.find((candidate) => candidate.reason === 'doi')!;
    expect(group.members.map((member) => member.fileName).sort()).toEqual(['embase.ris', 'pubmed.nbib']);
    expect(group.links[0]?.detail).toBe('Same DOI 10.1371/journal.pone.0221183');
    const other = groups.find((candidate) => candidate.id !== group.id)!;
    expect(await codeOf(alice().splitDuplicateGroup({ groupId: other.id, recordIds: [group.members[0]!.id] }))).toBe('BAD_REQUEST');
    expect(await alice().splitDuplicateGroup({ groupId: group.id, recordIds: [group.members[0]!.id] })).toEqual({ groups: 0 });
    expect((await alice().getProject({ projectId: project.id })).counts).toMatchObject({ duplicateGroups: 6, afterDedup: 15 });
    const again = await alice().startDedup({ projectId: project.id });
    expect((await h.waitFor('alice', again.id, h.finished)).at(-1)?.result).toMatchObject({ groups: 6, afterDedup: 15 });
    const after = await alice().listRecords({ projectId: project.id, limit: 200 });
    expect(after.records.filter((record) => group.members.some((member) => member.id === record.id)).map((record) => record.duplicateGroupId)).toEqual([null, null]);
  });

  it("answers NOT_FOUND for every literature procedure given another owner's project or group", async () => {
    const mallory = callerFor('mallory');
    const { groups } = await alice().listDuplicateGroups({ projectId, limit: 1 });
    const upload = await h.upload('mallory', 'theirs.ris', new TextEncoder().encode('TY  - JOUR\nTI  - Theirs\nER  - \n'));
    expect(await codeOf(mallory.getProject({ projectId }))).toBe('NOT_FOUND');
    expect(await codeOf(mallory.listImports({ projectId }))).toBe('NOT_FOUND');
    expect(await codeOf(mallory.listRecords({ projectId }))).toBe('NOT_FOUND');
    expect(await codeOf(mallory.listDuplicateGroups({ projectId }))).toBe('NOT_FOUND');
    expect(await codeOf(mallory.importLiterature({ projectId, uploadId: upload.id }))).toBe('NOT_FOUND');
    expect(await codeOf(mallory.startDedup({ projectId }))).toBe('NOT_FOUND');
    expect(await codeOf(mallory.splitDuplicateGroup({ groupId: groups[0]!.id, recordIds: [groups[0]!.members[0]!.id] }))).toBe('NOT_FOUND');
    expect(await mallory.listProjects()).toEqual([]);
    // Nor can Alice import Mallory's upload into her own project.
    expect(await codeOf(alice().importLiterature({ projectId, uploadId: upload.id }))).toBe('BAD_REQUEST');
    expect(await alice().listDuplicateGroups({ projectId, limit: 1 })).toMatchObject({ total: 7 });
  });
});
