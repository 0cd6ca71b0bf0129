// Per-owner limits on what costs the server most: starting tasks and uploading bytes. Fixed
// windows kept in this process's memory: enough to stop one runaway session or script; several
// server processes each enforce their own share.

export interface OwnerLimiter {
  /** Counts `amount` against the owner; returns how many seconds to wait when over the limit, else 0. */
  take(ownerId: string, amount?: number): number;
  /** Whether `amount` more would go over the limit, without counting it. */
  wouldExceed(ownerId: string, amount: number): number;
}

export function createOwnerLimiter(options: { max: number; windowMs: number }): OwnerLimiter {
  const windows = new Map<string, { startedAt: number; used: number }>();
  const current = (ownerId: string) => {
    const now = Date.now();
    let window = windows.get(ownerId);
    if (!window || now - window.startedAt >= options.windowMs) {
      if (windows.size > 10_000) pruneExpired(now);
      window = { startedAt: now, used: 0 };
      windows.set(ownerId, window);
    }
    return window;
  };
  const pruneExpired = (now: number) => {
    for (const [owner, window] of windows) if (now - window.startedAt >= options.windowMs) windows.delete(owner);
  };
  const waitSeconds = (window: { startedAt: number }) => Math.max(1, Math.ceil((window.startedAt + options.windowMs - Date.now()) / 1000));

  return {
    wouldExceed(ownerId, amount) {
      const window = current(ownerId);
      return window.used + amount > options.max ? waitSeconds(window) : 0;
    },
    take(ownerId, amount = 1) {
      const window = current(ownerId);
      if (window.used + amount > options.max) return waitSeconds(window);
      window.used += amount;
      return 0;
    },
  };
}
