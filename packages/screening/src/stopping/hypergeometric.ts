// The hypergeometric distribution's CDF in log space, for the stopping test. Hand-written: the one
// well-kept npm package for it, @stdlib/stats-base-dists-hypergeometric-cdf, brings 176 packages
// (19 MB) for these 30 lines, and this package otherwise depends only on zod. Tested against exact
// BigInt sums and scipy.stats.hypergeom (test/hypergeometric.test.ts).

/** ln(n!) for n < 256, summed exactly once; Stirling's series beyond, accurate to about 1e-15 there. */
const SMALL_LOG_FACTORIALS = new Float64Array(256);
for (let n = 2; n < SMALL_LOG_FACTORIALS.length; n++) SMALL_LOG_FACTORIALS[n] = (SMALL_LOG_FACTORIALS[n - 1] as number) + Math.log(n);

export function logFactorial(n: number): number {
  if (n < SMALL_LOG_FACTORIALS.length) return SMALL_LOG_FACTORIALS[n] as number;
  const inverse = 1 / n;
  const inverseSquare = inverse * inverse;
  return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + inverse * (1 / 12 - inverseSquare * (1 / 360 - inverseSquare * (1 / 1260 - inverseSquare / 1680)));
}

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

function assertCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number of at least 0, got ${value}`);
}

/**
 * P(X ≤ k) for X the number of marked items in `draws` drawn without replacement from `population`
 * items of which `marked` are marked (scipy's hypergeom.cdf(k, M=population, n=marked, N=draws)).
 */
export function hypergeometricCdf(k: number, population: number, marked: number, draws: number): number {
  for (const [name, value] of [['population', population], ['marked', marked], ['draws', draws]] as const) assertCount(name, value);
  if (marked > population || draws > population) throw new RangeError(`marked (${marked}) and draws (${draws}) cannot exceed the population (${population})`);
  const lowest = Math.max(0, draws + marked - population);
  const highest = Math.min(draws, marked);
  if (k < lowest) return 0;
  if (k >= highest) return 1;
  const logTotal = logChoose(population, draws);
  const logTerms: number[] = [];
  for (let i = lowest; i <= Math.floor(k); i++) logTerms.push(logChoose(marked, i) + logChoose(population - marked, draws - i) - logTotal);
  // Summed around the largest term, so no term underflows to 0 before the sum is taken.
  const largest = Math.max(...logTerms);
  const sum = logTerms.reduce((total, logTerm) => total + Math.exp(logTerm - largest), 0);
  return Math.min(1, Math.exp(largest) * sum);
}
