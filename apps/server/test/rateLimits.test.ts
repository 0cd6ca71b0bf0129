// The in-memory limiter (issue 16, item 11; wrong admin tokens): per key fixed windows, weighted
// amounts, and bookkeeping whose cost does not grow with the number of keys it tracks. The
// researchers' limits, kept in Postgres, are tested in packages/tasks (rateWindows.test.ts) and
// over HTTP in limits.test.ts.
import { describe, expect, it } from 'vitest';
import { createLimiter } from '../src/rateLimits.ts';

describe('createLimiter', () => {
  it('counts weighted amounts per key in fixed windows, and says how long to wait', () => {
    let now = 0;
    const limiter = createLimiter({ max: 10, windowMs: 60_000, now: () => now });
    expect(limiter.take('a', 8)).toBe(0);
    expect(limiter.take('a', 3)).toBe(60);
    expect(limiter.take('b', 10)).toBe(0);
    expect(limiter.take('a', 2)).toBe(0);
    now = 30_000;
    expect(limiter.exhausted('a')).toBe(30);
    now = 60_000;
    expect(limiter.take('a', 10)).toBe(0);
  });

  it('drops expired windows as it goes, visiting only those, however many owners are live', () => {
    let now = 0;
    const limiter = createLimiter({ max: 1, windowMs: 1000, now: () => now });
    // A flood of new anonymous sessions within one window: each call must not scan the others.
    // Counted as steps through any Map while the limiter runs (its windows are a Map).
    let visits = 0;
    const realIterator = Map.prototype[Symbol.iterator];
    Map.prototype[Symbol.iterator] = function (this: Map<unknown, unknown>) {
      const inner = realIterator.call(this);
      return {
        next: () => {
          visits++;
          return inner.next();
        },
        [Symbol.iterator]() {
          return this;
        },
      } as ReturnType<typeof realIterator>;
    };
    try {
      for (let owner = 0; owner < 30_000; owner++) limiter.take(`owner-${owner}`);
    } finally {
      Map.prototype[Symbol.iterator] = realIterator;
    }
    // At most one look at the oldest window per call (quadratic scanning would be ~ 30,000² / 2).
    expect(visits).toBeLessThanOrEqual(2 * 30_000);
    expect(limiter.size()).toBe(30_000);
    now = 1000;
    limiter.take('late');
    expect(limiter.size()).toBe(1);
  });
});
