import { describe, expect, it } from 'vitest';
import { type DedupInput, findDuplicates, type LiteratureRecord, mergeGroup, splitGroup } from '../src/index.ts';
import { emptyRecord } from '../src/record.ts';

function copy(id: string, fields: Partial<LiteratureRecord>): DedupInput {
  return { id, record: { ...emptyRecord(`raw ${id}`, `${id}.export`), ...fields } };
}

const pubmed = copy('pubmed', {
  title: '[Effect of early mobilisation on delirium].',
  abstract: 'Short abstract.',
  authors: ['Müller, Hans-Peter', 'García-López, José'],
  year: 2020,
  journal: 'PloS one',
  pages: 'e0221183',
  pmid: '31452104',
  keywords: ['Delirium', 'Humans'],
  language: 'eng',
});
const embase = copy('embase', {
  title: 'EFFECT OF EARLY MOBILISATION ON DELIRIUM',
  abstract: 'A much longer abstract, with the methods and results that the PubMed copy lacks.',
  authors: ['Muller, H.', 'Garcia-Lopez, J.', 'Smith, J.'],
  year: 2019,
  journal: 'PLoS ONE',
  volume: '14',
  doi: '10.1371/journal.pone.0221183',
  keywords: ['delirium', 'early mobilization'],
});
const scopus = copy('scopus', { title: 'Effect of early mobilisation on delirium', authors: ['Müller, H.-P.'], year: 2019, issue: '8', doi: '10.1371/journal.pone.0221183' });

describe('mergeGroup', () => {
  it('keeps the best of each field and remembers where each came from', () => {
    const merged = mergeGroup([embase, scopus, pubmed]);
    expect(merged.sources).toEqual(['pubmed', 'embase', 'scopus']);
    expect(merged.record).toEqual({
      title: 'Effect of early mobilisation on delirium',
      abstract: 'A much longer abstract, with the methods and results that the PubMed copy lacks.',
      authors: ['Muller, H.', 'Garcia-Lopez, J.', 'Smith, J.'],
      year: 2020,
      journal: 'PloS one',
      volume: '14',
      issue: '8',
      pages: 'e0221183',
      doi: '10.1371/journal.pone.0221183',
      pmid: '31452104',
      keywords: ['Delirium', 'Humans', 'early mobilization'],
      language: 'eng',
      publicationType: null,
      sourceFile: 'pubmed.export',
      raw: 'raw pubmed',
    });
    expect(merged.fieldSources).toEqual({
      title: 'scopus',
      abstract: 'embase',
      authors: 'embase',
      journal: 'pubmed',
      pages: 'pubmed',
      year: 'pubmed',
      volume: 'embase',
      issue: 'scopus',
      doi: 'embase',
      pmid: 'pubmed',
      language: 'pubmed',
      keywords: 'pubmed',
    });
  });
});

describe('splitGroup', () => {
  it('takes records out, regroups the rest, and returns keep-apart pairs that stop a re-merge', () => {
    const records = [pubmed, embase, scopus];
    const [group] = findDuplicates(records);
    expect(group?.ids).toEqual(['pubmed', 'embase', 'scopus']);
    const split = splitGroup(group!, ['pubmed'], records);
    expect(split.keepApart).toEqual([['pubmed', 'embase'], ['pubmed', 'scopus']]);
    expect(split.groups.map((remaining) => [remaining.ids, remaining.reason])).toEqual([[['embase', 'scopus'], 'doi']]);
    expect(findDuplicates(records, { keepApart: split.keepApart }).map((again) => again.ids)).toEqual([['embase', 'scopus']]);
  });

  it('keeps a pair the researcher merged together when another record is taken out of their group', () => {
    // A translated title the matcher would never link: joined only by the researcher's "Merge".
    const translated = copy('translated', { title: 'Wirkung der Frühmobilisation auf das Delir', authors: ['Müller, H.'], year: 2019, journal: 'Der Anaesthesist' });
    const records = [pubmed, embase, translated];
    const mergePairs = [['embase', 'translated']] as const;
    const [group] = findDuplicates(records, { mergePairs });
    expect(group?.ids.sort()).toEqual(['embase', 'pubmed', 'translated']);
    const split = splitGroup(group!, ['pubmed'], records, { mergePairs });
    expect(split.groups.map((remaining) => [remaining.ids.sort(), remaining.reason])).toEqual([[['embase', 'translated'], 'researcher']]);
    // Without the researcher's merge the two would fall apart until the next de-duplication.
    expect(splitGroup(group!, ['pubmed'], records).groups).toEqual([]);
  });
});
