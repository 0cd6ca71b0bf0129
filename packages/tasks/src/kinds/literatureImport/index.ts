// The literature-import task kind: reads one uploaded export (PubMed, RIS, EndNote XML, BibTeX,
// Web of Science, CSV, XLSX) into a project's records, parsing in a worker thread, and stores the
// import report. Records are streamed in with one bulk copy, committed as one; a retry finds its
// import row through the task id and copies only the records no earlier attempt committed. Given an `importId` and `columns`, it reads the CSV, TSV or
// workbook of that import again with the researcher's column mapping, replacing the import's
// report and records (each attempt from scratch). When it is ready, the project's de-duplication
// (its own task, literature-dedup) starts, so adding or re-reading a file refreshes the duplicate groups.
import { z } from 'zod';
import { LITERATURE_FIELDS } from '@sift/literature';
import { outOfMemory, TaskFailure, TaskInputError } from '../../errors.ts';
import { findProject, requireProject } from '../../data/projectStore.ts';
import { DEFAULT_QUEUE_POLICY, defineTaskKind } from '../../taskKind.ts';
import { copyRecords, mergePendingSearchEntries, saveImport, savedRecordCount, type StoredReport } from '../../data/recordStore.ts';
import type { BulkCopy } from '@sift/db';
import { analyzeTables } from '../../data/statistics.ts';
import { runInThread, transferableBytes } from '../../workerThread.ts';
import type { ImportBatch, ImportReply, ImportThreadInput } from './importThread.ts';

/** Field => 0-based column of the file's header, as the researcher mapped them. */
export const columnMappingSchema = z.partialRecord(z.enum(LITERATURE_FIELDS), z.number().int().min(0));

export const literatureImportTask = defineTaskKind({
  name: 'literature-import',
  input: z.object({
    projectId: z.uuid(),
    uploadId: z.uuid(),
    /** A re-import: the import whose records this read replaces. */
    importId: z.uuid().optional(),
    columns: columnMappingSchema.optional(),
  }),
  queue: DEFAULT_QUEUE_POLICY,
  followUp: (input) => ({ kind: 'literature-dedup', input: { projectId: input.projectId } }),

  async prepare(input, { db, storage, ownerId }) {
    const project = await requireProject(db, ownerId, input.projectId);
    const upload = await storage.info(input.uploadId, ownerId);
    if (!upload?.complete) throw new TaskInputError('That upload was not found or did not finish. Upload the file again.');
    if (input.columns) {
      const { title, abstract } = input.columns;
      if (title === undefined && abstract === undefined) throw new TaskInputError('Choose the column that holds the title or the abstract: without one no row can be imported.');
    }
    if (input.importId) {
      const entry = await db.literatureImport.findFirst({ where: { id: input.importId, projectId: project.id, deletedAt: null }, select: { taskId: true, report: true } });
      if (!entry) throw new TaskInputError('That import was not found in this project.');
      const headers = (entry.report as unknown as StoredReport).columns?.headers;
      if (!headers) throw new TaskInputError('Only CSV, TSV and Excel imports have columns to choose.');
      const beyond = Object.entries(input.columns ?? {}).find(([, column]) => column >= headers.length);
      if (beyond) throw new TaskInputError(`The file has ${headers.length} columns; there is no column ${beyond[1] + 1} for ${beyond[0]}.`);
      const reads = { OR: [{ id: entry.taskId }, { input: { path: ['importId'], equals: input.importId } }] };
      if (await db.task.count({ where: { ...reads, ownerId, state: { in: ['queued', 'running'] } } })) {
        throw new TaskInputError('This file is still being read. Choose its columns once it is ready.');
      }
    }
    return { title: upload.fileName };
  },

  async run({ db, storage, settings, taskId, ownerId, input, signal, progress, log }) {
    const upload = await storage.info(input.uploadId, ownerId);
    if (!upload) throw new TaskFailure('upload_missing', 'The uploaded file is no longer stored. Upload it again.');
    const project = await findProject(db, ownerId, input.projectId);
    if (!project) throw new TaskFailure('project_missing', 'The project this file was imported into no longer exists.');
    if (input.importId && !(await db.literatureImport.findFirst({ where: { id: input.importId, projectId: project.id }, select: { id: true } }))) {
      throw new TaskFailure('import_missing', 'The import this file was read into no longer exists. Import the file again.');
    }
    progress(0, 0, 'loading file');
    const bytes = transferableBytes(await storage.read(upload.id));
    const parsed: { importId: string; format: string; report: StoredReport | null } = { importId: '', format: '', report: null };
    let total = 0;
    const copying: { copy?: BulkCopy } = {};
    try {
      await runInThread<ImportThreadInput, ImportBatch, null, ImportReply>({
        script: new URL('./importThread.ts', import.meta.url),
        input: { bytes, fileName: upload.fileName, columns: input.columns },
        transfer: [bytes],
        signal,
        memory: { limitMb: settings.parseMemoryMb, exceeded: outOfMemory.readingLiterature },
        onProgress: (_done, reading) => progress(0, reading, 'reading records'),
        onBatch: async (batch) => {
          if (batch.kind === 'records') {
            await copying.copy?.write(batch.rows);
            progress(batch.saved, total, 'saving records');
            return null;
          }
          total = batch.total;
          parsed.format = batch.format;
          parsed.report = batch.report;
          parsed.importId = await saveImport(db, {
            projectId: project.id, taskId, fileName: upload.fileName, format: batch.format, report: batch.report, importId: input.importId,
          });
          const saved = await savedRecordCount(db, parsed.importId);
          copying.copy = await copyRecords(db);
          progress(saved, total, 'saving records');
          return { projectId: project.id, importId: parsed.importId, saved };
        },
      });
      await copying.copy?.commit();
    } catch (error) {
      copying.copy?.abort();
      throw error;
    }
    progress(total, total, 'indexing for search');
    await mergePendingSearchEntries(db, log);
    await analyzeTables(db, ['literature_record'], log);
    const report = parsed.report as StoredReport;
    return {
      importId: parsed.importId,
      format: parsed.format,
      recordsRead: report.recordsRead,
      skipped: report.skipped.length,
      withoutAbstract: report.withoutAbstract,
      withoutDoi: report.withoutDoi,
      withoutYear: report.withoutYear,
      ...(report.columns ? { unsureColumns: report.columns.unsure } : {}),
    };
  },
});
