// Pairs de-duplication leaves for the researcher: related reports (errata, replies, conference
// abstracts and their papers, never merged) and possible duplicates (alike titles a guard on
// often-mangled fields kept apart), and the researcher's merges, which link before any rule.
import { describe, expect, it } from 'vitest';
import { analyseDuplicates, type DedupInput, type LiteratureRecord } from '../src/index.ts';
import { emptyRecord } from '../src/record.ts';

const TITLE = 'Early mobilisation and delirium in critically ill adults: a randomised trial';

function paper(id: string, fields: Partial<LiteratureRecord> = {}): DedupInput {
  const place = { journal: 'Critical Care Medicine', volume: '47', pages: '100-108' };
  return { id, record: { ...emptyRecord(`raw ${id}`, `${id}.ris`), title: TITLE, authors: ['Smith, Anna'], year: 2019, ...place, ...fields } };
}

describe('related reports', () => {
  it('links an erratum titled "Erratum to: <title>" to its article, and merges neither', () => {
    const result = analyseDuplicates([paper('article'), paper('erratum', { title: `Erratum to: ${TITLE}`, year: 2020, pages: '900', authors: [] })]);
    expect(result.groups).toEqual([]);
    expect(result.possible).toEqual([]);
    expect(result.related).toEqual([{ ids: ['erratum', 'article'], relation: 'erratum', detail: "Erratum naming the article's title" }]);
  });

  it('links an erratum filed under its article’s DOI, and a reply ending "- Reply"', () => {
    const doi = { doi: '10.1000/ccm.47.100' };
    const result = analyseDuplicates([
      paper('article', doi),
      paper('correction', { ...doi, title: 'Correction: Sedation and sleep in the ICU', pages: '901' }),
      paper('reply', { title: `${TITLE} - Reply`, pmid: '31000002', pages: '950', authors: ['Jones, Bo'] }),
    ]);
    expect(result.groups).toEqual([]);
    expect(result.related.map((link) => [link.ids, link.relation])).toEqual([
      [['correction', 'article'], 'erratum'],
      [['reply', 'article'], 'comment'],
    ]);
  });

  it('links a conference abstract to the paper that followed it in another journal', () => {
    const abstract = paper('abstract', { journal: 'Intensive Care Med Exp', volume: '6', pages: 'A123', year: 2018, publicationType: 'Conference Abstract' });
    const result = analyseDuplicates([abstract, paper('paper')]);
    expect(result.groups).toEqual([]);
    expect(result.related).toEqual([{ ids: ['abstract', 'paper'], relation: 'conference_abstract', detail: "Conference abstract with the paper's title, abstract 2018, paper 2019" }]);
  });

  it('does not call an abstract related to a paper five years later or by other authors', () => {
    const abstract = { journal: 'Intensive Care Med Exp', volume: '6', pages: 'A123', year: 2014, publicationType: 'Conference Abstract' };
    expect(analyseDuplicates([paper('abstract', abstract), paper('paper')]).related).toEqual([]);
    expect(analyseDuplicates([paper('abstract', { ...abstract, year: 2018, authors: ['Okafor, Chidi'] }), paper('paper')]).related).toEqual([]);
  });
});

describe('possible duplicates', () => {
  it('lists alike titles kept apart only by a different journal and page, with what matched and what differed', () => {
    const result = analyseDuplicates([paper('a'), paper('b', { title: TITLE.replace('randomised', 'randomized'), journal: 'Chest', volume: '155', pages: '20-28' })]);
    expect(result.groups).toEqual([]);
    expect(result.possible).toEqual([
      {
        ids: ['a', 'b'],
        similarity: expect.closeTo(0.97, 2) as number,
        keptApartBy: 'journal, volume or first page differ',
        matched: ['titles 96% alike', 'year 2019', 'first author Smith, Anna'],
        differed: ['journal Critical Care Medicine / Chest', 'volume 47 / 155', 'first page 100 / 20'],
      },
    ]);
  });

  it('lists the same title by different first authors with no shared place', () => {
    const result = analyseDuplicates([paper('a', { volume: null, pages: null }), paper('b', { authors: ['Okafor, Chidi'], volume: null, pages: null })]);
    expect(result.possible.map((pair) => [pair.ids, pair.keptApartBy])).toEqual([[['a', 'b'], 'first authors differ']]);
  });

  it('lists neither part numbers, conflicting PMIDs, years far apart nor short titles', () => {
    const apart = (fields: Partial<LiteratureRecord>, other: Partial<LiteratureRecord> = {}) =>
      analyseDuplicates([paper('a', { pages: '1', ...other }), paper('b', { pages: '2', ...fields })]);
    expect(apart({ title: `${TITLE} part II` }, { title: `${TITLE} part I` }).possible).toEqual([]);
    expect(apart({ pmid: '2' }, { pmid: '1' }).possible).toEqual([]);
    expect(apart({ year: 2023 }).possible).toEqual([]);
    expect(apart({ title: 'Editorial', journal: 'Chest' }, { title: 'Editorial' }).possible).toEqual([]);
  });

  it('merges a pair the researcher merged, and no longer lists it', () => {
    const records = [paper('a'), paper('b', { journal: 'Chest', volume: '155', pages: '20-28' })];
    const merged = analyseDuplicates(records, { mergePairs: [['a', 'b']] });
    expect(merged.groups).toEqual([{ ids: ['a', 'b'], reason: 'researcher', links: [{ ids: ['a', 'b'], reason: 'researcher', detail: 'Merged by the researcher' }] }]);
    expect(merged.possible).toEqual([]);
  });

  it('names its sides in id order, the order they are stored and shown in, whatever order the export had', () => {
    const records = [paper('z'), paper('b', { journal: 'Chest', volume: '155', pages: '20-28' })];
    const [pair] = analyseDuplicates(records).possible;
    expect(pair?.ids).toEqual(['b', 'z']);
    expect(pair?.differed[0]).toMatch(/^journal Chest \/ /);
  });

  it('still reports a kept-apart pair (the caller shows it as dismissed), and a keep-apart outweighs a merge', () => {
    const records = [paper('a'), paper('b', { journal: 'Chest', volume: '155', pages: '20-28' })];
    const both = analyseDuplicates(records, { keepApart: [['a', 'b']], mergePairs: [['a', 'b']] });
    expect(both.groups).toEqual([]);
    expect(both.possible.map((pair) => pair.ids)).toEqual([['a', 'b']]);
  });
});

describe('one entry per two works', () => {
  it('lists two groups alike in title once, by the pair the researcher kept apart when there is one', () => {
    const other = { journal: 'Chest', volume: '155', pages: '20-28' };
    const records = [paper('a1'), paper('a2', { abstract: 'A copy.' }), paper('b1', other), paper('b2', { ...other, abstract: 'Another copy.' })];
    const found = analyseDuplicates(records);
    expect(found.groups.map((group) => group.ids)).toEqual([['a1', 'a2'], ['b1', 'b2']]);
    expect(found.possible.map((pair) => pair.ids)).toEqual([['a1', 'b1']]);
    expect(analyseDuplicates(records, { keepApart: [['b2', 'a2']] }).possible.map((pair) => pair.ids)).toEqual([['a2', 'b2']]);
  });

  it('links an erratum to its article once, however many copies of each were imported', () => {
    const erratum = { title: `Erratum to: ${TITLE}`, year: 2020, pages: '900', authors: [] };
    const related = analyseDuplicates([paper('a1'), paper('a2'), paper('e1', erratum), paper('e2', erratum)]).related;
    expect(related.map((link) => link.ids)).toEqual([['e1', 'a1']]);
  });
});
