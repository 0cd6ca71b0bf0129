// Limits on what costs the server most, per session and per client address (dropping the cookie
// makes a new session, not a new address): fixed windows kept in this process's memory, enough to
// stop one runaway session or script; several server processes each enforce their own share.
// Amounts are weighted (an upload counts its bytes), which per-request limiters such as
// @fastify/rate-limit do not offer.

export interface Limiter {
  /** Counts `amount` against the key; returns how many seconds to wait when over the limit (nothing counted), else 0. */
  take(key: string, amount?: number): number;
  /** Gives back what was taken and not used (an upload's reserved length that never arrived). */
  refund(key: string, amount: number): void;
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
    refund(key, amount) {
      const window = windows.get(key);
      if (window) window.used = Math.max(0, window.used - amount);
    },
    size: () => windows.size,
  };
}

/** Who is asking: the session's owner id and the client address (behind a trusted proxy, the forwarded one). */
export interface Client {
  ownerId: string;
  address: string;
}

export interface ClientLimiter {
  /** Counts against both the session and the address, or neither: seconds to wait when either is over, else 0. */
  take(client: Client, amount?: number): number;
  refund(client: Client, amount: number): void;
}

/**
 * A limit per session, and `addressFactor` times it per address: a lab behind one NAT shares an
 * address, so the address gets several sessions' worth.
 */
export function createClientLimiter(options: { max: number; windowMs: number; addressFactor: number }): ClientLimiter {
  const sessions = createLimiter(options);
  const addresses = createLimiter({ max: options.max * options.addressFactor, windowMs: options.windowMs });
  return {
    take(client, amount = 1) {
      const sessionWait = sessions.take(client.ownerId, amount);
      if (sessionWait) return sessionWait;
      const addressWait = addresses.take(client.address, amount);
      if (addressWait) sessions.refund(client.ownerId, amount);
      return addressWait;
    },
    refund(client, amount) {
      sessions.refund(client.ownerId, amount);
      addresses.refund(client.address, amount);
    },
  };
}
