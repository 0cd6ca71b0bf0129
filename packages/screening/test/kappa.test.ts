// Cohen's kappa against textbook examples with known values.
import { describe, expect, it } from 'vitest';
import { cohensKappa } from '../src/agreement/kappa.ts';

/** `count` items on which the first rater chose `a` and the second `b`. */
const cells = (a: string, b: string, count: number) => Array.from({ length: count }, () => [a, b] as const);

describe('cohensKappa', () => {
  it('gives 0.4 on the worked example of 50 proposals read by two raters (Wikipedia, "Cohen\'s kappa") (20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no)', () => {
    // Observed 35/50 = 0.7; by chance 0.5·0.6 + 0.5·0.4 = 0.5; kappa (0.7 − 0.5) / (1 − 0.5) = 0.4.
    const agreement = cohensKappa([...cells('yes', 'yes', 20), ...cells('yes', 'no', 5), ...cells('no', 'yes', 10), ...cells('no', 'no', 15)]);
    expect(agreement.items).toBe(50);
    expect(agreement.observed).toBeCloseTo(0.7, 12);
    expect(agreement.kappa).toBeCloseTo(0.4, 12);
  });

  it('handles three categories (include, exclude, uncertain) as worked by hand', () => {
    // 100 records. Row sums 80/10/10, column sums 80/5/15: observed (75 + 4 + 10) / 100 = 0.89;
    // by chance 0.8·0.8 + 0.1·0.05 + 0.1·0.15 = 0.66; kappa (0.89 − 0.66) / 0.34 = 0.676470588…
    const table = [
      [75, 1, 4],
      [5, 4, 1],
      [0, 0, 10],
    ];
    const names = ['include', 'exclude', 'uncertain'];
    const agreement = cohensKappa(table.flatMap((row, i) => row.flatMap((count, j) => cells(names[i]!, names[j]!, count))));
    expect(agreement.observed).toBeCloseTo(0.89, 12);
    expect(agreement.kappa).toBeCloseTo(0.23 / 0.34, 12);
  });

  it('is 1 for perfect agreement over two categories, and undefined when both always chose one category', () => {
    expect(cohensKappa([...cells('include', 'include', 3), ...cells('exclude', 'exclude', 2)]).kappa).toBe(1);
    expect(cohensKappa(cells('exclude', 'exclude', 4))).toEqual({ items: 4, observed: 1, kappa: null });
    expect(cohensKappa([])).toEqual({ items: 0, observed: null, kappa: null });
  });

  it('is negative when the raters disagree more than chance would', () => {
    expect(cohensKappa([...cells('include', 'exclude', 3), ...cells('exclude', 'include', 3)]).kappa).toBe(-1);
  });
});
