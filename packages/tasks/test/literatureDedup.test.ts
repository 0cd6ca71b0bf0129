import { readFixtureFile } from '@sift/literature/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRisExport } from '@sift/literature/fixtures';
import { getProject, listDuplicateGroups, listRecords, splitDuplicateGroup, undoSplit, createProject } from '../src/index.ts';
import { startHarness, type Harness } from '../src/testing.ts';

let h: Harness;
const owner = 'reviewer';

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

async function newProject(name: string) {
  return (await createProject(h.db, owner, { name, question: '' })).id;
}

async function run(kind: string, input: Record<string, unknown>, fileName?: string, bytes?: Uint8Array) {
  const upload = fileName && bytes ? await h.upload(owner, fileName, bytes) : null;
  const task = await h.tasks.create(owner, { kind, input: upload ? { ...input, uploadId: upload.id } : input });
  const last = (await h.waitFor(owner, task.id, h.finished, 120_000)).at(-1)!;
  expect(last.state).toBe('ready');
  return last;
}

async function importFixtures(projectId: string) {
  await run('literature-import', { projectId }, 'pubmed.nbib', await readFixtureFile('dedup/pubmed.nbib'));
  await run('literature-import', { projectId }, 'embase.ris', await readFixtureFile('dedup/embase.ris'));
}

describe('literature-dedup task', () => {
  it('groups the PubMed and Embase copies of the same papers, with reasons and a merged record', async () => {
    const projectId = await newProject('Fixtures');
    await importFixtures(projectId);
    const dedup = await run('literature-dedup', { projectId });
    expect(dedup).toMatchObject({ title: 'Duplicates · Fixtures', processed: 21, total: 21, result: { records: 21, groups: 7, afterDedup: 14 } });
    const page = (await listDuplicateGroups(h.db, owner, { projectId, offset: 0, limit: 50 }))!;
    expect(page.total).toBe(7);
    const reasons = page.groups.map((group) => group.reason).sort();
    expect(reasons).toEqual(['doi', ...Array(6).fill('title_year_author')]);
    const byDoi = page.groups.find((group) => group.reason === 'doi')!;
    expect(byDoi.links).toEqual([{ ids: expect.any(Array), reason: 'doi', detail: 'Same DOI 10.1371/journal.pone.0221183, titles agree' }]);
    expect(byDoi.members.map((member) => member.rank)).toEqual([0, 1]);
    expect(byDoi.members.map((member) => member.fileName).sort()).toEqual(['embase.ris', 'pubmed.nbib']);
    expect(byDoi.merged.sources).toEqual(byDoi.members.map((member) => member.id));
    // The merged record takes PubMed's full author names, and says so.
    const fromPubmed = byDoi.members.find((member) => member.fileName === 'pubmed.nbib')!;
    expect(byDoi.merged.record).toMatchObject({ pmid: '31452104', doi: '10.1371/journal.pone.0221183', authors: ['Müller, Hans-Peter', 'García-López, José'] });
    expect(byDoi.merged.fieldSources.authors).toBe(fromPubmed.id);
    expect(await getProject(h.db, owner, projectId)).toMatchObject({ counts: { records: 21, imports: 2, duplicateGroups: 7, recordsInGroups: 14, afterDedup: 14 } });
    // Running it again replaces the groups rather than adding to them.
    await run('literature-dedup', { projectId });
    expect((await listDuplicateGroups(h.db, owner, { projectId, offset: 0, limit: 50 }))!.total).toBe(7);
  });

  it('a split group stays split when de-duplication runs again', async () => {
    const projectId = await newProject('Split');
    await importFixtures(projectId);
    await run('literature-dedup', { projectId });
    const { groups } = (await listDuplicateGroups(h.db, owner, { projectId, offset: 0, limit: 50 }))!;
    const group = groups.find((candidate) => candidate.reason === 'doi')!;
    const takeOut = group.members[1]!.id;
    expect(await splitDuplicateGroup(h.db, 'mallory', group.id, [takeOut])).toBeNull();
    await expect(splitDuplicateGroup(h.db, owner, group.id, [groups.find((other) => other.id !== group.id)!.members[0]!.id])).rejects.toThrow(/not all in this duplicate group/);
    const split = await splitDuplicateGroup(h.db, owner, group.id, [takeOut]);
    expect(split).toMatchObject({ groups: 0, projectId });
    expect(await h.db.keepApart.count({ where: { projectId } })).toBe(1);
    const grouped = async () => (await listRecords(h.db, owner, { projectId, offset: 0, limit: 200 }))!.records.filter((record) => record.duplicateGroupId).length;
    expect(await grouped()).toBe(12);
    const again = await run('literature-dedup', { projectId });
    expect(again.result).toMatchObject({ groups: 6, afterDedup: 15 });
    expect(await grouped()).toBe(12);
    expect((await h.db.duplicateGroupMember.findUnique({ where: { recordId: takeOut } }))).toBeNull();

    // Undone: the split's pairs go (for their owner only, once), and the next run groups the copies again.
    expect(await undoSplit(h.db, 'mallory', split!.splitId)).toBeNull();
    expect(await undoSplit(h.db, owner, split!.splitId)).toEqual({ projectId, pairs: 1 });
    expect(await undoSplit(h.db, owner, split!.splitId)).toBeNull();
    expect((await run('literature-dedup', { projectId })).result).toMatchObject({ groups: 7 });
    expect(await grouped()).toBe(14);
    expect((await h.db.duplicateGroupMember.findUnique({ where: { recordId: takeOut } }))?.groupId).toBeDefined();
  });

  it('pages, sorts and searches 20,000 records on the server (speed: npm run bench)', async () => {
    const projectId = await newProject('Scale');
    await run('literature-import', { projectId }, 'big.ris', new TextEncoder().encode(makeRisExport(20_000)));
    await run('literature-dedup', { projectId });
    const last = await listRecords(h.db, owner, { projectId, offset: 19_950, limit: 200, sort: 'firstAuthor', direction: 'desc' });
    expect(last!.total).toBe(20_000);
    expect(last!.records).toHaveLength(50);
    const byYear = (await listRecords(h.db, owner, { projectId, offset: 0, limit: 200, sort: 'year', direction: 'asc' }))!.records;
    expect(byYear.map((record) => record.year)).toEqual(byYear.map((record) => record.year).sort());
    const word = byYear[0]!.title!.split(' ').find((part) => part.length > 6)!;
    const found = await listRecords(h.db, owner, { projectId, offset: 0, limit: 20, search: word });
    expect(found!.total).toBeGreaterThan(0);
    expect(found!.records.every((record) => `${record.title} ${record.abstract} ${record.authors.join(' ')}`.toLowerCase().includes(word.toLowerCase()))).toBe(true);
  }, 180_000);
});
