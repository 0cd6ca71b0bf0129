// RIS export, read back by Sift's own importer (@sift/literature).
import { parseLiterature } from '@sift/literature';
import { describe, expect, it } from 'vitest';
import { type RisExportRecord, risType, writeRis } from '../src/index.ts';

const records: RisExportRecord[] = [
  {
    publicationType: 'Journal Article; Randomized Controlled Trial',
    title: '达格列净治疗2型糖尿病的随机对照试验',
    abstract: 'Objective: to assess dapagliflozin.\nMethods: 120 patients were randomised.\r\nResults: HbA1c fell.',
    authors: ['Wang, Wei', 'Li, Xiaoming', 'Smith, John A.', '张三'],
    year: 2019,
    journal: 'Chinese Medical Journal',
    volume: '132',
    issue: '4',
    pages: '123-130',
    doi: '10.1097/cm9.0000000000000123',
    pmid: '30700000',
    keywords: ['SGLT2 inhibitors', 'Type 2 diabetes', '随机对照试验'],
    language: 'chi',
    note: 'Sift screening: include. A randomised trial of dapagliflozin in adults with type 2 diabetes.',
  },
  {
    publicationType: 'Journal Article',
    title: 'Exercise for knee osteoarthritis',
    abstract: null,
    authors: ['Jones, Mary'],
    year: 2015,
    journal: 'BMJ',
    volume: null,
    issue: null,
    pages: 'e1234',
    doi: null,
    pmid: null,
    keywords: [],
    language: 'eng',
    note: 'Sift screening: exclude (wrong study design). A narrative review.',
  },
];

describe('writeRis', () => {
  const ris = writeRis(records);

  it('ends every line with CRLF and closes every record with ER', () => {
    expect(ris.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = ris.split('\r\n');
    expect(lines.filter((line) => line.startsWith('TY  - '))).toEqual(['TY  - JOUR', 'TY  - JOUR']);
    expect(lines.filter((line) => line.startsWith('ER  -'))).toHaveLength(2);
    expect(lines.filter((line) => line.startsWith('AU  - '))).toEqual(['AU  - Wang, Wei', 'AU  - Li, Xiaoming', 'AU  - Smith, John A.', 'AU  - 张三', 'AU  - Jones, Mary']);
    expect(lines).toContain('SP  - 123');
    expect(lines).toContain('EP  - 130');
    expect(lines).toContain('N1  - Sift screening: include. A randomised trial of dapagliflozin in adults with type 2 diabetes.');
    expect(lines).toContain('AB  - Objective: to assess dapagliflozin. Methods: 120 patients were randomised. Results: HbA1c fell.');
  });

  it('reads back with the same field values through @sift/literature', () => {
    const parsed = parseLiterature(ris, 'screened.ris');
    expect(parsed.format).toBe('ris');
    expect(parsed.report.skipped).toEqual([]);
    const [first, second] = parsed.records;
    // Every field comes back as written; only the line breaks inside the abstract become spaces.
    const { note: _firstNote, ...firstFields } = records[0] as RisExportRecord;
    expect(first).toMatchObject({ ...firstFields, abstract: 'Objective: to assess dapagliflozin. Methods: 120 patients were randomised. Results: HbA1c fell.' });
    expect(first?.raw).toContain('N1  - Sift screening: include.');
    const { note: _secondNote, ...secondFields } = records[1] as RisExportRecord;
    expect(second).toMatchObject(secondFields);
  });

  it('writes nothing for no records', () => {
    expect(writeRis([])).toBe('');
  });
});

describe('risType', () => {
  it('maps publication types to RIS types, journal article by default', () => {
    expect(risType(null)).toBe('JOUR');
    expect(risType('Case Reports')).toBe('JOUR');
    expect(risType('Conference Abstract')).toBe('ABST');
    expect(risType('Conference Paper')).toBe('CPAPER');
    expect(risType('Book Section')).toBe('CHAP');
    expect(risType('Thesis')).toBe('THES');
    expect(risType('conf')).toBe('CONF');
  });
});
