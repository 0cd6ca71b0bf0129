// The ranking's TF-IDF features (encodeFeatures' bytes) kept in this worker process's memory, one
// record set per project (named by featuresKey), so a retrain over the same records reads them
// back instead of building them. In memory, not in Postgres: 20,000 records make about 40 MB, and
// that much bytea took seconds to write and read back through Prisma, longer than building it.
// Bounded: past its byte limit the least recently used project's features are dropped.

/** About six projects of 20,000 records. */
export const KEPT_FEATURES_MAX_BYTES = 256 * 1024 * 1024;

export interface FeatureStore {
  /** The project's features when they were kept for the record set `recordSet`; null otherwise. */
  get(projectId: string, recordSet: string): Uint8Array | null;
  /** Keeps `bytes` as the project's features for `recordSet`, replacing any other set of the project. */
  keep(projectId: string, recordSet: string, bytes: Uint8Array): void;
}

export function createFeatureStore(maxBytes: number): FeatureStore {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const kept = new Map<string, { recordSet: string; bytes: Uint8Array }>();
  let total = 0;
  const drop = (projectId: string) => {
    const entry = kept.get(projectId);
    if (entry) total -= entry.bytes.byteLength;
    kept.delete(projectId);
  };
  return {
    get(projectId, recordSet) {
      const entry = kept.get(projectId);
      if (entry?.recordSet !== recordSet) return null;
      kept.delete(projectId);
      kept.set(projectId, entry);
      return entry.bytes;
    },
    keep(projectId, recordSet, bytes) {
      drop(projectId);
      if (bytes.byteLength > maxBytes) return;
      kept.set(projectId, { recordSet, bytes });
      total += bytes.byteLength;
      for (const oldest of kept.keys()) {
        if (total <= maxBytes) break;
        drop(oldest);
      }
    },
  };
}
