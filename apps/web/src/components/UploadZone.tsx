// Choosing a spreadsheet (drag and drop, the keyboard or the picker button) and the bar that
// follows its bytes to the server.
import { useId, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { formatBytes } from '../format.ts';
import { ACCEPT_ATTRIBUTE, useUpload, type UploadState } from '../hooks/useUpload.ts';
import { trpc } from '../trpc.ts';
import { ProgressBar } from './ProgressBar.tsx';

export function UploadZone() {
  const settings = trpc.getSettings.useQuery(undefined, { staleTime: Infinity });
  const limitBytes = settings.data?.uploadLimitBytes;
  const { state, upload, busy } = useUpload(limitBytes);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();

  const openPicker = () => {
    if (!busy) input.current?.click();
  };

  const takeFiles = (files: FileList | null) => {
    const file = files?.[0];
    if (file && !busy) void upload(file);
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
    <section className="panel" aria-labelledby="upload-heading">
      <h2 id="upload-heading">Upload a spreadsheet</h2>
      <div
        className={`dropzone${dragging ? ' dragging' : ''}${busy ? ' busy' : ''}`}
        role="button"
        tabIndex={0}
        aria-label="Drop a spreadsheet here, or press Enter to choose one"
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
        <p className="dropzone-title">Drop a spreadsheet here</p>
        <p className="dropzone-hint" id={hintId}>
          .xlsx, .csv or .tsv{limitBytes === undefined ? '' : `, up to ${formatBytes(limitBytes)}`}
        </p>
      </div>
      <div className="upload-actions">
        <button type="button" className="button" onClick={openPicker} disabled={busy}>
          Choose a file…
        </button>
        <input
          ref={input}
          type="file"
          accept={ACCEPT_ATTRIBUTE}
          aria-label="Spreadsheet file"
          hidden
          onChange={(event) => {
            takeFiles(event.target.files);
            event.target.value = ''; // so choosing the same file again still uploads it
          }}
        />
      </div>
      <UploadStatus state={state} />
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
    case 'uploading': {
      const percent = state.total > 0 ? (100 * state.loaded) / state.total : 0;
      return (
        <ProgressBar
          name={`Upload of ${state.fileName}`}
          percent={percent}
          label={`Uploading ${state.fileName}: ${formatBytes(state.loaded)} of ${formatBytes(state.total)}`}
        />
      );
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
