// The relevance ranker: features, learning from decisions, the criteria prior, cold starts, "why".
import { describe, expect, it } from 'vitest';
import { buildFeatures, type Criteria, rankRecords, type ScreeningRecord, vectorizeText } from '../src/index.ts';

function record(id: number, title: string, abstract: string): ScreeningRecord {
  return { id: String(id), title, abstract, year: null, language: null, publicationType: null, keywords: [] };
}

// Two topics, the words of each shared across its records; records 0-5 are about statins.
const statin = ['Statin therapy lowers cholesterol', 'Atorvastatin and LDL cholesterol in adults', 'Rosuvastatin statin trial of cholesterol lowering', 'Simvastatin statin cholesterol outcomes', 'Statin cholesterol lowering and myocardial infarction', 'Pravastatin statin and cholesterol in the elderly'];
const asthma = ['Inhaled corticosteroids for asthma in children', 'Asthma exacerbations and inhaled budesonide', 'Childhood asthma inhaler technique', 'Budesonide inhaler for asthma control', 'Asthma in children: inhaled corticosteroids', 'Inhaler adherence in asthma'];
const records = [...statin, ...asthma].map((title, index) => record(index, title, `${title}. A study of patients.`));
const isStatin = (index: number) => index < statin.length;

const criteria: Criteria = {
  population: 'adults with high cholesterol',
  intervention: 'statin therapy',
  comparator: 'placebo',
  outcomes: 'LDL cholesterol',
  designs: [],
  include: [],
  exclude: [],
  yearFrom: null,
  yearTo: null,
  languages: [],
};

describe('buildFeatures', () => {
  it('keeps words and word pairs found in two or more records, folded to lower case, stop words out', () => {
    const features = buildFeatures(records);
    expect(features.terms.includes('statin')).toBe(true);
    expect(features.terms.includes('inhaled corticosteroids')).toBe(true);
    expect(features.terms.includes('the')).toBe(false);
    expect(features.terms.includes('Statin')).toBe(false);
    expect(features.terms.includes('rosuvastatin')).toBe(false); // one record only
    expect(features.rowStart.length).toBe(records.length + 1);
  });

  it('gives every row with terms unit length', () => {
    const features = buildFeatures(records);
    for (let row = 0; row < features.rows; row++) {
      let squares = 0;
      for (let k = features.rowStart[row] as number; k < (features.rowStart[row + 1] as number); k++) squares += (features.values[k] as number) ** 2;
      expect(squares).toBeCloseTo(1, 5);
    }
  });

  it('vectorises an outside text with the matrix vocabulary only', () => {
    const features = buildFeatures(records);
    const vector = vectorizeText(features, 'statin cholesterol zebrafish');
    const terms = [...vector.columns].map((column) => features.terms[column]);
    expect(terms.sort()).toEqual(['cholesterol', 'statin', 'statin cholesterol'].sort());
  });
});

describe('rankRecords', () => {
  const features = buildFeatures(records);

  it('learns a separable set: every undecided record of the included topic ranks above the other topic', () => {
    const labels = new Map<number, 0 | 1>([[0, 1], [1, 1], [6, 0], [7, 0]]);
    const { order } = rankRecords({ features, labels });
    expect(order.length).toBe(records.length - labels.size);
    const firstOther = [...order].findIndex((index) => !isStatin(index));
    expect([...order].slice(0, firstOther).every(isStatin)).toBe(true);
    expect([...order].slice(firstOther).some(isStatin)).toBe(false);
  });

  it('ranks with the criteria alone before any decision: on-topic records first', () => {
    const { order, scores } = rankRecords({ features, labels: new Map(), prior: criteria });
    expect([...order].slice(0, statin.length).every(isStatin)).toBe(true);
    expect(scores[2] as number).toBeGreaterThan(scores[8] as number);
  });

  it('ranks by the criteria alone until the first include: excludes alone do not move the order', () => {
    const before = rankRecords({ features, labels: new Map(), prior: criteria });
    const after = rankRecords({ features, labels: new Map([[6, 0], [1, 0]]), prior: criteria });
    expect([...after.order]).toEqual([...before.order].filter((index) => index !== 6 && index !== 1));
  });

  it('lets the criteria lead the first includes and the decisions overrule them as includes come', () => {
    // Five copies of each title, so the researcher can include many records of the other topic.
    const many = Array.from({ length: 5 }, (_, copy) => [...statin, ...asthma].map((title, k) => record(copy * 12 + k, `${title}, part ${copy}`, `${title}. A study of patients.`))).flat();
    const manyFeatures = buildFeatures(many);
    const asthmaIn = (copies: number[]) => copies.flatMap((copy) => asthma.map((_, k) => [copy * 12 + statin.length + k, 1] as [number, 0 | 1]));
    const statinOut: [number, 0 | 1][] = [[0, 0]];
    const first = rankRecords({ features: manyFeatures, labels: new Map([...asthmaIn([0]).slice(0, 1), ...statinOut]), prior: criteria });
    expect([...first.order].slice(0, 12).every((index) => isStatin(index % 12))).toBe(true);
    const later = rankRecords({ features: manyFeatures, labels: new Map([...asthmaIn([0, 1, 2, 3]), ...statinOut]), prior: criteria });
    // The six undecided asthma records now rank above at least 18 of the 24 statin records: only those closest to the criteria may stay ahead.
    expect([...later.order].slice(0, 12).filter((index) => !isStatin(index % 12)).length).toBe(asthma.length);
  });

  it('works from only includes and from only excludes', () => {
    const onlyIncludes = rankRecords({ features, labels: new Map([[0, 1]]) });
    expect(isStatin(onlyIncludes.order[0] as number)).toBe(true);
    const onlyExcludes = rankRecords({ features, labels: new Map([[6, 0], [7, 0]]), prior: criteria });
    expect(isStatin(onlyExcludes.order[0] as number)).toBe(true);
    const excludesWithoutCriteria = rankRecords({ features, labels: new Map([[6, 0], [7, 0]]) });
    expect(excludesWithoutCriteria.scores.every(Number.isFinite)).toBe(true);
  });

  it('keeps the input order when there is nothing to learn from', () => {
    const { order, scores } = rankRecords({ features, labels: new Map() });
    expect([...order]).toEqual(records.map((_, index) => index));
    expect(scores.every((score) => score === 0)).toBe(true);
  });

  it('explains a record with terms of that record that raise its score', () => {
    const { why } = rankRecords({ features, labels: new Map([[0, 1], [6, 0]]), prior: criteria });
    const reasons = why[3] as string[];
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.length).toBeLessThanOrEqual(3);
    const text = `${records[3]?.title} ${records[3]?.abstract}`.toLowerCase();
    for (const term of reasons) expect(text).toContain(term.split(' ')[0]);
    expect(reasons).toContain('statin');
  });

  it('gives the same ranking for the same seed', () => {
    const input = { features, labels: new Map<number, 0 | 1>([[0, 1]]), prior: criteria, seed: 7 };
    expect([...rankRecords(input).scores]).toEqual([...rankRecords(input).scores]);
  });
});
