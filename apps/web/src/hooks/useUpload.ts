// Sending one file: the type and size checks, the resumable upload (tus-js-client: a lost
// connection retries, and after a reload choosing the same file again continues where it
// stopped), cancel, a warning before leaving mid-upload, and then whatever the caller does with
// the stored upload (a spreadsheet task, a literature import), named by the UploadTarget it passes.
import { useCallback, useEffect, useRef, useState } from 'react';
import { DetailedError, Upload } from 'tus-js-client';
import { formatBytes } from '../format.ts';
import { useInterruptedUploads } from './useInterruptedUploads.ts';

export const RESUMABLE_ENDPOINT = '/api/uploads/tus';
/** Each PATCH sends at most this much, so the server's quota reserves a bounded amount per request. */
const CHUNK_BYTES = 4 * 1024 * 1024;
/** A dropped connection is retried after these pauses before the researcher is told. */
const RETRY_DELAYS_MS = [0, 1_000, 3_000, 5_000, 10_000];

export type UploadState =
  | { phase: 'idle' }
  | { phase: 'uploading'; fileName: string; loaded: number; total: number; resumedFrom: number }
  | { phase: 'starting'; fileName: string; total: number }
  | { phase: 'done'; fileName: string; total: number }
  | { phase: 'cancelled'; fileName: string }
  | { phase: 'failed'; fileName: string; message: string };

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

/** What the server said in words (its body), or what happened to the connection. */
export function uploadErrorMessage(error: Error): string {
  const response = error instanceof DetailedError ? error.originalResponse : null;
  const said = response?.getBody().trim();
  if (response && said) return said;
  if (response) return `The server refused the upload (HTTP ${response.getStatus()}). Try again in a moment.`;
  return 'The upload was interrupted. Check your connection, then choose the file again: it continues where it stopped.';
}

interface SendEvents {
  onProgress: (loaded: number) => void;
  /** A stored part of this file was found: the upload continues from `offset` bytes. */
  onResumed: (offset: number) => void;
}

/** Sends a file resumably; resolves with the stored upload's id. */
function sendFile(file: File, events: SendEvents, signal: AbortSignal): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const upload = new Upload(file, {
      endpoint: RESUMABLE_ENDPOINT,
      chunkSize: CHUNK_BYTES,
      retryDelays: RETRY_DELAYS_MS,
      metadata: { filename: file.name, filetype: file.type },
      removeFingerprintOnSuccess: true,
      // A refusal in words (too large, over the quota, no room) does not change by sending it again.
      onShouldRetry: (error) => {
        const status = error.originalResponse?.getStatus() ?? 0;
        return status === 0 || status === 409 || status === 423 || (status >= 500 && status !== 507);
      },
      onAfterResponse: (request, response) => {
        // HEAD asks the server where a stored part ends: only a resumed upload sends it.
        if (request.getMethod() === 'HEAD' && response.getStatus() === 200) events.onResumed(Number(response.getHeader('Upload-Offset') ?? 0));
      },
      onProgress: (loaded) => events.onProgress(loaded),
      onSuccess: () => {
        const id = upload.url?.split('/').at(-1);
        if (id) resolve(id);
        else reject(new Error('The server stored the file but did not say where. Try again.'));
      },
      onError: reject,
    });
    signal.addEventListener('abort', () => {
      // true: the server drops the part it kept, and this browser forgets it, before the caller moves on.
      void upload
        .abort(true)
        .catch(() => {})
        .finally(() => reject(new Error('cancelled')));
    });
    void upload.findPreviousUploads().then((previous) => {
      const earlier = previous.find((candidate) => candidate.uploadUrl);
      if (earlier) upload.resumeFromPreviousUpload(earlier);
      upload.start();
    }, reject);
  });
}

export function useUpload(limitBytes: number | undefined, target: UploadTarget) {
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const { extensions, notAccepted, start, settled } = target;
  const aborter = useRef<AbortController | null>(null);
  const interrupted = useInterruptedUploads(extensions);
  const { refresh: refreshInterrupted } = interrupted;
  const uploading = state.phase === 'uploading';

  useEffect(() => () => aborter.current?.abort(), []);

  // Leaving mid-upload: the browser asks first (what was sent is kept, and resumes when the file is chosen again).
  useEffect(() => {
    if (!uploading) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [uploading]);

  /** Sends one file and starts its work; resolves with how it ended (cancelled: null). */
  const upload = useCallback(
    async (file: File): Promise<UploadState | null> => {
      const settle = (outcome: UploadState) => {
        setState(outcome);
        return outcome;
      };
      const refusal = refusalReason(file, limitBytes, { extensions, notAccepted });
      if (refusal) return settle({ phase: 'failed', fileName: file.name, message: refusal });
      const controller = new AbortController();
      aborter.current = controller;
      setState({ phase: 'uploading', fileName: file.name, loaded: 0, total: file.size, resumedFrom: 0 });
      let resumedFrom = 0;
      try {
        const uploadId = await sendFile(
          file,
          {
            onResumed: (offset) => {
              resumedFrom = offset;
            },
            onProgress: (loaded) => setState({ phase: 'uploading', fileName: file.name, loaded, total: file.size, resumedFrom }),
          },
          controller.signal,
        );
        setState({ phase: 'starting', fileName: file.name, total: file.size });
        await start(uploadId);
        return settle({ phase: 'done', fileName: file.name, total: file.size });
      } catch (error) {
        if (controller.signal.aborted) return null;
        return settle({ phase: 'failed', fileName: file.name, message: error instanceof Error ? uploadErrorMessage(error) : String(error) });
      } finally {
        await refreshInterrupted();
        await settled?.();
      }
    },
    [limitBytes, extensions, notAccepted, start, settled, refreshInterrupted],
  );

  const cancel = useCallback(() => {
    if (state.phase !== 'uploading') return;
    aborter.current?.abort();
    setState({ phase: 'cancelled', fileName: state.fileName });
  }, [state]);

  const busy = state.phase === 'uploading' || state.phase === 'starting';
  return { state, upload, cancel, busy, interrupted };
}
