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

  it('gives every page of every sort exactly as the whole list has it, deep pages (read from the far end) too', async () => {
    const orders = [undefined, 'title', 'year', 'journal', 'firstAuthor'] as const;
    for (const sort of orders) {
      for (const direction of ['asc', 'desc'] as const) {
        for (const search of [undefined, 'delirium']) {
          const whole = await alice().listRecords({ projectId, sort, direction, search, limit: 200 });
          const paged = [];
          for (let offset = 0; offset < whole.total; offset += 4) paged.push(...(await alice().listRecords({ projectId, sort, direction, search, offset, limit: 4 })).records);
          expect(paged.map((record) => record.id), `${sort ?? 'file order'} ${direction} ${search ?? ''}`).toEqual(whole.records.map((record) => record.id));
        }
      }
    }
    // The last page, shorter than the limit, and a page past the end.
    expect((await alice().listRecords({ projectId, sort: 'firstAuthor', offset: 19, limit: 5 })).records).toHaveLength(2);
    expect((await alice().listRecords({ projectId, sort: 'firstAuthor', offset: 30, limit: 5 })).records).toEqual([]);
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
    expect(group.links[0]?.detail).toBe('Same DOI 10.1371/journal.pone.0221183, titles agree');
    const other = groups.find((candidate) => candidate.id !== group.id)!;
    expect(await codeOf(alice().splitDuplicateGroup({ groupId: other.id, recordIds: [group.members[0]!.id] }))).toBe('BAD_REQUEST');
    const split = await alice().splitDuplicateGroup({ groupId: group.id, recordIds: [group.members[0]!.id] });
    expect(split).toEqual({ groups: 0, splitId: expect.any(String) });
    expect((await alice().getProject({ projectId: project.id })).counts).toMatchObject({ duplicateGroups: 6, afterDedup: 15 });
    const again = await alice().startDedup({ projectId: project.id });
    expect((await h.waitFor('alice', again.id, h.finished)).at(-1)?.result).toMatchObject({ groups: 6, afterDedup: 15 });
    const after = await alice().listRecords({ projectId: project.id, limit: 200 });
    expect(after.records.filter((record) => group.members.some((member) => member.id === record.id)).map((record) => record.duplicateGroupId)).toEqual([null, null]);

    // The split undone: de-duplication runs again and the two copies are one group again.
    const undone = await alice().undoSplit({ splitId: split.splitId });
    expect(undone.kind).toBe('literature-dedup');
    await h.waitFor('alice', undone.id, h.finished);
    expect((await alice().getProject({ projectId: project.id })).counts).toMatchObject({ duplicateGroups: 7 });
    expect(await codeOf(alice().undoSplit({ splitId: split.splitId }))).toBe('NOT_FOUND');

    // A page loaded before that de-duplication still names the group it replaced: the split
    // applies to the group those records are in now, not "not found".
    expect((await alice().listDuplicateGroups({ projectId: project.id, limit: 200 })).groups.map((current) => current.id)).not.toContain(group.id);
    const late = await alice().splitDuplicateGroup({ groupId: group.id, recordIds: [group.members[0]!.id] });
    expect(late.groups).toBe(0);
    expect((await alice().getProject({ projectId: project.id })).counts).toMatchObject({ duplicateGroups: 6 });
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

describe('choosing the columns of a table import', () => {
  // A CSV whose headers Sift cannot place for sure: no column it knows as the title, a date for
  // the year and "Source" for the journal.
  const AMBIGUOUS_CSV = [
    'Heading,Summary,Creators,Date,Source,Ref',
    '"Early mobilisation and delirium in ICU adults",Mobilisation reduced delirium.,"Smith, John; Okafor, Ada",2019-08-26,Critical Care,10.1000/alpha',
    '"Music before surgery",Music lowered anxiety.,"Brown, Carol",2018-03-01,J Perioper Nurs,',
    'Untitled note,,,,,',
  ].join('\r\n');

  async function tableImport() {
    const project = await alice().createProject({ name: 'Columns', question: '' });
    const ready = await importFile(project.id, 'ambiguous.csv', new TextEncoder().encode(AMBIGUOUS_CSV));
    expect(ready.state).toBe('ready');
    const [entry] = await alice().listImports({ projectId: project.id });
    return { projectId: project.id, entry: entry! };
  }

  it('re-reads the file with the chosen columns, replacing its records and report, and finds duplicates again', async () => {
    const { projectId: id, entry } = await tableImport();
    expect(entry.report?.columns).toEqual({
      headers: ['Heading', 'Summary', 'Creators', 'Date', 'Source', 'Ref'],
      mapping: { abstract: 1, authors: 2, year: 3, journal: 4 },
      confidence: { abstract: 1, authors: 1, year: 0.7, journal: 0.7 },
      unsure: ['title', 'year', 'journal'],
    });
    const guessed = await alice().listRecords({ projectId: id });
    expect(guessed.records.map((record) => [record.title, record.abstract])).toEqual([
      [null, 'Mobilisation reduced delirium.'],
      [null, 'Music lowered anxiety.'],
    ]);
    const before = new Set(guessed.records.map((record) => record.id));

    const remapped = await alice().remapImportColumns({
      importId: entry.importId!,
      columns: { title: 0, abstract: 1, authors: 2, year: 3, journal: 4, doi: 5 },
    });
    expect(remapped).toMatchObject({ kind: 'literature-import', title: 'ambiguous.csv', state: 'queued' });
    // One entry per file: it follows the re-read while it runs.
    const running = await alice().listImports({ projectId: id });
    expect(running.map((listed) => [listed.importId, listed.taskId])).toEqual([[entry.importId, remapped.id]]);
    expect((await h.waitFor('alice', remapped.id, h.finished)).at(-1)).toMatchObject({ state: 'ready', result: { recordsRead: 3, skipped: 0 } });

    const [after] = await alice().listImports({ projectId: id });
    expect(after).toMatchObject({ importId: entry.importId, taskId: remapped.id, task: { state: 'ready' } });
    expect(after?.report).toMatchObject({
      recordsRead: 3,
      withoutAbstract: 1,
      withoutDoi: 2,
      withoutYear: 1,
      skipped: [],
      columns: { mapping: { title: 0, abstract: 1, authors: 2, year: 3, journal: 4, doi: 5 }, unsure: [], chosen: true },
    });
    const records = await alice().listRecords({ projectId: id });
    expect(records.records.map((record) => [record.title, record.authors, record.year, record.journal, record.doi])).toEqual([
      ['Early mobilisation and delirium in ICU adults', ['Smith, John', 'Okafor, Ada'], 2019, 'Critical Care', '10.1000/alpha'],
      ['Music before surgery', ['Brown, Carol'], 2018, 'J Perioper Nurs', null],
      ['Untitled note', [], null, null, null],
    ]);
    expect(records.records.some((record) => before.has(record.id))).toBe(false);
    expect((await alice().listRecords({ projectId: id, search: 'mobil icu' })).total).toBe(1);
    // The follow-up de-duplication ran over the new records.
    const project = await alice().getProject({ projectId: id });
    expect(project.counts).toMatchObject({ records: 3, imports: 1 });
    expect((await h.waitFor('alice', project.dedup!.id, h.finished)).at(-1)?.state).toBe('ready');
  });

  it('refuses a mapping without title and abstract, a column the file lacks, a file still being read, a text export and another owner', async () => {
    const { projectId: id, entry } = await tableImport();
    const importId = entry.importId!;
    expect(await codeOf(alice().remapImportColumns({ importId, columns: { authors: 2 } }))).toBe('BAD_REQUEST');
    const beyond = alice().remapImportColumns({ importId, columns: { title: 6 } });
    await expect(beyond).rejects.toThrow('The file has 6 columns; there is no column 7 for title.');
    expect(await codeOf(alice().remapImportColumns({ importId, columns: { title: -1 } }))).toBe('BAD_REQUEST');
    expect(await codeOf(alice().remapImportColumns({ importId, columns: { title: 0, colour: 1 } as never }))).toBe('BAD_REQUEST');

    const first = await alice().remapImportColumns({ importId, columns: { title: 0 } });
    await expect(alice().remapImportColumns({ importId, columns: { title: 0, abstract: 1 } })).rejects.toThrow(/still being read/);
    await h.waitFor('alice', first.id, h.finished);

    const ris = await importFile(id, 'text.ris', new TextEncoder().encode('TY  - JOUR\nTI  - A text export\nER  - \n'));
    const risImport = (await alice().listImports({ projectId: id })).find((listed) => listed.taskId === ris.id)!;
    await expect(alice().remapImportColumns({ importId: risImport.importId!, columns: { title: 0 } })).rejects.toThrow(/Only CSV, TSV and Excel imports/);
    expect(await codeOf(callerFor('mallory').remapImportColumns({ importId, columns: { title: 0 } }))).toBe('NOT_FOUND');
    expect(await codeOf(alice().remapImportColumns({ importId: '00000000-0000-4000-8000-000000000000', columns: { title: 0 } }))).toBe('NOT_FOUND');
  });
});
