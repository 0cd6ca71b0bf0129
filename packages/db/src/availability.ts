// Tells "the database is unreachable right now" (retry later, nothing is lost) apart from real
// query errors, across Prisma's error codes, the pg adapter's error kinds and raw SQLSTATEs.

const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1017']);
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
// Class 08: connection exception; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now.
const SQLSTATE = /^(08...|57P0[123])$/;
const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

export function isDatabaseUnavailable(error: unknown): boolean {
  return someCause(error, ({ code, kind, originalCode }) => {
    if (typeof code === 'string' && (PRISMA_CODES.has(code) || SQLSTATE.test(code) || NODE_CODES.has(code))) return true;
    if (typeof kind === 'string' && ADAPTER_KINDS.has(kind)) return true;
    return typeof originalCode === 'string' && SQLSTATE.test(originalCode);
  });
}

// Neither pg's pool nor Prisma's transaction manager gives these a code of their own.
const BUSY_MESSAGES = ['timeout exceeded when trying to connect', 'Unable to start a transaction in the given time'];

/**
 * The database is up but every pooled connection stayed taken for longer than a request may wait
 * (Prisma's P2024 / a transaction's maxWait / pg's acquire timeout). Nothing was written, so trying
 * again shortly is safe.
 */
export function isDatabaseBusy(error: unknown): boolean {
  return someCause(error, ({ code, message }) => code === 'P2024' || (typeof message === 'string' && BUSY_MESSAGES.some((busy) => message.includes(busy))));
}

/** Whether the error, or any error it wraps (causes, Prisma's driver adapter error), passes `test`. */
function someCause(error: unknown, test: (fields: Record<string, unknown>) => boolean): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length) {
    const current = queue.shift();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const fields = current as Record<string, unknown>;
    if (test(fields)) return true;
    queue.push(fields.cause, (fields.meta as Record<string, unknown> | undefined)?.driverAdapterError);
  }
  return false;
}
