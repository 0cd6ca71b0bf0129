// The measures of the quality bench on hand-made reading orders.
import { describe, expect, it } from 'vitest';
import { readToRecall, recallAfter, retrainEvery, wssAt95 } from '../bench/simulation.ts';

// 20 records, includes at 0..3 and 19.
const truth = Uint8Array.from({ length: 20 }, (_, index) => (index < 4 || index === 19 ? 1 : 0));
const natural = Array.from({ length: 20 }, (_, index) => index);

describe('simulation measures', () => {
  it('WSS@95 is the share not read at 95 % recall minus 0.05', () => {
    // 95 % of 5 includes is 5 (rounded up): the last is read 20th, nothing saved
    expect(wssAt95(natural, truth)).toBeCloseTo(-0.05, 12);
    const best = [0, 1, 2, 3, 19, ...natural.slice(4, 19)];
    expect(readToRecall(best, truth, 0.95)).toBe(5);
    expect(wssAt95(best, truth)).toBeCloseTo(15 / 20 - 0.05, 12);
  });

  it('recall after 10 % counts the includes in the first tenth (rounded up)', () => {
    expect(recallAfter(natural, truth, 0.1)).toBeCloseTo(2 / 5, 12);
    expect(recallAfter([...natural].reverse(), truth, 0.1)).toBeCloseTo(1 / 5, 12);
    expect(recallAfter(natural, truth, 0.15)).toBeCloseTo(3 / 5, 12); // 3 records
  });

  it('retrains every 10 decisions at first, then every tenth of those made', () => {
    expect(retrainEvery(2)).toBe(10);
    expect(retrainEvery(100)).toBe(10);
    expect(retrainEvery(1001)).toBe(101);
  });
});
