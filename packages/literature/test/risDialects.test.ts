// One record of the same paper as each vendor writes RIS: every field checked exactly.
import { describe, expect, it } from 'vitest';
import { fields, parseFixture } from './helpers.ts';

const TITLE = 'Effect of early mobilisation on delirium in critically ill adults: a randomised controlled trial';
const DOI = '10.1371/journal.pone.0221183';
const FULL_NAMES = ['Müller, Hans-Peter', 'García-López, José'];

const expected = {
  'embase.ris': {
    title: TITLE.replace(': a', ': A'),
    abstract: 'Background: Delirium is common in intensive care. Methods: We randomly assigned 200 adults to early mobilisation or usual care.',
    authors: ['Muller, H.-P.', 'Garcia-Lopez, J.'],
    year: 2019, journal: 'PLoS ONE', volume: '14', issue: '8', pages: 'e0221183', doi: DOI, pmid: '31452104',
    keywords: ['delirium', 'early mobilization'], language: 'English', publicationType: 'Article',
  },
  'ovid.ris': {
    title: `${TITLE}.`,
    abstract: 'BACKGROUND: Delirium is common in intensive care. METHODS: We randomly assigned 200 adults to early mobilisation or usual care.',
    authors: ['Muller, Hans-Peter', 'Garcia-Lopez, Jose'],
    year: 2019, journal: 'PLoS ONE', volume: '14', issue: '8', pages: 'e0221183', doi: DOI, pmid: '31452104',
    keywords: ['Adult', 'Delirium/pc [Prevention & Control]'], language: null, publicationType: 'Journal Article',
  },
  'scopus.ris': {
    title: TITLE.replace(': a', ': A'),
    abstract: 'Background: Delirium is common in intensive care. © 2019 Müller et al.',
    authors: ['Müller, H.-P.', 'García-López, J.'],
    year: 2019, journal: 'PLoS ONE', volume: '14', issue: '8', pages: 'e0221183', doi: DOI, pmid: '31452104',
    keywords: ['delirium', 'early mobilisation'], language: 'English', publicationType: 'Article',
  },
  'wos.ris': {
    title: TITLE.replace(': a', ': A'),
    abstract: null,
    authors: ['Muller, HP', 'Garcia-Lopez, J'],
    year: 2019, journal: 'PLOS ONE', volume: '14', issue: '8', pages: 'e0221183', doi: DOI, pmid: null,
    keywords: [], language: null, publicationType: 'Journal Article',
  },
  'cochrane.ris': {
    title: 'Early mobilisation and delirium in the ICU (MOBILISE): a randomised trial',
    abstract: 'Delirium is common.',
    authors: ['Müller, H', 'García-López, J'],
    year: 2019, journal: 'PLoS one', volume: '14', issue: '8', pages: null, doi: null, pmid: '31452105',
    keywords: ['Delirium [prevention & control]', 'Early Ambulation', 'Humans'], language: null, publicationType: 'Journal Article',
  },
  'ebsco.ris': {
    title: `${TITLE}.`,
    abstract: null,
    authors: FULL_NAMES,
    year: 2019, journal: 'PLoS ONE', volume: '14', issue: '8', pages: '1-12', doi: DOI, pmid: '31452104',
    keywords: ['Delirium -- Prevention and Control', 'Early Ambulation'], language: null, publicationType: 'Article',
  },
  'zotero.ris': {
    title: TITLE,
    abstract: 'Delirium is common in intensive care & costly.',
    authors: FULL_NAMES,
    year: 2019, journal: 'PLOS ONE', volume: '14', issue: null, pages: 'e0221183', doi: DOI, pmid: '31452104',
    keywords: ['Delirium', 'Intensive care units'], language: 'en', publicationType: 'Journal Article',
  },
  'endnote.ris': {
    title: TITLE,
    abstract: 'Delirium is common in intensive care.',
    authors: ['Müller, H. P.', 'García-López, J.'],
    year: 2019, journal: 'PLoS One', volume: '14', issue: '8', pages: 'e0221183', doi: DOI, pmid: '31452104',
    keywords: ['Adult', 'Delirium/prevention & control', 'Humans'], language: null, publicationType: 'Journal Article',
  },
  'mendeley.ris': {
    title: TITLE,
    abstract: 'Delirium is common in intensive care.',
    authors: FULL_NAMES,
    year: 2019, journal: 'PLoS ONE', volume: '14', issue: '8', pages: 'e0221183', doi: DOI, pmid: '31452104',
    keywords: [], language: null, publicationType: 'Journal Article',
  },
};

describe('RIS dialects', () => {
  it.each(Object.entries(expected))('%s', (name, record) => {
    const { format, records, report } = parseFixture(`ris/${name}`);
    expect(format).toBe('ris');
    expect(records).toHaveLength(1);
    expect(fields(records[0])).toEqual(record);
    expect(report.skipped).toEqual(name === 'wos.ris' ? [{ line: 1, reason: 'Text outside any record: "Provider: Clarivate"' }] : []);
  });
});

describe('RIS vendor quirks, one by one', () => {
  it('Embase: DOI as a dx.doi.org URL, PMID in C5, Y1 "2019//"', () => {
    const record = parseFixture('ris/embase.ris').records[0];
    expect([record?.doi, record?.pmid, record?.year]).toEqual([DOI, '31452104', 2019]);
  });

  it('Ovid: abstract continued on untagged lines, PMID as AN of a MEDLINE database, "[Electronic Resource]" dropped', () => {
    const record = parseFixture('ris/ovid.ris').records[0];
    expect(record?.abstract).toContain('early mobilisation or usual care.');
    expect(record?.journal).toBe('PLoS ONE');
  });

  it('Cochrane: "PUBMED 31452105" in AN, and the CENTRAL record DOI in UR is not taken as the article DOI', () => {
    const record = parseFixture('ris/cochrane.ris').records[0];
    expect([record?.pmid, record?.doi]).toEqual(['31452105', null]);
  });

  it('EBSCO: "PMID: NLM31452104" inside N1, DOI in L3, "AB  - NA"', () => {
    const record = parseFixture('ris/ebsco.ris').records[0];
    expect([record?.pmid, record?.doi, record?.abstract]).toEqual(['31452104', DOI, null]);
  });

  it('EndNote: DOI in M3, one keyword per line after a single KW, PMID as AN with DB PubMed', () => {
    const record = parseFixture('ris/endnote.ris').records[0];
    expect([record?.doi, record?.pmid, record?.publicationType]).toEqual([DOI, '31452104', 'Journal Article']);
  });
});
