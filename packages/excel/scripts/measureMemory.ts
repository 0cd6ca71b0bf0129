// Peak memory of reading big files: each file is generated here, written to a temporary
// folder, and read in a fresh child process (the reader plus the column profiler, as the
// spreadsheet task's parse thread runs them), which reports its peak RSS and time.
// Usage: npm run memory -w @sift/excel
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createColumnProfiler, readSpreadsheet } from '../src/index.ts';

const MB = 1024 * 1024;

if (process.argv[2] === '--read') {
  const file = process.argv[3] as string;
  const bytes: Uint8Array = readFileSync(file);
  const baseline = process.memoryUsage().rss;
  const started = performance.now();
  let profiler: ReturnType<typeof createColumnProfiler> | undefined;
  let profileMs = 0;
  const summary = await readSpreadsheet(bytes, {
    fileName: file,
    batchSize: 500,
    onColumns: (columns) => {
      profiler = createColumnProfiler(columns);
    },
    onRows: (rows) => {
      const before = performance.now();
      profiler?.add(rows);
      profileMs += performance.now() - before;
    },
  });
  profiler?.result();
  const totalMs = performance.now() - started;
  const peak = process.resourceUsage().maxRSS * 1024;
  const result = { rows: summary.rowCount, readMs: Math.round(totalMs - profileMs), profileMs: Math.round(profileMs) };
  console.log(JSON.stringify({ ...result, startMB: Math.round(baseline / MB), peakMB: Math.round(peak / MB) }));
} else {
  // Only the parent makes files: the child's memory is the reader's alone, without ExcelJS loaded.
  const { expectedCell, makeLargeWorkbook, mixedColumnName } = await import('../src/fixtures.ts');
  const mixedCsv = (rows: number, cols: number) => {
    const lines = [Array.from({ length: cols }, (_, col) => mixedColumnName(col)).join(',')];
    for (let row = 0; row < rows; row++) lines.push(Array.from({ length: cols }, (_, col) => expectedCell(row, col) ?? '').join(','));
    return new TextEncoder().encode(lines.join('\n'));
  };
  const folder = mkdtempSync(join(tmpdir(), 'sift-memory-'));
  const cases: [string, () => Uint8Array][] = [
    ['200,000 x 12 .xlsx', () => makeLargeWorkbook(200_000, 12)],
    ['600,000 x 12 .xlsx', () => makeLargeWorkbook(600_000, 12)],
    ['100,000 x 72 .xlsx', () => makeLargeWorkbook(100_000, 72)],
    ['600,000 x 12 .csv', () => mixedCsv(600_000, 12)],
  ];
  try {
    for (const [name, make] of cases) {
      const file = join(folder, name.includes('.csv') ? 'data.csv' : 'data.xlsx');
      const bytes = make();
      writeFileSync(file, bytes);
      const output = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--read', file], { encoding: 'utf8' });
      console.log(`${name.padEnd(20)} ${(bytes.length / MB).toFixed(1).padStart(6)} MB file  ${output.trim()}`);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
