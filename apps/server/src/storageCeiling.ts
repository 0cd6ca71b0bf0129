// The global ceiling on stored upload bytes, so no mix of sessions and addresses fills the disk:
// what Postgres holds (complete uploads) plus what this process is receiving right now. Each
// upload reserves before it is accepted and as its bytes stream in, and gives back what it did
// not use.

export interface StorageCeiling {
  /** Reserves `bytes` if the ceiling allows it, reading what is stored; false when full. */
  admit(bytes: number): Promise<boolean>;
  /** Reserves `bytes` more for an upload already admitted, against the last stored figure; false when full. */
  grow(bytes: number): boolean;
  /** Gives back a reservation: the upload ended (stored now, or failed). */
  release(bytes: number): void;
}

export function createStorageCeiling(limitBytes: number, storedBytes: () => Promise<number>): StorageCeiling {
  let stored = 0;
  let receiving = 0;
  const fits = (bytes: number) => stored + receiving + bytes <= limitBytes;
  return {
    async admit(bytes) {
      stored = await storedBytes();
      if (!fits(bytes)) return false;
      receiving += bytes;
      return true;
    },
    grow(bytes) {
      if (!fits(bytes)) return false;
      receiving += bytes;
      return true;
    },
    release(bytes) {
      receiving = Math.max(0, receiving - bytes);
    },
  };
}
