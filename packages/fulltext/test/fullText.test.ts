// Real PDFs written by pdf-lib (testing.ts): read page by page, refused in words when they cannot
// be read, and matched to records by DOI, PMID or title with the author or year.
import { describe, expect, it } from 'vitest';
import { doisIn, matchFullText, PdfReadError, readPdf, type MatchCandidate } from '../src/index.ts';
import { writePdf } from '../src/testing.ts';

const pdf = writePdf;

const LIMITS = { maxPages: 50 };

const records: MatchCandidate[] = [
  { id: 'trial', title: 'Early mobilisation and delirium in critically ill adults: a randomised trial', doi: '10.1097/CCM.0000000000003500', pmid: '30789012', firstAuthor: 'Smith, Anna', year: 2019 },
  { id: 'cohort', title: 'Haloperidol prophylaxis for delirium after hip fracture surgery in older adults', doi: null, pmid: '31111111', firstAuthor: 'Okafor, Chidi', year: 2020 },
  { id: 'nursing', title: 'Nurse-led sleep hygiene bundles and delirium incidence on medical wards', doi: null, pmid: null, firstAuthor: 'Dias, Rita', year: 2019 },
  { id: 'nursing-reply', title: 'Nurse-led sleep hygiene bundles and delirium incidence on medical wards', doi: null, pmid: null, firstAuthor: 'Brown, Carol', year: 2021 },
];

describe('readPdf', () => {
  it('reads the text of each page in order, with the metadata title', async () => {
    const read = await readPdf(await pdf([['Page one: methods.', 'Second line of page one.'], ['Page two: results.']], { title: 'A trial' }), LIMITS);
    expect(read.pages).toHaveLength(2);
    expect(read.pages[0]).toContain('Page one: methods.');
    expect(read.pages[0]).toContain('Second line of page one.');
    expect(read.pages[1]).toContain('Page two: results.');
    expect(read.metadata).toEqual(['A trial']);
    expect(read.hasTextLayer).toBe(true);
  });

  it('says a scan has no text layer instead of returning nothing silently', async () => {
    const read = await readPdf(await pdf([[], []]), LIMITS);
    expect(read).toMatchObject({ pages: ['', ''], hasTextLayer: false });
  });

  it('refuses a damaged file and a PDF over the page limit in words, before reading its pages', async () => {
    const damaged = readPdf(new TextEncoder().encode('%PDF-1.7\nthis is not really a pdf'), LIMITS);
    await expect(damaged).rejects.toThrow(PdfReadError);
    await expect(damaged).rejects.toMatchObject({ code: 'not_a_pdf', message: expect.stringContaining('Download the paper again') });
    const volume = readPdf(await pdf(Array.from({ length: 6 }, (_, page) => [`Page ${page + 1}`])), { maxPages: 5 });
    await expect(volume).rejects.toMatchObject({ code: 'too_many_pages', message: expect.stringContaining('6 pages, more than the 5') });
  });
});

describe('matchFullText', () => {
  it('matches by the DOI on the first page, even broken across a line, and not by DOIs in the references', async () => {
    const paper = await readPdf(
      await pdf([
        ['Critical Care Medicine 2019; 47: 100-108. https://doi.org/10.1097/', 'CCM.0000000000003500', 'Early mobilisation and delirium'],
        ['Methods and results.'],
        ['References', '1. Okafor C. doi: 10.1000/other.paper', 'PMID: 31111111'],
      ]),
      LIMITS,
    );
    expect(matchFullText(paper, records)).toEqual({ status: 'matched', recordId: 'trial', by: 'doi', note: 'DOI 10.1097/ccm.0000000000003500 on its first pages' });
  });

  it('does not join a whole DOI at the end of a line to the next line\'s first word', () => {
    expect([...doisIn('doi: 10.1097/CCM.0000000000003500\nEarly mobilisation')]).toEqual(['10.1097/ccm.0000000000003500']);
    expect([...doisIn('https://doi.org/10.1097/\nCCM.0000000000003500')]).toContain('10.1097/ccm.0000000000003500');
  });

  it('matches by PMID, then by title with the first author or the year', async () => {
    const byPmid = await readPdf(await pdf([['Age and Ageing. PMID: 31111111']]), LIMITS);
    expect(matchFullText(byPmid, records)).toMatchObject({ status: 'matched', recordId: 'cohort', by: 'pmid' });

    const byTitle = await readPdf(
      await pdf([['Early mobilisation and delirium in critically ill adults: a random-', 'ised trial', 'Anna Smith, Kim Lee']]),
      LIMITS,
    );
    expect(matchFullText(byTitle, records)).toMatchObject({ status: 'matched', recordId: 'trial', by: 'title' });
  });

  it('leaves two records with the same title for the researcher, and says when nothing fits', async () => {
    const shared = await readPdf(await pdf([['Nurse-led sleep hygiene bundles and delirium incidence on medical wards', 'Rita Dias and Carol Brown']]), LIMITS);
    expect(matchFullText(shared, records)).toMatchObject({ status: 'ambiguous', candidates: ['nursing', 'nursing-reply'] });

    const onlyTitle = await readPdf(await pdf([['Haloperidol prophylaxis for delirium after hip fracture surgery in older adults']]), LIMITS);
    expect(matchFullText(onlyTitle, records)).toMatchObject({ status: 'ambiguous', candidates: ['cohort'], note: expect.stringContaining('neither the first author nor the year') });

    const other = await readPdf(await pdf([['A paper about something else entirely, 2015.']]), LIMITS);
    expect(matchFullText(other, records)).toEqual({ status: 'unmatched', note: expect.stringContaining('no DOI, PMID or title') });
  });
});
