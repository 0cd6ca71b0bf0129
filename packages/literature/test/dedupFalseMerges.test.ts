// The false merges issue 17 and issue 16 found on real exports, each written from its description
// with tiny records: identifiers alone, a conference abstract and its paper, an editorial series,
// conflicting PMIDs and DOIs, a letter and its reply.
import { describe, expect, it } from 'vitest';
import { type DedupInput, findDuplicates, type LiteratureRecord } from '../src/index.ts';
import { emptyRecord } from '../src/record.ts';

function paper(id: string, fields: Partial<LiteratureRecord>): DedupInput {
  return { id, record: { ...emptyRecord(`raw ${id}`, `${id}.ris`), title: 'Early mobilisation and delirium in critically ill adults', authors: ['Smith, Anna'], year: 2019, ...fields } };
}

const groupsOf = (records: DedupInput[]) => findDuplicates(records).map((group) => group.ids);

describe('identifiers are evidence, not proof', () => {
  it('does not link the abstracts of a congress supplement that all carry its DOI', () => {
    const supplement = { doi: '10.1016/s0000-0000(19)30001-x', journal: 'Intensive Care Medicine Experimental', volume: '7', year: 2019 };
    const records = [
      paper('a', { ...supplement, title: 'Sedation depth and delirium after cardiac surgery', authors: ['Lee, K'], pages: '101' }),
      paper('b', { ...supplement, title: 'Music therapy for ventilated patients: a pilot', authors: ['Ota, M'], pages: '102' }),
      paper('c', { ...supplement, title: 'Frailty scores predict ICU readmission', authors: ['Dias, R'], pages: '103' }),
      paper('d', { ...supplement, title: 'Sedation depth and delirium after cardiac surgery', authors: ['Lee, K'], pages: '101' }),
    ];
    expect(groupsOf(records)).toEqual([['a', 'd']]);
  });

  it('still links two copies sharing a DOI when only the place agrees (a translated title)', () => {
    const place = { doi: '10.1000/x.1', journal: 'Zhonghua Nei Ke Za Zhi', volume: '58', pages: '12-17' };
    const groups = findDuplicates([paper('a', { ...place, title: 'Early rehabilitation after stroke' }), paper('b', { ...place, title: '脑卒中后早期康复' })]);
    expect(groups.map((group) => [group.ids, group.links[0]?.detail])).toEqual([[['a', 'b'], 'Same DOI 10.1000/x.1, same journal, volume and page']]);
  });

  it('keeps two trials with alike titles apart when their PMIDs differ (issue 16)', () => {
    const a = paper('a', { title: 'Pantoprazole versus omeprazole for healing of reflux oesophagitis: a randomised trial', pmid: '10000001' });
    const b = paper('b', { title: 'Lansoprazole versus omeprazole for healing of reflux oesophagitis: a randomised trial', pmid: '10000002' });
    expect(groupsOf([a, b])).toEqual([]);
  });

  it('keeps identical titles apart when their PMIDs or DOIs differ', () => {
    expect(groupsOf([paper('a', { pmid: '1' }), paper('b', { pmid: '2' })])).toEqual([]);
    expect(groupsOf([paper('a', { doi: '10.1000/a' }), paper('b', { doi: '10.1000/b' })])).toEqual([]);
  });
});

describe('related reports are not duplicates', () => {
  it('keeps a conference abstract apart from the full paper a year later in another journal', () => {
    const abstract = paper('a', { journal: 'Scandinavian Journal of Immunology.Conference: 39th Meeting of the Society', publicationType: 'Conference Abstract', year: 2010 });
    const same = paper('b', { journal: 'Scandinavian Journal of Immunology', volume: '71', pages: '507', year: 2010 });
    const full = paper('c', { journal: 'American Journal of Transplantation', volume: '11', pages: '1885-95', year: 2011 });
    expect(groupsOf([abstract, same, full])).toEqual([['a', 'b']]);
  });

  it('keeps a conference paper apart from its journal version in the same year', () => {
    const conference = paper('a', { journal: 'Americas Conference on Information Systems', publicationType: 'inproceedings' });
    expect(groupsOf([conference, paper('b', { journal: 'Journal of Global Information Technology Management', volume: '7', pages: '47-65' })])).toEqual([]);
  });

  it('keeps an editorial series with one title apart across the issues of a volume', () => {
    const issue = (id: string, issueNo: string, pages: string) => paper(id, { title: "Editor's Comments", authors: ['Rai, A'], journal: 'MIS Quarterly', volume: '36', issue: issueNo, pages });
    expect(groupsOf([issue('a', '1', 'iii-iv'), issue('b', '2', 'iii-vi'), issue('c', '3', 'v-vii'), issue('d', '4', 'iii-xiv')])).toEqual([]);
    expect(groupsOf([issue('a', '1', '1-2'), issue('b', '2', '301-302')])).toEqual([]);
  });

  it('keeps an erratum titled exactly like its article apart by its page in the same volume', () => {
    const article = paper('a', { journal: 'Human Molecular Genetics', volume: '14', issue: '5', pages: '703-712', year: 2005 });
    expect(groupsOf([article, paper('b', { journal: 'Hum Mol Genet', volume: '14', issue: '8', pages: '1107', year: 2005 })])).toEqual([]);
  });

  it('keeps a letter apart from its reply, which Web of Science titles "... - Reply" or "... AUTHORS REPLY"', () => {
    const place = { journal: 'N Engl J Med', volume: '361', pages: '1511' };
    const letter = paper('a', { ...place, title: 'Thrombomodulin in atypical hemolytic-uremic syndrome' });
    expect(groupsOf([letter, paper('b', { ...place, title: 'Thrombomodulin in Atypical Hemolytic-Uremic Syndrome AUTHORS REPLY', authors: ['Esmon, C'] })])).toEqual([]);
    expect(groupsOf([letter, paper('c', { title: 'Thrombomodulin in atypical hemolytic-uremic syndrome - Reply', authors: ['Esmon, C'] })])).toEqual([]);
  });

  it('keeps an epub a year before print only in the same journal', () => {
    expect(groupsOf([paper('a', { journal: 'Lancet', year: 2019 }), paper('b', { journal: 'The Lancet', year: 2020 })])).toEqual([['a', 'b']]);
    expect(groupsOf([paper('a', { journal: 'Lancet', year: 2019 }), paper('b', { journal: 'Critical Care', year: 2020 })])).toEqual([]);
  });
});
