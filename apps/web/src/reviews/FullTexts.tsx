// The project's full texts: drop the papers' PDFs (many at once; each is read by a full-text task
// and matched to its record by DOI, PMID or title), then the match report: matched, ambiguous or
// unmatched, each settled by hand. Reviewers and owners attach and match; viewers read.
import { useEffect, useMemo, useState } from 'react';
import { UploadZone } from '../components/UploadZone.tsx';
import { useTaskStatus } from '../hooks/useTaskStatus.ts';
import type { UploadTarget } from '../hooks/useUpload.ts';
import { plural } from '../format.ts';
import { isFinished, trpc, type FullTextListing, type ProjectDetail, type TaskStatus } from '../trpc.ts';

const PDF = ['.pdf'] as const;
const notAPdf = (fileName: string) => `${fileName} is not a PDF. Attach the paper as a .pdf file.`;

const MATCH_WORDS: Record<FullTextListing['match'], string> = {
  matched: 'matched',
  by_hand: 'matched by hand',
  ambiguous: 'which record?',
  unmatched: 'no record found',
};

export function FullTexts({ project }: { project: ProjectDetail }) {
  const projectId = project.id;
  const canAttach = project.role !== 'viewer';
  const utils = trpc.useUtils();
  const { mutateAsync: attach } = trpc.attachFullText.useMutation();
  const [started, setStarted] = useState<TaskStatus[]>([]);
  const papers = trpc.listFullTexts.useQuery({ projectId });
  const target = useMemo<UploadTarget>(
    () => ({
      extensions: PDF,
      notAccepted: notAPdf,
      start: async (uploadId) => {
        const task = await attach({ projectId, uploadId });
        setStarted((tasks) => [...tasks, task]);
        return task;
      },
    }),
    [attach, projectId],
  );

  const list = papers.data ?? [];
  const toSettle = list.filter((paper) => paper.match === 'ambiguous' || paper.match === 'unmatched').length;
  return (
    <section className="panel" aria-labelledby="full-texts-heading">
      <h2 id="full-texts-heading">Full texts</h2>
      <p className="muted">
        Attach the PDFs of the records you kept. Each is read page by page and matched to its record by the DOI or PMID it prints, or by its title with
        the first author or the year. A scan without a text layer is kept and marked: Sift does no OCR.
      </p>
      {canAttach && <UploadZone target={target} heading="Attach PDFs" what="PDFs of the papers" typesHint=".pdf" inputLabel="Full-text PDF files" multiple />}
      <ul className="full-text-reading" aria-label="PDFs being read">
        {started.map((task) => (
          <ReadingLine key={task.id} task={task} onReady={() => void utils.listFullTexts.invalidate({ projectId })} />
        ))}
      </ul>
      <p role="status">
        {plural(list.length, 'full text', 'full texts')}
        {toSettle > 0 ? `, ${toSettle} to match by hand` : ''}
      </p>
      {list.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Full texts">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Pages</th>
                <th scope="col">Record</th>
              </tr>
            </thead>
            <tbody>
              {list.map((paper) => (
                <FullTextRow key={paper.id} paper={paper} canMatch={canAttach} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** One PDF being read: its progress while it runs, what went wrong if it failed; the list refreshes once it is ready. */
function ReadingLine({ task, onReady }: { task: TaskStatus; onReady: () => void }) {
  const live = useTaskStatus(task.id, { enabled: true });
  const now = live.data ?? task;
  const ready = now.state === 'ready';
  useEffect(() => {
    if (ready) onReady();
  }, [ready, onReady]);
  if (ready) return null;
  return <li>{isFinished(now.state) ? `${now.title}: ${now.error?.message ?? 'not read'}` : `Reading ${now.title}…`}</li>;
}

function FullTextRow({ paper, canMatch }: { paper: FullTextListing; canMatch: boolean }) {
  const utils = trpc.useUtils();
  const setRecord = trpc.setFullTextRecord.useMutation({ onSuccess: () => utils.listFullTexts.invalidate() });
  const settled = paper.match === 'matched' || paper.match === 'by_hand';
  return (
    <tr>
      <th scope="row">{paper.fileName}</th>
      <td>{paper.hasText ? paper.pageCount : `${paper.pageCount}, no text layer (a scan)`}</td>
      <td>
        <strong>{MATCH_WORDS[paper.match]}</strong>
        {settled && paper.record ? `: ${paper.record.title ?? 'untitled record'}` : ''}
        <span className="muted"> ({paper.matchNote})</span>
        {canMatch && paper.candidates.length > 0 && (
          <label className="full-text-choice">
            {' '}
            It is
            <select
              aria-label={`Record for ${paper.fileName}`}
              defaultValue=""
              disabled={setRecord.isPending}
              onChange={(event) => setRecord.mutate({ fullTextId: paper.id, recordId: event.target.value || null })}
            >
              <option value="" disabled>
                choose a record…
              </option>
              {paper.candidates.map((candidate, index) => (
                <option key={candidate.id} value={candidate.id}>
                  {index + 1}. {[candidate.firstAuthor, candidate.year].filter(Boolean).join(', ')}: {candidate.title ?? 'untitled record'}
                </option>
              ))}
            </select>
          </label>
        )}
        {setRecord.error && (
          <span className="message error" role="alert">
            {' '}
            {setRecord.error.message}
          </span>
        )}
      </td>
    </tr>
  );
}
