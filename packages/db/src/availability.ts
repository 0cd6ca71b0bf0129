// Tells "the database is unreachable right now" (retry later, nothing is lost) apart from real
// query errors, across Prisma's error codes, the pg adapter's error kinds and raw SQLSTATEs.

const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024']);
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
// Class 08: connection exception; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now.
const SQLSTATE = /^(08...|57P0[123])$/;
const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length) {
    const current = queue.shift();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const { code, kind, originalCode, cause, meta } = current as Record<string, unknown>;
    if (typeof code === 'string' && (PRISMA_CODES.has(code) || SQLSTATE.test(code) || NODE_CODES.has(code))) return true;
    if (typeof kind === 'string' && ADAPTER_KINDS.has(kind)) return true;
    if (typeof originalCode === 'string' && SQLSTATE.test(originalCode)) return true;
    queue.push(cause, (meta as Record<string, unknown> | undefined)?.driverAdapterError);
  }
  return false;
}
