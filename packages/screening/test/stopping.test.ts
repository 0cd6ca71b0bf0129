// The stopping test of Callaghan & Müller-Hansen 2020: values, direction of change and refusals.
import { describe, expect, it } from 'vitest';
import { randomSampleStillNeeded, stoppingTest } from '../src/index.ts';

const base = { totalRecords: 1000, screenedInRankOrder: 100, includesFound: 100, recallTarget: 0.95, confidence: 0.95 };

describe('stoppingTest', () => {
  it('gives the p-value of the paper’s formula (K = ⌊found/target − ranked includes + 1⌋, scipy values)', () => {
    // 100 includes ranked, 100 sampled of 900 with none: K = 6, P(X ≤ 0) = 0.4922 (scipy)
    const none = stoppingTest({ ...base, sampleSize: 100, includesInSample: 0 });
    expect(none.pValue).toBeCloseTo(0.49223914710443095, 10);
    expect(none.canStop).toBe(false);
    // one include in 200 sampled: K = 7, P(X ≤ 1) = 0.5161
    expect(stoppingTest({ ...base, sampleSize: 200, includesInSample: 1 }).pValue).toBeCloseTo(0.5160533401546386, 10);
  });

  it('stops once enough of the rest is sampled without an include, and p falls as the sample grows', () => {
    let previous = 1;
    for (const sampleSize of [50, 150, 300, 450, 600]) {
      const { pValue } = stoppingTest({ ...base, sampleSize, includesInSample: 0 });
      expect(pValue).toBeLessThan(previous);
      previous = pValue;
    }
    expect(stoppingTest({ ...base, sampleSize: 450, includesInSample: 0 }).canStop).toBe(true);
  });

  it('refuses to stop when the sample holds includes at a rate that means missed recall', () => {
    // 5 includes in 100 of 900 points to ~40 more unscreened: recall near 70 %
    const result = stoppingTest({ ...base, sampleSize: 100, includesInSample: 5 });
    expect(result.canStop).toBe(false);
    expect(result.pValue).toBeGreaterThan(0.5);
    expect(result.estimatedIncludesRemaining).toBeCloseTo(40, 6);
    expect(result.recallLowerBound).toBeLessThan(0.8);
  });

  it('has p rise with includes in the sample and with a stricter target', () => {
    const p = (includesInSample: number, recallTarget = 0.95) => stoppingTest({ ...base, sampleSize: 400, includesInSample, recallTarget }).pValue;
    expect(p(0)).toBeLessThan(p(1));
    expect(p(1)).toBeLessThan(p(2));
    expect(p(0, 0.9)).toBeLessThan(p(0, 0.95));
    expect(p(0, 0.95)).toBeLessThan(p(0, 0.99));
  });

  it('claims the recall the sample supports, and claims the target when it stops', () => {
    const stopped = stoppingTest({ ...base, sampleSize: 500, includesInSample: 0 });
    expect(stopped.canStop).toBe(true);
    expect(stopped.recallLowerBound).toBeGreaterThanOrEqual(0.95);
    expect(stopped.recallLowerBound).toBeLessThan(1);
    expect(stoppingTest({ ...base, sampleSize: 900, includesInSample: 0 }).recallLowerBound).toBe(1);
  });

  it('stops at once when nothing is left unscreened, and not before any sample', () => {
    expect(stoppingTest({ ...base, screenedInRankOrder: 1000, sampleSize: 0, includesInSample: 0 }).canStop).toBe(true);
    const unsampled = stoppingTest({ ...base, sampleSize: 0, includesInSample: 0 });
    expect(unsampled.canStop).toBe(false);
    expect(unsampled.estimatedIncludesRemaining).toBeNull();
  });

  it('rejects impossible counts', () => {
    expect(() => stoppingTest({ ...base, sampleSize: 950, includesInSample: 0 })).toThrow(RangeError);
    expect(() => stoppingTest({ ...base, sampleSize: 10, includesInSample: 11 })).toThrow(RangeError);
    expect(() => stoppingTest({ ...base, sampleSize: 10, includesInSample: 0, recallTarget: 1 })).toThrow(RangeError);
  });
});

describe('randomSampleStillNeeded', () => {
  it('is the smallest further sample without includes that passes the test', () => {
    const start = { ...base, sampleSize: 100, includesInSample: 0 };
    const needed = randomSampleStillNeeded(start);
    expect(needed).toBeGreaterThan(0);
    expect(stoppingTest({ ...start, sampleSize: 100 + needed }).canStop).toBe(true);
    expect(stoppingTest({ ...start, sampleSize: 100 + needed - 1 }).canStop).toBe(false);
  });

  it('is 0 once the test passes, and grows when the sample finds an include', () => {
    expect(randomSampleStillNeeded({ ...base, sampleSize: 600, includesInSample: 0 })).toBe(0);
    expect(randomSampleStillNeeded({ ...base, sampleSize: 100, includesInSample: 1 })).toBeGreaterThan(randomSampleStillNeeded({ ...base, sampleSize: 100, includesInSample: 0 }));
  });
});
