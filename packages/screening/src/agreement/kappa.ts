// Agreement between two raters on the same items: raw (observed) agreement and Cohen's kappa,
// over whatever nominal categories they used (include, exclude and, when chosen, uncertain as its
// own category). Hand-written: no well-kept npm package computes it (the search found kappa only
// in R, Go, Java and Python libraries), and it is three lines of arithmetic over a contingency
// table. Tested against the textbook examples in test/kappa.test.ts.

export interface Agreement {
  /** Items both raters rated. */
  items: number;
  /** Share of those items on which they chose the same category (0..1); null with no items. */
  observed: number | null;
  /** Cohen's kappa, (observed - expected) / (1 - expected); null when undefined (no items, or chance agreement is certain: both always chose one and the same category). */
  kappa: number | null;
}

/** Agreement over pairs of ratings, one pair per item both raters rated. */
export function cohensKappa(pairs: readonly (readonly [string, string])[]): Agreement {
  const items = pairs.length;
  if (items === 0) return { items, observed: null, kappa: null };
  const first = new Map<string, number>();
  const second = new Map<string, number>();
  let same = 0;
  for (const [a, b] of pairs) {
    if (a === b) same += 1;
    first.set(a, (first.get(a) ?? 0) + 1);
    second.set(b, (second.get(b) ?? 0) + 1);
  }
  const observed = same / items;
  let expected = 0;
  for (const [category, count] of first) expected += (count / items) * ((second.get(category) ?? 0) / items);
  return { items, observed, kappa: expected === 1 ? null : (observed - expected) / (1 - expected) };
}
