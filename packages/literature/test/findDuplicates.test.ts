import { describe, expect, it } from 'vitest';
import { type DedupInput, findDuplicates, type LiteratureRecord } from '../src/index.ts';
import { emptyRecord } from '../src/record.ts';

function paper(id: string, fields: Partial<LiteratureRecord>): DedupInput {
  return { id, record: { ...emptyRecord(`raw ${id}`, `${id}.ris`), title: 'Effect of early mobilisation on delirium in critically ill adults', authors: ['Müller, Hans'], year: 2019, ...fields } };
}

const groupsOf = (records: DedupInput[]) => findDuplicates(records).map((group) => group.ids);

describe('findDuplicates: identifiers', () => {
  it('merges on DOI, case-insensitive and without URL prefixes, when the titles agree too', () => {
    const groups = findDuplicates([
      paper('a', { doi: '10.1000/ABC.1', title: 'Effect of early mobilisation on delirium' }),
      paper('b', { doi: 'https://doi.org/10.1000/abc.1', title: 'EFFECT OF EARLY MOBILISATION ON DELIRIUM.', year: 2022, authors: [] }),
      paper('c', { doi: '10.1000/abc.2', title: 'Third' }),
    ]);
    expect(groups).toEqual([{ ids: ['a', 'b'], reason: 'doi', links: [{ ids: ['a', 'b'], reason: 'doi', detail: 'Same DOI 10.1000/abc.1, titles agree' }] }]);
  });

  it('merges on PMID, but not when the DOIs contradict it, and not a notice with its article', () => {
    expect(groupsOf([paper('a', { pmid: '123', title: 'X' }), paper('b', { pmid: '123', title: 'Y' })])).toEqual([['a', 'b']]);
    expect(groupsOf([paper('a', { pmid: '123', doi: '10.1000/a', title: 'X' }), paper('b', { pmid: '123', doi: '10.1000/b', title: 'Y' })])).toEqual([]);
    expect(groupsOf([paper('a', { doi: '10.1000/a' }), paper('b', { doi: '10.1000/a', publicationType: 'Published Erratum' })])).toEqual([]);
  });
});

describe('findDuplicates: title, year and first author', () => {
  it('merges case, punctuation, accent, markup and Greek variants of a title, and says why', () => {
    const groups = findDuplicates([
      paper('a', { title: 'TNF-α blockade in arthritis: a meta-analysis.', authors: ['Müller, Hans'] }),
      paper('b', { title: 'TNF-ALPHA BLOCKADE IN ARTHRITIS - A META-ANALYSIS', authors: ['Muller H.'] }),
      paper('c', { title: '[TNF-&alpha; blockade in <i>arthritis</i>: a meta-analysis]', authors: [] }),
    ]);
    expect(groups).toEqual([
      {
        ids: ['a', 'b', 'c'],
        reason: 'title_year_author',
        links: [
          { ids: ['a', 'b'], reason: 'title_year_author', detail: 'Same title, same year 2019, same first author (muller)' },
          { ids: ['a', 'c'], reason: 'title_year_author', detail: 'Same title, same year 2019, authors missing in one' },
        ],
      },
    ]);
  });

  it('allows one year apart (epub ahead of print) only when the authors or volume and page agree', () => {
    expect(groupsOf([paper('a', { year: 2019 }), paper('b', { year: 2020, authors: ['Muller, H'] })])).toEqual([['a', 'b']]);
    expect(groupsOf([paper('a', { year: 2019 }), paper('b', { year: 2020, authors: [] })])).toEqual([]);
    expect(groupsOf([paper('a', { year: 2019, volume: '4', pages: '10-19' }), paper('b', { year: 2020, authors: [], volume: '4', pages: '10-9' })])).toEqual([['a', 'b']]);
  });

  it('merges a misspelt or differently spelt title by the same author in the same year', () => {
    const groups = findDuplicates([
      paper('a', { title: 'Randomized trial of telemedicine follow-up after hip fracture surgery' }),
      paper('b', { title: 'Randomised trial of telemedicine follow up after hip fracutre surgery' }),
    ]);
    expect(groups.map((group) => [group.ids, group.links[0]?.detail])).toEqual([[['a', 'b'], 'Titles 91% alike, same year 2019, same first author (muller)']]);
  });
});

describe('findDuplicates: near misses stay apart', () => {
  it.each([
    ['Part I and Part II', { title: 'Hip fracture outcomes. Part I' }, { title: 'Hip fracture outcomes. Part II' }],
    ['an erratum titled like its article', {}, { publicationType: 'Published Erratum' }],
    ['an erratum with a prefix', {}, { title: 'Erratum: Effect of early mobilisation on delirium in critically ill adults' }],
    ['a comment on the article', {}, { title: 'Comment on: Effect of early mobilisation on delirium in critically ill adults', authors: ['Nowak, Jan'] }],
    ['the same title years later by other authors', {}, { year: 2024, authors: ['Lee, Sarah'] }],
    ['the same title and year by another first author', {}, { authors: ['Lee, Sarah'] }],
    ['a conference abstract of the same study', { journal: 'PLoS ONE', volume: '14', pages: 'e0221183' }, { journal: 'Critical Care Medicine', volume: '47', pages: 'S120' }],
    ['different DOIs', { doi: '10.1000/a' }, { doi: '10.1000/b' }],
    ['alike titles about different people', { title: 'Sleep hygiene education for night-shift nurses in children hospitals' }, { title: 'Sleep hygiene education for night-shift nurses in adult hospitals' }],
    ['generic titles from different journals', { title: 'Editorial', journal: 'Lancet' }, { title: 'Editorial', journal: 'Diabetes Care' }],
    ['generic titles without authors', { title: 'Introduction' }, { title: 'Introduction', authors: [] }],
  ])('%s', (_, a, b) => {
    expect(groupsOf([paper('a', a), paper('b', b)])).toEqual([]);
  });
});

describe('findDuplicates: keep apart', () => {
  it('never rejoins records the researcher split, even through a third record', () => {
    const records = [paper('a', { doi: '10.1000/x' }), paper('b', { doi: '10.1000/x' }), paper('c', {})];
    expect(groupsOf(records)).toEqual([['a', 'b', 'c']]);
    const groups = findDuplicates(records, { keepApart: [['c', 'a'], ['c', 'b']] });
    expect(groups.map((group) => group.ids)).toEqual([['a', 'b']]);
  });
});
