// The spreadsheet task kind: reads an uploaded .xlsx/.csv in a worker thread and saves the chosen
// sheet (the first visible one by default) as clean rows with a column profile. Re-running it
// (a retry) replaces whatever a failed attempt saved; the rows are one bulk copy, committed as one.
import { z } from 'zod';
import { storableText } from '@sift/excel';
import { outOfMemory, TaskFailure, TaskInputError } from '../../errors.ts';
import { DEFAULT_QUEUE_POLICY, defineTaskKind } from '../../taskKind.ts';
import type { BulkCopy } from '@sift/db';
import { copyDatasetRows, createDataset, finishDataset, resetDataset } from '../../data/datasetStore.ts';
import { runInThread, transferableBytes } from '../../workerThread.ts';
import type { ParseBatch, ParseResult, ParseThreadInput } from './parseThread.ts';

export const spreadsheetTask = defineTaskKind({
  name: 'spreadsheet',
  input: z.object({
    uploadId: z.uuid(),
    /**
     * A sheet name from a previous read of the same upload; omitted: the first visible sheet. A
     * lone surrogate or U+0000 becomes U+FFFD, as in the sheet list the reader gave.
     */
    sheet: z.string().min(1).max(255).transform(storableText).optional(),
  }),
  queue: DEFAULT_QUEUE_POLICY,

  async prepare(input, { storage, ownerId }) {
    const upload = await storage.info(input.uploadId, ownerId);
    if (!upload?.complete) throw new TaskInputError('That upload was not found or did not finish. Upload the file again.');
    return { title: input.sheet ? `${upload.fileName} · ${input.sheet}` : upload.fileName };
  },

  async run({ db, storage, settings, taskId, ownerId, input, signal, progress }) {
    const upload = await storage.info(input.uploadId, ownerId);
    if (!upload) throw new TaskFailure('upload_missing', 'The uploaded file is no longer stored. Upload it again.');
    progress(0, 0, 'loading file');
    const bytes = transferableBytes(await storage.read(upload.id));
    await resetDataset(db, taskId);
    let saved = 0;
    let estimatedTotal = 0;
    const copying: { copy?: BulkCopy } = {};
    let read: ParseResult;
    try {
      read = await runInThread<ParseThreadInput, ParseBatch, ParseResult>({
        script: new URL('./parseThread.ts', import.meta.url),
        input: { taskId, bytes, fileName: upload.fileName, sheet: input.sheet },
        transfer: [bytes],
        signal,
        memory: { limitMb: settings.parseMemoryMb, exceeded: outOfMemory.readingSpreadsheet },
        onBatch: async (batch) => {
          if (batch.kind === 'columns') {
            await createDataset(db, taskId, batch.columns);
            copying.copy = await copyDatasetRows(db);
            return;
          }
          await copying.copy?.write(batch.rows);
          saved = batch.saved;
          progress(saved, Math.max(estimatedTotal, saved), 'reading sheet');
        },
        onProgress: (_read, total) => {
          estimatedTotal = total;
          progress(saved, Math.max(estimatedTotal, saved), 'reading sheet');
        },
      });
      await copying.copy?.commit();
    } catch (error) {
      copying.copy?.abort();
      throw error;
    }
    const { summary, profile } = read;
    progress(summary.rowCount, summary.rowCount, 'saving');
    await finishDataset(db, taskId, { ...summary, profile });
    return {
      format: summary.format,
      sheetName: summary.sheetName,
      sheets: summary.sheets,
      rowCount: summary.rowCount,
      columnCount: summary.columns.length,
      noteCount: summary.noteCount,
    };
  },
});
