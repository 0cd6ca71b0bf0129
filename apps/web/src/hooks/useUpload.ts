// Sending one file: the size check against the server's limit, the XHR upload (fetch cannot
// report upload progress) and creating the spreadsheet task once the bytes are stored.
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatBytes } from '../format.ts';
import { trpc } from '../trpc.ts';

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

const ACCEPTED_EXTENSIONS = ['.xlsx', '.csv', '.tsv'];
export const ACCEPT_ATTRIBUTE = ACCEPTED_EXTENSIONS.join(',');

/** Why this file cannot be sent, or null when it can. */
export function refusalReason(file: File, limitBytes: number | undefined): string | null {
  const name = file.name.toLowerCase();
  if (!ACCEPTED_EXTENSIONS.some((extension) => name.endsWith(extension))) {
    return `${file.name} is not a spreadsheet Sift can read. Save it as .xlsx, .csv or .tsv and try again.`;
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

export function useUpload(limitBytes: number | undefined) {
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const { mutateAsync: createTask } = trpc.createTask.useMutation();
  const utils = trpc.useUtils();
  const aborter = useRef<AbortController | null>(null);

  useEffect(() => () => aborter.current?.abort(), []);

  const upload = useCallback(
    async (file: File) => {
      const refusal = refusalReason(file, limitBytes);
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
        await createTask({ kind: 'spreadsheet', input: { uploadId: stored.uploadId } });
        setState({ phase: 'done', fileName: file.name, total: file.size });
      } catch (error) {
        if (controller.signal.aborted) return;
        setState({ phase: 'failed', fileName: file.name, message: error instanceof Error ? error.message : String(error) });
      } finally {
        await utils.listTasks.invalidate();
      }
    },
    [limitBytes, createTask, utils],
  );

  const busy = state.phase === 'uploading' || state.phase === 'starting';
  return { state, upload, busy };
}
