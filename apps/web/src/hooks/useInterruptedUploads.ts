// Uploads a reload, a closed tab or a lost connection cut off. tus-js-client keeps each unfinished
// upload's address in this browser's localStorage; listing them lets the page say "choose the
// same file again to continue" (a browser cannot reopen a file by itself) or discard the part.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { defaultOptions, Upload } from 'tus-js-client';

type StoredUpload = Awaited<ReturnType<Upload['findPreviousUploads']>>[number];

export interface InterruptedUpload {
  key: string;
  fileName: string;
  size: number;
}

/** The unfinished uploads this browser remembers whose file names end with one of `extensions`. */
export function useInterruptedUploads(extensions: readonly string[]) {
  const [stored, setStored] = useState<StoredUpload[]>([]);

  const refresh = useCallback(async () => {
    const all = await defaultOptions.urlStorage.findAllUploads().catch(() => []);
    setStored(all.filter((entry) => entry.uploadUrl && extensions.some((extension) => entry.metadata.filename?.toLowerCase().endsWith(extension))));
  }, [extensions]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  /** Forgets an interrupted upload here and asks the server to drop the part it kept. */
  const discard = useCallback(
    async (key: string) => {
      const entry = stored.find((candidate) => candidate.urlStorageKey === key);
      if (entry?.uploadUrl) await Upload.terminate(entry.uploadUrl).catch(() => {}); // already gone: nothing to drop
      await defaultOptions.urlStorage.removeUpload(key);
      await refresh();
    },
    [stored, refresh],
  );

  const uploads = useMemo<InterruptedUpload[]>(
    () => stored.map((entry) => ({ key: entry.urlStorageKey, fileName: entry.metadata.filename ?? 'a file', size: entry.size ?? 0 })),
    [stored],
  );
  return { uploads, refresh, discard };
}
