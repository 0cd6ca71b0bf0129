import { describe, expect, it } from 'vitest';
import { fields, fixture, lineOf, parseFixture } from './helpers.ts';

describe('Web of Science plain text', () => {
  it('reads list continuations as entries and text continuations as text; prefers AF full names', () => {
    const { format, records, report } = parseFixture('wos.txt');
    expect(format).toBe('wos');
    expect(fields(records[0])).toEqual({
      title: 'Effect of early mobilisation on delirium in critically ill adults: A randomised controlled trial',
      abstract: 'Background: Delirium is common in intensive care. Methods: We randomly assigned 200 adults.',
      authors: ['Muller, Hans-Peter', 'Garcia-Lopez, Jose'],
      year: 2019,
      journal: 'PLOS ONE',
      volume: '14',
      issue: '8',
      pages: 'e0221183',
      doi: '10.1371/journal.pone.0221183',
      pmid: '31452104',
      keywords: ['delirium', 'early mobilisation', 'intensive care', 'ICU', 'OUTCOMES'],
      language: 'English',
      publicationType: 'Article',
    });
    expect(fields(records[1])).toMatchObject({ title: 'Sleep quality in night-shift nurses', authors: ['Doe, A'], pages: '12-19', year: 2021 });
    expect(records[1]?.raw).toBe('PT J\nAU Doe, A\nTI Sleep quality in night-shift nurses\nSO JOURNAL OF NURSING\nPY 2021\nBP 12\nEP 19\nER');
    expect(report).toEqual({
      recordsRead: 2,
      withoutAbstract: 1,
      withoutDoi: 1,
      withoutYear: 0,
      skipped: [{ line: lineOf(fixture('wos.txt'), 'AU Cut, A') - 1, reason: 'The file ends inside this record (no "ER" line): it looks truncated, so it was not imported' }],
    });
  });
});
