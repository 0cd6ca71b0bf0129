// The hypergeometric CDF behind the stopping test, against exact sums and scipy's values.
import { describe, expect, it } from 'vitest';
import { hypergeometricCdf, logFactorial } from '../src/stopping/hypergeometric.ts';

function choose(n: number, k: number): bigint {
  let result = 1n;
  for (let i = 1; i <= k; i++) result = (result * BigInt(n - k + i)) / BigInt(i);
  return result;
}

/** P(X ≤ k) as an exact ratio of binomial-coefficient sums, to 15 digits. */
function exactCdf(k: number, population: number, marked: number, draws: number): number {
  let favourable = 0n;
  for (let i = 0; i <= k; i++) if (i <= marked && draws - i <= population - marked && draws - i >= 0) favourable += choose(marked, i) * choose(population - marked, draws - i);
  const scale = 10n ** 15n;
  return Number((favourable * scale) / choose(population, draws)) / 1e15;
}

describe('hypergeometricCdf', () => {
  it('equals the exact sum of binomial-coefficient terms on small and mid-sized urns', () => {
    for (const [k, population, marked, draws] of [[0, 10, 3, 4], [1, 10, 3, 4], [2, 50, 10, 12], [5, 300, 40, 60], [0, 600, 7, 150], [12, 900, 80, 200]] as const) {
      expect(hypergeometricCdf(k, population, marked, draws)).toBeCloseTo(exactCdf(k, population, marked, draws), 10);
    }
  });

  it('matches scipy.stats.hypergeom.cdf (scipy 1.17) on large urns, to 10 digits', () => {
    expect(hypergeometricCdf(0, 1000, 5, 100)).toBeCloseTo(0.5898321816895902, 10);
    expect(hypergeometricCdf(3, 5000, 40, 300)).toBeCloseTo(0.7833092259780886, 10);
    expect(hypergeometricCdf(10, 20_000, 500, 400)).toBeCloseTo(0.5830826855364863, 10);
    expect(hypergeometricCdf(2, 100, 30, 20)).toBeCloseTo(0.022681166330656893, 10);
  });

  it('is 0 below the support and 1 at its top', () => {
    expect(hypergeometricCdf(0, 10, 8, 5)).toBe(0); // 5 draws from 2 unmarked: at least 3 marked
    expect(hypergeometricCdf(3, 10, 3, 5)).toBe(1);
  });

  it('rejects counts that cannot describe an urn', () => {
    expect(() => hypergeometricCdf(0, 10, 11, 2)).toThrow(RangeError);
    expect(() => hypergeometricCdf(0, 10, 2, 2.5)).toThrow(RangeError);
  });

  it('has ln(n!) continuous where the table hands over to Stirling', () => {
    expect(logFactorial(256) - logFactorial(255)).toBeCloseTo(Math.log(256), 10);
    expect(logFactorial(1000) - logFactorial(999)).toBeCloseTo(Math.log(1000), 10);
  });
});
