// Parse figures: Sift's reader against SheetJS and ExcelJS on the same bytes, every read in a fresh
// process (wall time of the read, and the process's peak RSS).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { SpreadsheetReaderName } from '@sift/excel/baselineReaders';
import type { Series } from './measure.ts';

const readerProcess = fileURLToPath(new URL('./readerProcess.ts', import.meta.url));
const run = promisify(execFile);

export interface ReaderSeries {
  time: Series;
  peakMB: Series;
}

/** `runs` reads of `bytes` (a sheet `columns` wide) by each reader, interleaved so that a noisy spell hits every reader alike. */
export async function readInFreshProcesses<Name extends SpreadsheetReaderName>(
  bytes: Uint8Array,
  readers: Name[],
  options: { runs: number; columns: number },
): Promise<Record<Name, ReaderSeries>> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'sift-bench-parse-'));
  const file = path.join(folder, 'workbook.xlsx');
  await writeFile(file, bytes);
  const results = Object.fromEntries(readers.map((reader): [Name, ReaderSeries] => [reader, { time: { runs: [] }, peakMB: { runs: [] } }])) as Record<Name, ReaderSeries>;
  try {
    const cellCounts = new Set<number>();
    for (let round = 0; round < options.runs; round++) {
      for (const reader of readers) {
        const { stdout } = await run(process.execPath, [readerProcess, reader, file], { maxBuffer: 1024 * 1024 });
        const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { ms: number; peakMB: number; cells: number };
        results[reader].time.runs.push(result.ms);
        results[reader].peakMB.runs.push(result.peakMB);
        cellCounts.add(result.cells);
      }
    }
    // The libraries count the header row's cells too; any other difference means a reader skipped work.
    if (Math.max(...cellCounts) - Math.min(...cellCounts) > options.columns) throw new Error(`Readers disagree on the cell count: ${[...cellCounts].join(', ')}`);
    return results;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
