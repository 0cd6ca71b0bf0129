// Sending one file: the type and size checks, the XHR upload (fetch cannot report upload
// progress) and then whatever the caller does with the stored upload (a spreadsheet task, a
// literature import), named by the UploadTarget it passes.
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatBytes } from '../format.ts';

export type UploadState =
  | { phase: 'idle' }
  | { phase: 'uploading'; fileName: string; loaded: number; total: number }
  | { phase: 'starting'; fileName: string; total: number }
  | { phase: 'done'; fileName: string; total: number }
  | { phase: 'failed'; fileName: string; message: string };

interface StoredUpload {
  uploadId: string;
  fileName: string;
  size: number;
}

/** What an upload zone accepts and what happens to a file once its bytes are stored. */
export interface UploadTarget {
  /** Lower-case extensions with their dot, e.g. ".csv". */
  extensions: readonly string[];
  /** The message for a file of another type. */
  notAccepted: (fileName: string) => string;
  /** Starts the work on the stored upload (creates a task). */
  start: (uploadId: string) => Promise<unknown>;
  /** After each attempt, failed or not: refresh the lists that show the new task. */
  settled?: () => Promise<unknown>;
}

/** Why this file cannot be sent, or null when it can. */
export function refusalReason(
  file: File,
  limitBytes: number | undefined,
  target: Pick<UploadTarget, 'extensions' | 'notAccepted'>,
): string | null {
  const name = file.name.toLowerCase();
  if (!target.extensions.some((extension) => name.endsWith(extension))) {
    return target.notAccepted(file.name);
  }
  if (limitBytes !== undefined && file.size > limitBytes) {
    return `${file.name} is ${formatBytes(file.size)}, over this server's ${formatBytes(limitBytes)} upload limit. Split it into smaller files, or ask whoever runs Sift to raise the limit.`;
  }
  return null;
}

function sendFile(file: File, onProgress: (loaded: number) => void, signal: AbortSignal): Promise<StoredUpload> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', `/api/uploads?name=${encodeURIComponent(file.name)}`);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => {
      const body = xhr.response as (Partial<StoredUpload> & { error?: string }) | null;
      if (xhr.status === 201 && body?.uploadId) resolve(body as StoredUpload);
      else reject(new Error(body?.error ?? `The server refused the upload (HTTP ${xhr.status}). Try again in a moment.`));
    };
    xhr.onerror = () => reject(new Error('The upload was interrupted. Check your connection and try again.'));
    signal.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}

export function useUpload(limitBytes: number | undefined, target: UploadTarget) {
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const { extensions, notAccepted, start, settled } = target;
  const aborter = useRef<AbortController | null>(null);

  useEffect(() => () => aborter.current?.abort(), []);

  const upload = useCallback(
    async (file: File) => {
      const refusal = refusalReason(file, limitBytes, { extensions, notAccepted });
      if (refusal) {
        setState({ phase: 'failed', fileName: file.name, message: refusal });
        return;
      }
      const controller = new AbortController();
      aborter.current = controller;
      setState({ phase: 'uploading', fileName: file.name, loaded: 0, total: file.size });
      try {
        const stored = await sendFile(
          file,
          (loaded) => setState({ phase: 'uploading', fileName: file.name, loaded, total: file.size }),
          controller.signal,
        );
        setState({ phase: 'starting', fileName: file.name, total: file.size });
        await start(stored.uploadId);
        setState({ phase: 'done', fileName: file.name, total: file.size });
      } catch (error) {
        if (controller.signal.aborted) return;
        setState({ phase: 'failed', fileName: file.name, message: error instanceof Error ? error.message : String(error) });
      } finally {
        await settled?.();
      }
    },
    [limitBytes, extensions, notAccepted, start, settled],
  );

  const busy = state.phase === 'uploading' || state.phase === 'starting';
  return { state, upload, busy };
}
