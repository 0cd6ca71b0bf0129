// Multi-record exports written the way each vendor writes them today (framing, field order,
// extra tags, line ends), with the records a review really meets: conference abstracts, errata,
// book chapters, web pages, trial registry entries. Every field is checked exactly.
import { describe, expect, it } from 'vitest';
import { fields, parseFixture } from './helpers.ts';

const COHORT = 'Early mobilisation and delirium in mechanically ventilated adults: a multicentre cohort study';
const COHORT_DOI = '10.1007/s00134-019-05612-3';
const NONE = { abstract: null, authors: [], year: null, journal: null, volume: null, issue: null, pages: null, doi: null, pmid: null, keywords: [], language: null, publicationType: null };

function read(name: string) {
  const { records, report } = parseFixture(`vendors/${name}`);
  expect(report.skipped).toEqual([]);
  expect(report.recordsRead).toBe(records.length);
  return records.map(fields);
}

describe('vendor exports, record by record', () => {
  it('Ovid RIS from Embase and MEDLINE together (CRLF): an Embase accession number is not a PMID, a MEDLINE one is', () => {
    expect(read('ovid-embase-medline.ris')).toEqual([
      {
        title: COHORT.replace(': a', ': A'),
        abstract:
          'Background: Delirium affects up to 80% of ventilated patients. Methods: Prospective cohort in 12 ICUs. Result(s): Early mobilisation was associated with ' +
          'fewer delirium days (adjusted IRR 0.74, 95% CI 0.62-0.88). Conclusion(s): Mobilise early. Copyright (c) 2019, Springer-Verlag GmbH Germany, part of Springer Nature.',
        authors: ['Okafor, A.', 'Lindqvist, E.', 'Nakamura, Y.'],
        year: 2019, journal: 'Intensive Care Medicine', volume: '45', issue: '6', pages: '812-820', doi: COHORT_DOI, pmid: null,
        keywords: ['adult', 'delirium/pc [Prevention]', 'early ambulation', 'human'], language: 'English', publicationType: 'Article',
      },
      {
        title: 'Delirium after cardiac surgery: incidence and risk factors',
        abstract: 'Introduction: Delirium is frequent after cardiac surgery.',
        authors: ['Fischer, M.'],
        year: 2020, journal: 'Critical Care Medicine', volume: '48', issue: '1 Supplement 1', pages: '512', doi: '10.1097/01.ccm.0000633456.12345.ab', pmid: null,
        keywords: [], language: 'English', publicationType: 'Conference Abstract',
      },
      {
        title: 'Effect of early mobilisation on delirium in critically ill adults: a randomised controlled trial.',
        abstract: 'BACKGROUND: Delirium is common in intensive care.',
        authors: ['Muller, Hans-Peter', 'Garcia-Lopez, Jose'],
        year: 2019, journal: 'PLoS ONE', volume: '14', issue: '8', pages: 'e0221183', doi: '10.1371/journal.pone.0221183', pmid: '31452104',
        keywords: ['Adult', 'Delirium/pc [Prevention & Control]'], language: null, publicationType: 'Journal Article',
      },
    ]);
  });

  it('Zotero RIS: a journal article, a book chapter with editors (not authors), and an undated web page (Y2 is the access date, not the year)', () => {
    expect(read('zotero-library.ris')).toEqual([
      {
        title: 'Early mobilisation in the intensive care unit: a systematic review',
        abstract: 'Early mobilisation reduced the duration of delirium.',
        authors: ['Lindqvist, Eva', 'Okafor, Ada'],
        year: 2021, journal: 'Critical Care', volume: '25', issue: '1', pages: '88', doi: '10.1186/s13054-021-03512-6', pmid: '33648567',
        keywords: ['Delirium', 'Early mobilisation'], language: 'en', publicationType: 'Journal Article',
      },
      {
        ...NONE,
        title: 'Delirium in older adults',
        authors: ['Inouye, Sharon K.'],
        year: 2017, journal: "Hazzard's geriatric medicine and gerontology", pages: '987-1004', publicationType: 'Book Section',
      },
      {
        ...NONE,
        title: 'Delirium: prevention, diagnosis and management in hospital and long-term care (NG103)',
        authors: ['National Institute for Health and Care Excellence'],
        publicationType: 'Web Page',
      },
    ]);
  });

  it('Cochrane CENTRAL RIS: an article, a trial registry record and an Embase conference abstract; CENTRAL record DOIs are not article DOIs', () => {
    expect(read('cochrane-central.ris')).toEqual([
      {
        title: 'Early mobilisation and delirium in the ICU (MOBILISE): a randomised trial',
        abstract: 'BACKGROUND: Delirium is common. METHODS: 200 adults were randomised. RESULTS: Delirium was less frequent (RR 0.61).',
        authors: ['Müller, H', 'García-López, J'],
        year: 2019, journal: 'PLoS one', volume: '14', issue: '8', pages: 'e0221183', doi: '10.1371/journal.pone.0221183', pmid: '31452105',
        keywords: ['Delirium [prevention & control]', 'Early Ambulation', 'Humans', 'Intensive Care Units'], language: null, publicationType: 'Journal Article',
      },
      {
        ...NONE,
        title: 'Dexmedetomidine for delirium prevention after cardiac surgery',
        abstract: 'Interventional study. Condition: Delirium. Intervention: Drug: dexmedetomidine.',
        authors: ['Chen, Hui'],
        year: 2019, journal: 'https://clinicaltrials.gov/show/NCT04123456', keywords: ['Delirium'], publicationType: 'Trial registry record',
      },
      {
        ...NONE,
        title: 'Melatonin for the prevention of postoperative delirium in older adults',
        authors: ['Rossi, Maria'],
        year: 2020, journal: 'Journal of the American Geriatrics Society', volume: '68', issue: 'S1', pages: 'S120', doi: '10.1111/jgs.16431',
        keywords: ['Aged', 'Delirium [prevention & control]', 'Melatonin [therapeutic use]'], publicationType: 'Conference Abstract',
      },
    ]);
  });

  it('Web of Science savedrecs.txt: BOM, FN/VR/EF framing, cited references on continuation lines, early access, a meeting abstract', () => {
    expect(read('wos-savedrecs.txt')).toEqual([
      {
        title: COHORT,
        abstract: 'Background Delirium affects up to 80% of ventilated patients. Methods Prospective cohort in 12 ICUs.',
        authors: ['Okafor, Ada', 'Lindqvist, Eva', 'Nakamura, Yuki'],
        year: 2019, journal: 'INTENSIVE CARE MEDICINE', volume: '45', issue: '6', pages: '812-820', doi: COHORT_DOI, pmid: '31087123',
        keywords: ['Delirium', 'Early mobilisation', 'Mechanical ventilation', 'Intensive care unit', 'CRITICALLY-ILL PATIENTS', 'RISK-FACTORS', 'REHABILITATION'],
        language: 'English', publicationType: 'Article',
      },
      {
        ...NONE,
        title: 'Sleep promotion bundle and delirium in the ICU: a stepped-wedge trial',
        abstract: 'Sleep promotion did not reduce delirium.',
        authors: ['Chen, Hui', 'Wang, Li'],
        year: 2021, journal: 'CRITICAL CARE', pages: '301', doi: '10.1186/s13054-021-03700-4', language: 'English', publicationType: 'Article; Early Access',
      },
      {
        ...NONE,
        title: 'Delirium after cardiac surgery: incidence and risk factors',
        authors: ['Fischer, Markus'],
        year: 2020, journal: 'CRITICAL CARE MEDICINE', volume: '48', issue: '1', pages: '512', language: 'English', publicationType: 'Meeting Abstract',
      },
    ]);
  });

  it('Scopus CSV with every column of a full export: page count and affiliations are not fields, the article number is the pages', () => {
    const { columns } = parseFixture('vendors/scopus-full.csv');
    expect(columns?.unsure).toEqual([]);
    expect(read('scopus-full.csv')).toEqual([
      {
        title: COHORT,
        abstract: 'Background: Delirium affects up to 80% of ventilated patients. Methods: Prospective cohort in 12 ICUs. © 2019, Springer-Verlag GmbH Germany, part of Springer Nature.',
        authors: ['Okafor, Ada', 'Lindqvist, Eva', 'Nakamura, Yuki'],
        year: 2019, journal: 'Intensive Care Medicine', volume: '45', issue: '6', pages: '812-820', doi: COHORT_DOI, pmid: '31087123',
        keywords: ['Delirium', 'Early mobilisation', 'Mechanical ventilation'], language: 'English', publicationType: 'Article',
      },
      {
        ...NONE,
        title: 'Sleep promotion bundle and delirium in the ICU: a stepped-wedge trial',
        authors: ['Chen, Hui', 'Wang, Li'],
        year: 2021, journal: 'Critical Care', volume: '25', issue: '1', pages: '301', doi: '10.1186/s13054-021-03700-4', language: 'English', publicationType: 'Article',
      },
      {
        ...NONE,
        title: 'Erratum: Delirium after cardiac surgery: incidence and risk factors (Critical Care Medicine (2020) 48 (512))',
        authors: ['Fischer, Markus'],
        year: 2020, journal: 'Critical Care Medicine', volume: '48', issue: '5', pages: 'e440', doi: '10.1097/ccm.0000000000004321', language: 'English', publicationType: 'Erratum',
      },
    ]);
  });

  it('Web of Science tab-delimited with all its columns: BP-EP are the pages, not PG (the page count); AR when there is no BP', () => {
    const records = read('wos-tab-full.txt');
    expect(records[0]).toEqual({
      title: COHORT,
      abstract: 'Background Delirium affects up to 80% of "ventilated" patients.',
      authors: ['Okafor, Ada', 'Lindqvist, Eva', 'Nakamura, Yuki'],
      year: 2019, journal: 'INTENSIVE CARE MEDICINE', volume: '45', issue: '6', pages: '812-820', doi: COHORT_DOI, pmid: '31087123',
      keywords: ['Delirium', 'Early mobilisation', 'Mechanical ventilation'], language: 'English', publicationType: 'Article',
    });
    // Early access: PY is empty and a table column fills one field, so the year stays unknown (the plain-text reader takes it from EA).
    expect(records[1]).toEqual({
      ...NONE,
      title: 'Sleep promotion bundle and delirium in the ICU: a stepped-wedge trial',
      abstract: 'Sleep promotion did not reduce delirium.',
      authors: ['Chen, Hui', 'Wang, Li'],
      journal: 'CRITICAL CARE', pages: '301', doi: '10.1186/s13054-021-03700-4', language: 'English', publicationType: 'Article; Early Access',
    });
  });

  it('EndNote 20 XML on one line: italic runs inside a title, editors apart from authors, a corporate author written with a trailing comma', () => {
    expect(read('endnote20.xml')).toEqual([
      {
        ...NONE,
        title: COHORT,
        authors: ['Okafor, A.', 'Lindqvist, E.'],
        year: 2019, journal: 'Intensive Care Med', volume: '45', issue: '6', pages: '812-820', doi: COHORT_DOI, pmid: '31087123',
        keywords: ['Adult', 'Delirium/prevention & control', 'Early Ambulation'], language: 'eng', publicationType: 'Journal Article',
      },
      {
        ...NONE,
        title: 'Delirium in older adults',
        authors: ['Inouye, Sharon K.'],
        year: 2017, journal: "Hazzard's geriatric medicine and gerontology", pages: '987-1004', publicationType: 'Book Section',
      },
      {
        ...NONE,
        title: 'Delirium: prevention, diagnosis and management (CG103)',
        abstract: 'This guideline covers delirium in people aged 18 and over. Recommendations cover prevention.',
        authors: ['National Institute for Health and Care Excellence'],
        year: 2023, publicationType: 'Report',
      },
    ]);
  });
});
