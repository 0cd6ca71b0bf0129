// Full texts through the router on real Postgres and real worker threads: a PDF attached to a
// project is read page by page and matched to its record; a scan is kept and said to have no
// text; a damaged PDF fails once, in words; an ambiguous paper is settled by hand.
import { writePdf } from '@sift/fulltext/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '@sift/tasks/testing';
import { callerFor as callerForOwner, codeOf } from './helpers.ts';

let h: Harness;
const alice = () => callerForOwner(h, 'alice');
let projectId: string;

const TRIAL = 'Early mobilisation and delirium in critically ill adults: a randomised trial';
const SLEEP = 'Nurse-led sleep hygiene bundles and delirium incidence on medical wards';
const EXPORT = [
  ['TY  - JOUR', `TI  - ${TRIAL}`, 'AU  - Smith, Anna', 'PY  - 2019', 'DO  - 10.1097/CCM.0000000000003500', 'ER  - '],
  ['TY  - JOUR', `TI  - ${SLEEP}`, 'AU  - Dias, Rita', 'PY  - 2019', 'ER  - '],
  ['TY  - JOUR', `TI  - ${SLEEP}`, 'AU  - Brown, Carol', 'PY  - 2021', 'JO  - Reply in another journal', 'ER  - '],
]
  .map((lines) => lines.join('\r\n'))
  .join('\r\n\r\n');

async function attach(fileName: string, bytes: Uint8Array) {
  const upload = await h.upload('alice', fileName, bytes);
  const task = await alice().attachFullText({ projectId, uploadId: upload.id });
  return (await h.waitFor('alice', task.id, h.finished)).at(-1)!;
}

beforeAll(async () => {
  h = await startHarness();
  projectId = (await alice().createProject({ name: 'Full texts', question: '' })).id;
  const upload = await h.upload('alice', 'search.ris', new TextEncoder().encode(EXPORT));
  await h.waitFor('alice', (await alice().importLiterature({ projectId, uploadId: upload.id })).id, h.finished);
}, 120_000);
afterAll(() => h.stop());

describe('full texts', () => {
  it('reads a PDF page by page and matches it to its record by the DOI it prints', async () => {
    const status = await attach('smith-2019.pdf', await writePdf([['Crit Care Med 2019. doi:10.1097/CCM.0000000000003500', TRIAL], ['Methods: 120 adults were randomised.']]));
    expect(status).toMatchObject({ state: 'ready', result: { pages: 2, hasText: true, match: 'matched', by: 'doi' } });
    const [paper] = await alice().listFullTexts({ projectId });
    expect(paper).toMatchObject({ fileName: 'smith-2019.pdf', pageCount: 2, hasText: true, match: 'matched', matchedBy: 'doi', record: { title: TRIAL } });
    expect((await alice().getFullTextPage({ fullTextId: paper!.id, page: 2 })).text).toContain('120 adults were randomised');
    expect(await codeOf(alice().getFullTextPage({ fullTextId: paper!.id, page: 3 }))).toBe('NOT_FOUND');
  });

  it('keeps a scan and says it has no text layer', async () => {
    const status = await attach('scanned.pdf', await writePdf([[], []]));
    expect(status).toMatchObject({ state: 'ready', result: { pages: 2, hasText: false, match: 'unmatched' } });
  });

  it('fails a damaged PDF once, with what to do, and refuses a file that is not a PDF before starting', async () => {
    const status = await attach('broken.pdf', new TextEncoder().encode('%PDF-1.7\nnot really a pdf'));
    expect(status.state).toBe('error');
    expect(status.error?.message).toContain('Download the paper again');
    expect((await h.db.task.findUniqueOrThrow({ where: { id: status.id } })).attempts).toBe(1); // no retry: it would fail the same way
    const upload = await h.upload('alice', 'notes.docx', new Uint8Array([1, 2, 3]));
    await expect(alice().attachFullText({ projectId, uploadId: upload.id })).rejects.toThrow('notes.docx is not a PDF');
  });

  it('leaves two records with one title to the researcher, who says which it is', async () => {
    const status = await attach('sleep.pdf', await writePdf([[SLEEP, 'Rita Dias, Carol Brown']]));
    expect(status).toMatchObject({ state: 'ready', result: { match: 'ambiguous' } });
    const paper = (await alice().listFullTexts({ projectId })).find((entry) => entry.fileName === 'sleep.pdf')!;
    expect(paper.candidates.map((candidate) => candidate.title)).toEqual([SLEEP, SLEEP]);
    const chosen = paper.candidates[0]!.id;
    await alice().setFullTextRecord({ fullTextId: paper.id, recordId: chosen });
    expect((await alice().listFullTexts({ projectId })).find((entry) => entry.id === paper.id)).toMatchObject({ match: 'by_hand', record: { id: chosen }, candidates: [] });

    const other = (await alice().createProject({ name: 'Other', question: '' })).id;
    const elsewhere = await h.upload('alice', 'other.ris', new TextEncoder().encode(EXPORT));
    await h.waitFor('alice', (await alice().importLiterature({ projectId: other, uploadId: elsewhere.id })).id, h.finished);
    const foreign = (await alice().listRecords({ projectId: other })).records[0]!.id;
    await expect(alice().setFullTextRecord({ fullTextId: paper.id, recordId: foreign })).rejects.toThrow('That record is not in this project');
  });
});
