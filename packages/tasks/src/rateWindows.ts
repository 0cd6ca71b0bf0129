// Rate limits and quotas kept in Postgres, so they hold across every API process: one fixed
// window per limit and key, per session and, at a multiple of it, per client address (dropping
// the cookie makes a new session, not a new address). A take is one statement (the SQL function
// take_rate, migration 20261208020000_rate_windows) that counts against both or neither.
// Amounts are weighted: an upload counts its bytes.
import type { Db } from '@sift/db';

/** Who is asking: the session's owner id and the client address (behind a trusted proxy, the forwarded one). */
export interface RateClient {
  ownerId: string;
  address: string;
}

export interface SharedLimit {
  /** Counts `amount` against the session and the address, or neither: seconds to wait when either is over, else 0. */
  take(client: RateClient, amount?: number): Promise<number>;
  /** Gives back what was taken and not used (an upload's reserved length that never arrived), within the current windows. */
  refund(client: RateClient, amount: number): Promise<void>;
}

export interface SharedLimitOptions {
  /** Names the limit's windows, apart from other limits' ("task-starts", "writes", "upload-bytes"). */
  name: string;
  /** Per session in one window. */
  max: number;
  windowMs: number;
  /** The address gets this many sessions' worth: a lab behind one NAT shares an address. */
  addressFactor: number;
}

export function createSharedLimit(db: Db, options: SharedLimitOptions): SharedLimit {
  const keys = (client: RateClient) => [`${options.name}:session:${client.ownerId}`, `${options.name}:address:${client.address}`];
  const maxes = [options.max, options.max * options.addressFactor].map((max) => BigInt(Math.floor(max)));
  return {
    async take(client, amount = 1) {
      const [row] = await db.$queryRaw<{ wait: number }[]>`
        SELECT take_rate(${keys(client)}::text[], ${maxes}::bigint[], ${BigInt(amount)}, ${options.windowMs}::int) AS wait`;
      return row?.wait ?? 0;
    },
    async refund(client, amount) {
      await db.$executeRaw`
        UPDATE rate_window SET used = greatest(0, used - ${BigInt(amount)})
        WHERE key = ANY (${keys(client)}::text[]) AND expires_at > now()`;
    },
  };
}

/** Deletes the windows that have ended (a take starts a new one anyway); returns how many. */
export function deleteEndedRateWindows(db: Db): Promise<number> {
  return db.$executeRaw`DELETE FROM rate_window WHERE expires_at <= now()`;
}
