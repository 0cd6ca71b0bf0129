// A project's imports: the upload zone for literature exports (each stored file becomes a
// literature-import task) and a card per file with the live progress of its newest read (the
// first, or one with columns the researcher chose) and, once ready, its report. The list polls
// only while an import can still change (the project page reads the counts and records again
// when one finishes, whichever step is open). A file with the same bytes as an earlier import waits for the researcher to say
// whether to import it again (its records would be counted twice).
import { useMemo, useState } from 'react';
import { LoadError } from '../components/LoadError.tsx';
import { UploadZone } from '../components/UploadZone.tsx';
import { TaskCard } from '../components/TaskCard.tsx';
import type { UploadTarget } from '../hooks/useUpload.ts';
import { isFinished, trpc, type ImportListing } from '../trpc.ts';
import { DeleteFailedImport, DeleteImport } from './DeleteImport.tsx';
import { ImportReport } from './ImportReport.tsx';

export const LITERATURE_EXTENSIONS = ['.nbib', '.txt', '.ris', '.xml', '.bib', '.csv', '.tsv', '.xlsx'] as const;

export function literatureRefusal(fileName: string): string {
  return `${fileName} is not a literature export Sift can read. Export your search as PubMed (.nbib or .txt), RIS (.ris), EndNote XML (.xml), BibTeX (.bib), Web of Science (.txt), or a .csv, .tsv or .xlsx table, and try again.`;
}

/** Poll while any import is queued or running; stop once all have finished. */
export function importsInterval(imports: readonly ImportListing[] | undefined): number | false {
  return imports?.some((entry) => !isFinished(entry.task.state)) ? 1000 : false;
}

/** The list query, shared by the cards and the "Find duplicates" button. */
export function useImports(projectId: string) {
  return trpc.listImports.useQuery({ projectId }, { refetchInterval: (query) => importsInterval(query.state.data) });
}

/** `canImport`: the asker owns the project (reviewers and viewers see the files, not the drop zone). */
export function ImportList({ projectId, canImport }: { projectId: string; canImport: boolean }) {
  const imports = useImports(projectId);
  const utils = trpc.useUtils();
  const { mutateAsync: importLiterature } = trpc.importLiterature.useMutation();
  const [sameFiles, setSameFiles] = useState<{ uploadId: string; message: string }[]>([]);
  const target = useMemo<UploadTarget>(
    () => ({
      extensions: LITERATURE_EXTENSIONS,
      notAccepted: literatureRefusal,
      start: (uploadId) =>
        importLiterature({ projectId, uploadId }).catch((error: { message: string; data?: { code?: string } | null }) => {
          if (error.data?.code === 'CONFLICT') setSameFiles((waiting) => [...waiting, { uploadId, message: error.message }]);
          throw error;
        }),
      settled: () => utils.listImports.invalidate({ projectId }),
    }),
    [importLiterature, projectId, utils],
  );
  const settleSameFile = async (uploadId: string, importAgain: boolean) => {
    if (importAgain) await importLiterature({ projectId, uploadId, again: true });
    setSameFiles((waiting) => waiting.filter((entry) => entry.uploadId !== uploadId));
    await utils.listImports.invalidate({ projectId });
  };

  return (
    <>
      {canImport && (
        <UploadZone
          target={target}
          heading="Import literature exports"
          what="literature exports"
          typesHint="PubMed .nbib or .txt, RIS .ris, EndNote .xml, BibTeX .bib, Web of Science .txt, or .csv, .tsv, .xlsx"
          inputLabel="Literature export files"
          multiple
        />
      )}
      {sameFiles.map((entry) => (
        <div key={entry.uploadId} className="confirm-delete" role="group" aria-label="A file imported before">
          <p>{entry.message}</p>
          <button type="button" className="button" onClick={() => void settleSameFile(entry.uploadId, true)}>
            Import it again anyway
          </button>
          <button type="button" className="button secondary inline-action" onClick={() => void settleSameFile(entry.uploadId, false)}>
            Don’t import it
          </button>
        </div>
      ))}
      <section className="panel" aria-labelledby="imports-heading">
        <h2 id="imports-heading">Imported files</h2>
        {imports.isPending && <p className="muted">Loading the imports…</p>}
        <LoadError query={imports} what="the imports" />
        {imports.data?.length === 0 && <p className="muted">No files yet. Import the exports of your database searches.</p>}
        {imports.data && imports.data.length > 0 && (
          <ul className="task-list">
            {imports.data.map((entry) => (
              <li key={entry.importId ?? entry.taskId}>
                <TaskCard listed={entry.task} unit="records" renderReady={() => <ImportReport projectId={projectId} listing={entry} />} />
                {canImport && isFinished(entry.task.state) && (entry.importId
                  ? <DeleteImport importId={entry.importId} fileName={entry.fileName} />
                  : entry.task.state !== 'ready' && <DeleteFailedImport taskId={entry.taskId} fileName={entry.fileName} />)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
