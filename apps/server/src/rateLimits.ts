// A limit kept in this process's memory, per key in fixed windows: wrong admin tokens per address
// (opsAccess.ts), where each process enforcing its own share is enough to stop guessing. The
// researchers' limits and quotas (task starts, writes, upload bytes) must hold across API
// processes and are kept in Postgres instead (@sift/tasks, rateWindows.ts).

export interface Limiter {
  /** Counts `amount` against the key; returns how many seconds to wait when over the limit (nothing counted), else 0. */
  take(key: string, amount?: number): number;
  /** Seconds to wait when the key has used all of its window, else 0; counts nothing. */
  exhausted(key: string): number;
  /** How many keys have a live window (for tests and the operator). */
  size(): number;
}

interface Window {
  startedAt: number;
  used: number;
}

export function createLimiter(options: { max: number; windowMs: number; now?: () => number }): Limiter {
  const now = options.now ?? Date.now;
  // Insertion order is window-start order (a key is deleted before it is set again), so the
  // expired windows are always at the front: each call drops those it meets and stops at the
  // first live one. Pruning costs O(1) per call however many anonymous owners pile up; a full
  // scan per call (as before) made a flood of new sessions cost quadratic CPU.
  const windows = new Map<string, Window>();
  const pruneExpired = (at: number) => {
    for (const [key, window] of windows) {
      if (at - window.startedAt < options.windowMs) return;
      windows.delete(key);
    }
  };
  const current = (key: string): Window => {
    const at = now();
    pruneExpired(at);
    let window = windows.get(key);
    if (!window) {
      window = { startedAt: at, used: 0 };
      windows.set(key, window);
    }
    return window;
  };
  const waitSeconds = (window: Window) => Math.max(1, Math.ceil((window.startedAt + options.windowMs - now()) / 1000));
  return {
    take(key, amount = 1) {
      const window = current(key);
      if (window.used + amount > options.max) return waitSeconds(window);
      window.used += amount;
      return 0;
    },
    exhausted(key) {
      const window = current(key);
      return window.used >= options.max ? waitSeconds(window) : 0;
    },
    size: () => windows.size,
  };
}
