// TF-IDF features kept as bytes: they read back as built (so a ranking from them is the same), a
// record set's key changes with any field the features read or with the order, and bytes of
// another recipe or cut short are refused rather than misread.
import { describe, expect, it } from 'vitest';
import { buildFeatures, decodeFeatures, encodeFeatures, featuresKey, rankRecords, type ScreeningRecord } from '../src/index.ts';

const record = (id: string, title: string, abstract: string, keywords: string[] = []): ScreeningRecord => ({
  id, title, abstract, year: 2020, language: 'eng', publicationType: null, keywords,
});

const records = [
  record('a', 'Statin therapy lowers LDL cholesterol', 'A randomised trial of statin therapy in adults.', ['Hydroxymethylglutaryl-CoA Reductase Inhibitors']),
  record('b', 'Statin therapy and myocardial infarction', 'Cohort of adults on statin therapy; LDL cholesterol fell.'),
  record('c', 'Inhaled corticosteroids for asthma', 'Children with asthma used inhaled corticosteroids. Café, naïve, 中文 words.'),
  record('d', 'Asthma control with inhaled corticosteroids', 'Asthma in adults; a randomised trial.'),
  record('e', 'No words in common', ''),
];

describe('encodeFeatures / decodeFeatures', () => {
  it('reads back exactly what was built, and ranks the same', () => {
    const built = buildFeatures(records);
    const read = decodeFeatures(encodeFeatures(built));
    expect(read.rows).toBe(built.rows);
    expect([...read.rowStart]).toEqual([...built.rowStart]);
    expect([...read.columns]).toEqual([...built.columns]);
    expect([...read.values]).toEqual([...built.values]);
    expect([...read.idf]).toEqual([...built.idf]);
    expect(read.terms).toEqual(built.terms);
    const labels = new Map<number, 0 | 1>([[0, 1], [2, 0]]);
    const fromBuilt = rankRecords({ features: built, labels, seed: 3 });
    const fromRead = rankRecords({ features: read, labels, seed: 3 });
    expect([...fromRead.order]).toEqual([...fromBuilt.order]);
    expect([...fromRead.scores]).toEqual([...fromBuilt.scores]);
    expect(fromRead.why).toEqual(fromBuilt.why);
  });

  it('reads bytes that sit at an odd offset of a larger buffer (as a database driver may hand them over)', () => {
    const bytes = encodeFeatures(buildFeatures(records));
    const shifted = new Uint8Array(bytes.byteLength + 3);
    shifted.set(bytes, 3);
    expect(decodeFeatures(shifted.subarray(3)).terms).toEqual(buildFeatures(records).terms);
  });

  it('handles a record set without any shared term', () => {
    const lonely = [record('x', 'alpha', ''), record('y', 'beta', '')];
    const read = decodeFeatures(encodeFeatures(buildFeatures(lonely)));
    expect(read.terms).toEqual([]);
    expect(read.rows).toBe(2);
  });

  it('refuses bytes cut short or of another recipe version', () => {
    const bytes = encodeFeatures(buildFeatures(records));
    expect(() => decodeFeatures(bytes.subarray(0, bytes.byteLength - 1))).toThrow(/bytes, expected/);
    const other = bytes.slice();
    new Int32Array(other.buffer, 0, 1)[0] = 99;
    expect(() => decodeFeatures(other)).toThrow(/recipe 99/);
  });
});

describe('featuresKey', () => {
  it('is the same for the same records in the same order, and changes with any field the features read or the order', () => {
    const key = featuresKey(records);
    expect(featuresKey(records.map((entry) => ({ ...entry })))).toBe(key);
    expect(featuresKey([...records].reverse())).not.toBe(key);
    expect(featuresKey(records.map((entry, index) => (index === 1 ? { ...entry, abstract: `${entry.abstract} More.` } : entry)))).not.toBe(key);
    expect(featuresKey(records.map((entry, index) => (index === 0 ? { ...entry, keywords: [] } : entry)))).not.toBe(key);
    expect(featuresKey(records.map((entry, index) => (index === 4 ? { ...entry, id: 'z' } : entry)))).not.toBe(key);
    // Fields the features do not read leave it alone.
    expect(featuresKey(records.map((entry) => ({ ...entry, year: 1999 })))).toBe(key);
  });
});
