// Choosing a file (drag and drop, the keyboard or the picker button), the bar that follows its
// bytes to the server with a cancel, and the uploads a reload cut off (choose the file again to
// continue). What it accepts and what starts once the bytes are stored come from the caller: a
// spreadsheet (one file) or literature exports (several, sent one after another).
import { useCallback, useId, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { formatBytes } from '../format.ts';
import type { InterruptedUpload } from '../hooks/useInterruptedUploads.ts';
import { useUpload, type UploadState, type UploadTarget } from '../hooks/useUpload.ts';
import { trpc } from '../trpc.ts';
import { ProgressBar } from './ProgressBar.tsx';

export interface UploadZoneProps {
  target: UploadTarget;
  /** The section heading, e.g. "Upload a spreadsheet". */
  heading: string;
  /** What to drop, e.g. "a spreadsheet" or "literature exports". */
  what: string;
  /** The accepted types as the hint reads them, e.g. ".xlsx, .csv or .tsv". */
  typesHint: string;
  /** The file input's accessible name. */
  inputLabel: string;
  multiple?: boolean;
}

export function UploadZone({ target, heading, what, typesHint, inputLabel, multiple = false }: UploadZoneProps) {
  const settings = trpc.getSettings.useQuery(undefined, { staleTime: Infinity });
  const limitBytes = settings.data?.uploadLimitBytes;
  const { state, upload, cancel, busy: uploading, interrupted } = useUpload(limitBytes, target);
  const [queued, setQueued] = useState(false);
  const [batch, setBatch] = useState<BatchLine[]>([]);
  const busy = uploading || queued;
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const hintId = useId();

  const openPicker = () => {
    if (!busy) input.current?.click();
  };

  const sendAll = useCallback(
    async (files: File[]) => {
      setQueued(true);
      // Several files (a folder of exports): one line each, sent one after another.
      setBatch(files.length > 1 ? files.map((file) => ({ fileName: file.name, outcome: 'waiting' })) : []);
      const mark = (index: number, line: BatchLine) => setBatch((lines) => lines.map((entry, at) => (at === index ? line : entry)));
      try {
        for (const [index, file] of files.entries()) {
          mark(index, { fileName: file.name, outcome: 'sending' });
          mark(index, batchLine(file.name, await upload(file)));
        }
      } finally {
        setQueued(false);
      }
    },
    [upload],
  );

  const takeFiles = (files: FileList | null) => {
    const chosen = [...(files ?? [])].slice(0, multiple ? undefined : 1);
    if (chosen.length > 0 && !busy) void sendAll(chosen);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      openPicker();
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    takeFiles(event.dataTransfer.files);
  };

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      <div
        className={`dropzone${dragging ? ' dragging' : ''}${busy ? ' busy' : ''}`}
        role="button"
        tabIndex={0}
        aria-label={`Drop ${what} here, or press Enter to choose ${multiple ? 'them' : 'one'}`}
        aria-describedby={hintId}
        aria-disabled={busy}
        onClick={openPicker}
        onKeyDown={onKeyDown}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p className="dropzone-title">Drop {what} here</p>
        <p className="dropzone-hint" id={hintId}>
          {typesHint}{limitBytes === undefined ? '' : `, up to ${formatBytes(limitBytes)}`}
        </p>
      </div>
      <div className="upload-actions">
        <button type="button" className="button" onClick={openPicker} disabled={busy}>
          {multiple ? 'Choose files…' : 'Choose a file…'}
        </button>
        {state.phase === 'uploading' && (
          <button type="button" className="button secondary" onClick={cancel}>
            Cancel upload
          </button>
        )}
        <input
          ref={input}
          type="file"
          accept={target.extensions.join(',')}
          aria-label={inputLabel}
          multiple={multiple}
          hidden
          onChange={(event) => {
            takeFiles(event.target.files);
            event.target.value = ''; // so choosing the same file again still uploads it
          }}
        />
      </div>
      <UploadStatus state={state} />
      <BatchList lines={batch} />
      {!busy && <InterruptedList uploads={interrupted.uploads} discard={interrupted.discard} />}
    </section>
  );
}

function UploadStatus({ state }: { state: UploadState }) {
  switch (state.phase) {
    case 'idle':
      return null;
    case 'failed':
      return (
        <p className="message error" role="alert">
          {state.message}
        </p>
      );
    case 'cancelled':
      return (
        <p className="message" role="status">
          Upload of {state.fileName} cancelled. Nothing of it was kept.
        </p>
      );
    case 'uploading': {
      const percent = state.total > 0 ? (100 * state.loaded) / state.total : 0;
      const verb = state.resumedFrom > 0 ? `Continuing ${state.fileName} from ${formatBytes(state.resumedFrom)}` : `Uploading ${state.fileName}`;
      return <ProgressBar name={`Upload of ${state.fileName}`} percent={percent} label={`${verb}: ${formatBytes(state.loaded)} of ${formatBytes(state.total)}`} />;
    }
    case 'starting':
    case 'done':
      // The bar stays full after the upload so the researcher sees the whole file arrived.
      return (
        <ProgressBar
          name={`Upload of ${state.fileName}`}
          percent={100}
          label={`${state.phase === 'starting' ? 'Starting' : 'Uploaded'} ${state.fileName}: ${formatBytes(state.total)} of ${formatBytes(state.total)}`}
        />
      );
  }
}

/** Uploads this browser began and did not finish: choosing the same file again continues it. */
function InterruptedList({ uploads, discard }: { uploads: readonly InterruptedUpload[]; discard: (key: string) => Promise<void> }) {
  if (uploads.length === 0) return null;
  return (
    <ul className="interrupted-uploads" aria-label="Interrupted uploads">
      {uploads.map((entry) => (
        <li key={entry.key}>
          <span>
            The upload of <strong>{entry.fileName}</strong> ({formatBytes(entry.size)}) stopped before it finished. Choose the same file again to
            continue where it stopped.
          </span>{' '}
          <button type="button" className="button secondary" onClick={() => void discard(entry.key)}>
            Discard {entry.fileName}
          </button>
        </li>
      ))}
    </ul>
  );
}

interface BatchLine {
  fileName: string;
  outcome: 'waiting' | 'sending' | 'done' | 'cancelled' | 'failed';
  message?: string;
}

function batchLine(fileName: string, ended: UploadState | null): BatchLine {
  if (ended === null) return { fileName, outcome: 'cancelled' };
  return ended.phase === 'failed' ? { fileName, outcome: 'failed', message: ended.message } : { fileName, outcome: 'done' };
}

const OUTCOME_WORDS: Record<BatchLine['outcome'], string> = {
  waiting: 'waiting',
  sending: 'sending…',
  done: 'uploaded',
  cancelled: 'cancelled',
  failed: 'not uploaded',
};

/** One line per file of a several-file upload: what happened to each, the one being sent, the ones waiting. */
function BatchList({ lines }: { lines: readonly BatchLine[] }) {
  if (lines.length === 0) return null;
  return (
    <ol className="upload-batch" aria-label="Files in this upload">
      {lines.map((line, index) => (
        <li key={`${index}-${line.fileName}`} className={`upload-batch-${line.outcome}`}>
          <strong>{line.fileName}</strong>: {OUTCOME_WORDS[line.outcome]}
          {line.message ? ` (${line.message})` : ''}
        </li>
      ))}
    </ol>
  );
}
