// The Duplicates step's grey zone through the router, on real Postgres: a RIS export whose pairs
// de-duplication leaves for the researcher (possible duplicates) or links on purpose (an erratum,
// a conference abstract), then "Merge" and "Keep apart" surviving re-dedup, and their undo.
import { screeningDownload } from '@sift/tasks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '@sift/tasks/testing';
import { callerFor as callerForOwner, codeOf } from './helpers.ts';

let h: Harness;
const alice = () => callerForOwner(h, 'alice');

const TRIAL = 'Early mobilisation and delirium in critically ill adults: a randomised trial';
const COHORT = 'Haloperidol prophylaxis for delirium after hip fracture surgery in older adults';
const NURSING = 'Nurse-led sleep hygiene bundles and delirium incidence on medical wards';

function ris(records: Record<string, string | string[]>[]): Uint8Array {
  const lines = records.flatMap((record) => [
    'TY  - JOUR',
    ...Object.entries(record).flatMap(([tag, value]) => (Array.isArray(value) ? value : [value]).map((item) => `${tag}  - ${item}`)),
    'ER  - ',
    '',
  ]);
  return new TextEncoder().encode(lines.join('\r\n'));
}

const EXPORT = ris([
  // One trial indexed under two journals and pages (a typing slip in one database): a possible duplicate.
  { TI: TRIAL, AU: ['Smith, Anna', 'Lee, Kim'], PY: '2019', JO: 'Critical Care Medicine', VL: '47', SP: '100', EP: '108' },
  { TI: TRIAL, AU: ['Smith, Anna', 'Lee, Kim'], PY: '2019', JO: 'Chest', VL: '155', SP: '20', EP: '28' },
  // An article and its erratum.
  { TI: COHORT, AU: 'Okafor, Chidi', PY: '2020', JO: 'Age and Ageing', VL: '49', SP: '300', EP: '309' },
  { TI: `Erratum to: ${COHORT}`, PY: '2020', JO: 'Age and Ageing', VL: '49', SP: '720' },
  // A conference abstract and the paper that followed.
  { TI: NURSING, AU: 'Dias, Rita', PY: '2018', JO: 'Intensive Care Medicine Experimental', VL: '6', SP: 'A42', M3: 'Conference Abstract' },
  { TI: NURSING, AU: 'Dias, Rita', PY: '2019', JO: 'Journal of Advanced Nursing', VL: '75', SP: '1200', EP: '1210' },
]);

let projectId: string;

async function dedup(task: { id: string } | null) {
  if (!task) throw new Error('expected a de-duplication task');
  expect((await h.waitFor('alice', task.id, h.finished)).at(-1)?.state).toBe('ready');
}

async function pairs() {
  return alice().listPossibleDuplicates({ projectId });
}

beforeAll(async () => {
  h = await startHarness();
  projectId = (await alice().createProject({ name: 'Grey zone', question: '' })).id;
  const upload = await h.upload('alice', 'mixed.ris', EXPORT);
  const imported = await alice().importLiterature({ projectId, uploadId: upload.id });
  await h.waitFor('alice', imported.id, h.finished);
  await dedup(await alice().startDedup({ projectId }));
}, 120_000);
afterAll(() => h.stop());

describe('possible duplicates', () => {
  it('lists the pair a guard kept apart, side by side, with what matched and what differed', async () => {
    const listed = await pairs();
    expect(listed).toMatchObject({ total: 1, open: 1 });
    expect(listed.pairs[0]).toMatchObject({
      status: 'open',
      similarity: 1,
      keptApartBy: 'journal, volume or first page differ',
      matched: ['same title', 'year 2019', 'first author Smith, Anna'],
    });
    // The sides are in id order (random UUIDs), and what differed reads in the same order.
    const journals = listed.pairs[0]!.records.map((record) => record.journal);
    expect([...journals].sort()).toEqual(['Chest', 'Critical Care Medicine']);
    const chestFirst = journals[0] === 'Chest';
    const sides = (a: string, b: string) => (chestFirst ? `${b} / ${a}` : `${a} / ${b}`);
    expect(listed.pairs[0]!.differed).toEqual([
      `journal ${sides('Critical Care Medicine', 'Chest')}`,
      `volume ${sides('47', '155')}`,
      `first page ${sides('100', '20')}`,
    ]);
    expect((await alice().listDuplicateGroups({ projectId })).total).toBe(0);
  });

  it('merges on the researcher’s word, and the merge survives a new de-duplication until undone', async () => {
    const ids = (await pairs()).pairs[0]!.records.map((record) => record.id) as [string, string];
    const merged = await alice().decidePossibleDuplicate({ recordIds: ids, verdict: 'merge' });
    await dedup(merged.dedup);
    const groups = await alice().listDuplicateGroups({ projectId });
    expect(groups.groups.map((group) => [group.reason, group.members.map((member) => member.id).sort()])).toEqual([['researcher', [...ids].sort()]]);
    expect((await pairs()).pairs).toMatchObject([{ status: 'merged', inOneGroup: true, keptApartBy: 'journal, volume or first page differ' }]);

    await dedup(await alice().startDedup({ projectId }));
    expect((await alice().listDuplicateGroups({ projectId })).total).toBe(1);
    expect((await alice().getProject({ projectId })).counts.afterDedup).toBe(5);

    const undone = await alice().undoPairDecision({ recordIds: [ids[1], ids[0]] });
    expect(undone.undone).toBe('merge');
    await dedup(undone.dedup);
    expect((await alice().listDuplicateGroups({ projectId })).total).toBe(0);
    expect(await pairs()).toMatchObject({ total: 1, open: 1, pairs: [{ status: 'open' }] });
  });

  it('keeps a dismissed pair dismissed across a new de-duplication, and undoes the dismissal', async () => {
    const ids = (await pairs()).pairs[0]!.records.map((record) => record.id) as [string, string];
    expect(await alice().decidePossibleDuplicate({ recordIds: ids, verdict: 'keep_apart' })).toEqual({ verdict: 'keep_apart', dedup: null });
    await dedup(await alice().startDedup({ projectId }));
    expect(await pairs()).toMatchObject({ total: 1, open: 0, pairs: [{ status: 'kept_apart' }] });
    expect(await alice().undoPairDecision({ recordIds: ids })).toEqual({ undone: 'keep_apart', dedup: null });
    expect(await pairs()).toMatchObject({ open: 1, pairs: [{ status: 'open' }] });
  });

  it('refuses the same record twice, a pair nobody listed and an undo with nothing to undo', async () => {
    const [a, b] = (await pairs()).pairs[0]!.records.map((record) => record.id) as [string, string];
    await expect(alice().decidePossibleDuplicate({ recordIds: [a, a], verdict: 'merge' })).rejects.toThrow(/two different records/);
    expect(await codeOf(alice().decidePossibleDuplicate({ recordIds: [a, crypto.randomUUID()], verdict: 'merge' }))).toBe('NOT_FOUND');
    expect(await codeOf(alice().undoPairDecision({ recordIds: [a, b] }))).toBe('NOT_FOUND');
    expect(await codeOf(alice().listPossibleDuplicates({ projectId: crypto.randomUUID() }))).toBe('NOT_FOUND');
  });
});

describe('a merge, then a split', () => {
  it('lets the split replace the merge, and its undo list the pair again', async () => {
    const ids = (await pairs()).pairs[0]!.records.map((record) => record.id) as [string, string];
    await dedup((await alice().decidePossibleDuplicate({ recordIds: ids, verdict: 'merge' })).dedup);
    const [group] = (await alice().listDuplicateGroups({ projectId })).groups;
    const split = await alice().splitDuplicateGroup({ groupId: group!.id, recordIds: [ids[0]] });
    expect(await pairs()).toMatchObject({ total: 0, open: 0 });
    expect(await codeOf(alice().undoPairDecision({ recordIds: ids }))).toBe('NOT_FOUND');
    await dedup(await alice().undoSplit({ splitId: split.splitId }));
    expect(await pairs()).toMatchObject({ total: 1, open: 1, pairs: [{ status: 'open' }] });
  });
});

describe('related records', () => {
  it('names an erratum and a conference abstract on both records, and merges neither', async () => {
    const { records } = await alice().listRecords({ projectId, limit: 50 });
    const related = (title: string) => records.filter((record) => record.title === title).map((record) => record.related.map((link) => `${link.label}: ${link.title} (${link.year})`));
    expect(related(COHORT)).toEqual([[`Corrected by erratum: Erratum to: ${COHORT} (2020)`]]);
    expect(related(`Erratum to: ${COHORT}`)).toEqual([[`Erratum of: ${COHORT} (2020)`]]);
    expect(related(NURSING)).toEqual([[`Conference abstract of: ${NURSING} (2019)`], [`Full paper of conference abstract: ${NURSING} (2018)`]]);
  });

  it('names the links in the screening export, and PRISMA counts studies apart from their reports', async () => {
    await alice().saveCriteria({
      projectId,
      criteria: { population: 'adults', intervention: '', comparator: '', outcomes: 'delirium', designs: [], include: [], exclude: [], yearFrom: null, yearTo: null, languages: [] },
    });
    const run = await alice().startScreening({ projectId });
    await h.waitFor('alice', run.id, h.finished);
    const download = await screeningDownload(h.db, 'alice', { projectId, taskId: run.id, set: 'all', format: 'ris' });
    const body = download && 'body' in download ? download.body : '';
    expect(body).toContain(`Related: Erratum of: ${COHORT} (2020).`);
    expect(body).toContain(`Related: Full paper of conference abstract: ${NURSING} (2018).`);

    // PRISMA 2020: an included article and its included erratum are two reports of one study.
    const { records } = await alice().listRecords({ projectId, limit: 50 });
    for (const title of [COHORT, `Erratum to: ${COHORT}`]) {
      const record = records.find((entry) => entry.title === title)!;
      await alice().reviewRecord({ projectId, taskId: run.id, recordId: record.id, decision: 'include' });
    }
    const flow = await alice().getPrismaFlow({ projectId, taskId: run.id });
    expect(flow.problems).toEqual([]);
    expect(flow.counts.relatedIncluded).toBe(1);
    expect(flow.svg).toContain(`Studies included (n = ${flow.counts.included - 1})`);
  });

  it('keeps a merged pair together when the researcher splits a third record out of their group', async () => {
    const trial = { TI: TRIAL, AU: ['Smith, Anna', 'Lee, Kim'], PY: '2019' };
    const own = (await alice().createProject({ name: 'Split after merge', question: '' })).id;
    const upload = await h.upload('alice', 'three.ris', ris([
      { ...trial, JO: 'Critical Care Medicine', VL: '47', SP: '100', DO: '10.1097/CCM.0000000000003500' },
      { ...trial, JO: 'Critical Care Medicine', VL: '47', SP: '100', DO: '10.1097/CCM.0000000000003500', DB: 'Embase' },
      { ...trial, JO: 'Chest', VL: '155', SP: '20' },
    ]));
    await h.waitFor('alice', (await alice().importLiterature({ projectId: own, uploadId: upload.id })).id, h.finished);
    await dedup(await alice().startDedup({ projectId: own }));
    const chest = (await alice().listPossibleDuplicates({ projectId: own })).pairs[0]!.records;
    await dedup((await alice().decidePossibleDuplicate({ recordIds: chest.map((record) => record.id) as [string, string], verdict: 'merge' })).dedup);
    const [group] = (await alice().listDuplicateGroups({ projectId: own })).groups;
    expect(group?.members).toHaveLength(3);
    const third = group!.members.find((member) => !chest.some((record) => record.id === member.id))!;
    await alice().splitDuplicateGroup({ groupId: group!.id, recordIds: [third.id] });
    const after = (await alice().listDuplicateGroups({ projectId: own })).groups;
    expect(after.map((kept) => [kept.reason, kept.members.map((member) => member.id).sort()])).toEqual([['researcher', chest.map((record) => record.id).sort()]]);
  });
});
