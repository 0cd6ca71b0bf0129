// The duplicates real exports hide from a plain title match (issue 17), written from how databases
// write records: notes added to titles, first authors written another way, a subtitle or heading
// on one copy only, a title cut off, and two databases' ways of titling one erratum.
import { describe, expect, it } from 'vitest';
import { type DedupInput, findDuplicates, type LiteratureRecord, normaliseTitle } from '../src/index.ts';
import { emptyRecord } from '../src/record.ts';

function paper(id: string, fields: Partial<LiteratureRecord>): DedupInput {
  return { id, record: { ...emptyRecord(`raw ${id}`, `${id}.ris`), title: 'Management of atypical glandular cells and adenocarcinoma in situ', authors: ['Dunton, C J'], year: 2008, ...fields } };
}

const groupsOf = (records: DedupInput[]) => findDuplicates(records).map((group) => group.ids);
const place = { journal: 'Obstetrics and Gynecology Clinics of North America', volume: '35', pages: '623-632' };

describe('notes databases add to titles are ignored for matching', () => {
  it.each([
    ['Ovid review note', 'Management of atypical glandular cells. [Review] [49 refs]'],
    ['language tag', 'Management of atypical glandular cells. [Spanish]'],
    ['translated title with tags', '[Management of atypical glandular cells]. [Review] [16 refs] [Romanian]'],
    ['Ovid language field', '[Management of atypical glandular cells] LA: Chi'],
    ['original-language title', 'Management of atypical glandular cells. <ORIGINAL> PRISE EN CHARGE DES CELLULES'],
    ['original title after TO:', '[Management of atypical glandular cells] TO: Manejo de celulas glandulares'],
    ['erratum notice', 'Management of atypical glandular cells.[Erratum appears in Obstet Gynecol Clin. 2009 Jan;36(1):1]'],
    ['cut-off erratum notice', 'Management of atypical glandular cells.[Erratum appears in Obstet Gyn'],
    ['CRD record type', 'Management of atypical glandular cells (Structured abstract)'],
    ['Embase letter markers', 'Management of atypical glandular cells (multiple letters) [1]'],
    ['abstract marker', 'Management of atypical glandular cells [abstract no: 134]'],
    ['a "[corrected]" inside', 'Management [corrected] of atypical glandular cells'],
  ])('%s', (_, noted) => {
    expect(normaliseTitle(noted)).toBe(normaliseTitle('Management of atypical glandular cells'));
  });

  it('keeps what is title: a whole bracketed title, a bracketed part inside, a "to:" in lower case', () => {
    expect(normaliseTitle('[Hypertension in pregnancy]')).toBe('hypertensioninpregnancy');
    expect(normaliseTitle('Imaging with [18F]FDG in lymphoma')).toBe('imagingwith18ffdginlymphoma');
    expect(normaliseTitle('Correction to: Effect of X')).toBe('correctiontoeffectofx');
  });

  it('reads PubMed\'s "> or =", a lost character and digits split by a space alike', () => {
    expect(normaliseTitle('Women >or=30 years')).toBe(normaliseTitle('Women >= 30 years'));
    const lost = [paper('a', { title: 'Phase II trial of the Groupe fran?ais de pneumo-canc?rologie' }), paper('b', { title: 'Phase II trial of the Groupe francais de pneumo-cancerologie' })];
    expect(groupsOf(lost)).toEqual([['a', 'b']]);
    const groups = groupsOf([paper('a', { title: 'HPV persistence after laser CO 2 conization among 10 000 women' }), paper('b', { title: 'HPV persistence after laser CO2 conization among 10000 women' })]);
    expect(groups).toEqual([['a', 'b']]);
  });
});

describe('first authors written another way', () => {
  it.each([
    ['a compound surname split elsewhere', 'Lopez, Rubio M.', 'Rubio, M. L.'],
    ['given and family name swapped', 'Wu, Ching-yi', 'Ching-yi, Wu'],
    ['a character the export lost', 'Bu?lova, T. V.', 'Builova, T. V.'],
    ['one typo in a long surname', 'Kuzdzal, J', 'Kuzdza, J'],
  ])('%s', (_, a, b) => {
    expect(groupsOf([paper('a', { authors: [a] }), paper('b', { authors: [b] })])).toEqual([['a', 'b']]);
  });

  it('but not two people who share only a given name, unless journal, volume and page agree', () => {
    expect(groupsOf([paper('a', { authors: ['Smith, John'] }), paper('b', { authors: ['Brown, John'] })])).toEqual([]);
    expect(groupsOf([paper('a', { authors: ['Tong, H'], ...place }), paper('b', { authors: ['Hua, T'], ...place, journal: 'Obstet Gynecol Clin North Am' })])).toEqual([['a', 'b']]);
  });
});

describe('one title inside the other at the same journal, volume and page', () => {
  it.each([
    ['a section heading', 'MEDICAL PROGRESS Management of atypical glandular cells and adenocarcinoma in situ'],
    ['a subtitle', 'Management of atypical glandular cells and adenocarcinoma in situ: a review for clinicians'],
    ['a group name appended', 'Management of atypical glandular cells and adenocarcinoma in situ. North American Cytology Group'],
    ['a cited article appended', 'Management of atypical glandular cells and adenocarcinoma in situ... N Engl J Med. 2008 Jan 29;360(5):544-6'],
  ])('%s', (_, longer) => {
    expect(groupsOf([paper('a', place), paper('b', { ...place, title: longer })])).toEqual([['a', 'b']]);
  });

  it('not without the place', () => {
    expect(groupsOf([paper('a', place), paper('b', { title: 'Management of atypical glandular cells and adenocarcinoma in situ: a review for clinicians' })])).toEqual([]);
  });
});

describe('errata', () => {
  it('match the same erratum as Embase and Web of Science title it, never the article', () => {
    const embase = paper('a', { title: 'Erratum: Management of atypical glandular cells (Obstetrics and Gynecology Clinics (2008) 35 (623-632))', journal: 'Obstet Gynecol Clin North Am', volume: '36', pages: '11' });
    const wos = paper('b', { title: 'Management of atypical glandular cells (vol 35, pg 623, 2008)', journal: 'Obstet Gynecol Clin North Am', volume: '36', pages: '11' });
    expect(groupsOf([embase, wos, paper('c', { title: 'Management of atypical glandular cells', ...place })])).toEqual([['a', 'b']]);
  });
});
