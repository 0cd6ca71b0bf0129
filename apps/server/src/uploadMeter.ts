// The hourly upload quota (per session and per address) and the global storage ceiling, counted
// as an upload's bytes stream in, for both ways a file arrives (one PUT, or the resumable PATCHes).
// A declared length is reserved before the body is accepted, and a body without one reserves chunk
// by chunk, so neither concurrent uploads nor a missing Content-Length get past them.
import type { RateClient, SharedLimit } from '@sift/tasks';
import type { StorageCeiling } from './storageCeiling.ts';

export interface UploadLimits {
  fileLimitBytes: number;
  /** Upload bytes per hour, per session and per address, counted in Postgres across API processes. */
  hourly: SharedLimit;
  ceiling: StorageCeiling;
  /** A body that sends nothing for this long is cut off. */
  idleMs: number;
}

/** Why bytes were refused, as the researcher reads it, with the HTTP status that says so. */
export class UploadRefused extends Error {
  override name = 'UploadRefused';
  readonly status: 429 | 507;
  readonly retryAfterSeconds: number | null;
  constructor(status: 429 | 507, message: string, retryAfterSeconds: number | null = null) {
    super(message);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

const quotaReached = (wait: number) =>
  new UploadRefused(429, `You uploaded a lot in the last hour. Wait ${Math.ceil(wait / 60)} min, then try again.`, wait);
const storageFull = () => new UploadRefused(507, 'Sift has no room for more uploads right now. Nothing was stored; tell the operator (SIFT_STORAGE_LIMIT_GB).');

export interface UploadMeter {
  /** The body, counted: throws UploadRefused as soon as its bytes pass the quota or the ceiling. */
  count(body: AsyncIterable<Buffer>): AsyncGenerator<Buffer>;
  /** Gives back what was reserved and not received, and the ceiling's hold (the bytes are stored now, or gone). */
  settle(): Promise<void>;
}

/** Reserves a body's declared length (0 when none was sent); throws UploadRefused when it does not fit. */
export async function meterUpload(limits: UploadLimits, client: RateClient, declared: number | undefined): Promise<UploadMeter> {
  const reserved = declared ?? 0;
  const wait = await limits.hourly.take(client, reserved);
  if (wait) throw quotaReached(wait);
  if (!(await limits.ceiling.admit(reserved))) {
    await limits.hourly.refund(client, reserved);
    throw storageFull();
  }
  let received = 0;
  let held = reserved;
  return {
    async *count(body) {
      for await (const chunk of body) {
        // Bytes past the reservation (all of them, without a Content-Length) are counted as they arrive.
        const beyond = Math.min(chunk.byteLength, received + chunk.byteLength - Math.max(received, reserved));
        received += chunk.byteLength;
        if (beyond > 0) {
          const overQuota = await limits.hourly.take(client, beyond);
          if (overQuota) throw quotaReached(overQuota);
          if (!limits.ceiling.grow(beyond)) throw storageFull();
          held += beyond;
        }
        yield chunk;
      }
    },
    async settle() {
      // A declared length that never fully arrived is not held against the client.
      if (received < reserved) await limits.hourly.refund(client, reserved - received);
      limits.ceiling.release(held);
    },
  };
}

/** A declared Content-Length, or undefined when none (or no number) was sent. */
export function declaredLength(header: string | string[] | undefined): number | undefined {
  const length = Number(header ?? NaN);
  return Number.isFinite(length) ? length : undefined;
}
