// The full-text task kind: reads one attached PDF page by page in a worker thread and finds the
// project record it is (by DOI, PMID or title; @sift/fulltext), saving both at once, so a retry
// replaces what an earlier attempt saved. A scan without a text layer is saved and says so.
import { z } from 'zod';
import { matchFullText, type PdfText } from '@sift/fulltext';
import { outOfMemory, TaskFailure, TaskInputError } from '../../errors.ts';
import { matchCandidates, saveFullText } from '../../data/fullTexts.ts';
import { findProject, requireProject } from '../../data/projectStore.ts';
import { DEFAULT_QUEUE_POLICY, defineTaskKind } from '../../taskKind.ts';
import { runInThread, transferableBytes } from '../../workerThread.ts';
import type { PdfThreadInput } from './pdfThread.ts';

/** A journal article is tens of pages; a whole volume or a book is not a full text to screen. */
export const MAX_PDF_PAGES = 2_000;

export const fullTextTask = defineTaskKind({
  name: 'full-text',
  input: z.object({ projectId: z.uuid(), uploadId: z.uuid() }),
  queue: { ...DEFAULT_QUEUE_POLICY, expireInSeconds: 5 * 60 },

  async prepare(input, { db, storage, ownerId }) {
    await requireProject(db, ownerId, input.projectId);
    const upload = await storage.info(input.uploadId, ownerId);
    if (!upload?.complete) throw new TaskInputError('That upload was not found or did not finish. Upload the PDF again.');
    if (!upload.fileName.toLowerCase().endsWith('.pdf')) throw new TaskInputError(`${upload.fileName} is not a PDF. Attach the paper as a .pdf file.`);
    return { title: upload.fileName };
  },

  async run({ db, storage, settings, taskId, ownerId, input, signal, progress }) {
    const upload = await storage.info(input.uploadId, ownerId);
    if (!upload) throw new TaskFailure('upload_missing', 'The uploaded PDF is no longer stored. Attach it again.');
    if (!(await findProject(db, ownerId, input.projectId))) throw new TaskFailure('project_missing', 'The project this PDF was attached to no longer exists.');
    progress(0, 0, 'reading the PDF');
    const bytes = transferableBytes(await storage.read(upload.id));
    const paper = await runInThread<PdfThreadInput, never, PdfText>({
      script: new URL('./pdfThread.ts', import.meta.url),
      input: { bytes, maxPages: MAX_PDF_PAGES },
      transfer: [bytes],
      signal,
      memory: { limitMb: settings.parseMemoryMb, exceeded: outOfMemory.readingPdf },
    });
    progress(paper.pages.length, paper.pages.length, 'finding its record');
    const match = matchFullText(paper, await matchCandidates(db, input.projectId));
    const fullTextId = await saveFullText(db, { projectId: input.projectId, taskId, uploadId: upload.id, fileName: upload.fileName, pages: paper.pages, hasText: paper.hasTextLayer, match });
    return { fullTextId, pages: paper.pages.length, hasText: paper.hasTextLayer, match: match.status, ...(match.status === 'matched' ? { recordId: match.recordId, by: match.by } : {}) };
  },
});
