// The in-memory limiter (issue 16, item 11): per key fixed windows, weighted amounts, refunds,
// and bookkeeping whose cost does not grow with the number of anonymous owners it tracks.
import { describe, expect, it } from 'vitest';
import { createClientLimiter, createLimiter } from '../src/rateLimits.ts';

describe('createLimiter', () => {
  it('counts weighted amounts per key in fixed windows, refunds, and says how long to wait', () => {
    let now = 0;
    const limiter = createLimiter({ max: 10, windowMs: 60_000, now: () => now });
    expect(limiter.take('a', 8)).toBe(0);
    expect(limiter.take('a', 3)).toBe(60);
    expect(limiter.take('b', 10)).toBe(0);
    limiter.refund('a', 5);
    expect(limiter.take('a', 7)).toBe(0);
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

describe('createClientLimiter', () => {
  it('limits the session and, at `addressFactor` times that, the address; a refused take counts against neither', () => {
    const limiter = createClientLimiter({ max: 2, windowMs: 60_000, addressFactor: 2 });
    const session = (ownerId: string) => ({ ownerId, address: '203.0.113.5' });
    expect([limiter.take(session('s1')), limiter.take(session('s1'))]).toEqual([0, 0]);
    expect(limiter.take(session('s1'))).toBeGreaterThan(0);
    expect([limiter.take(session('s2')), limiter.take(session('s2'))]).toEqual([0, 0]);
    expect(limiter.take(session('s3'))).toBeGreaterThan(0); // a new cookie, the same address
    expect(limiter.take({ ownerId: 's3', address: '203.0.113.6' })).toBe(0);
  });
});
