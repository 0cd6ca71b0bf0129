// Times reading the 3,339 x 151 mixed workbook with Sift's reader and with the libraries it
// was measured against (SheetJS, ExcelJS streaming and full load), then profiling its 504,189
// cells as read and as CSV text. Prints min and median ms.
// Usage: npm run bench -w @sift/excel [-- runs] (default 7 runs per reader).
import { makeMixedWorkbook } from '../src/fixtures.ts';
import type { CellValue } from '../src/index.ts';
import { profileInBatches, readWhole, spreadsheetReaders } from './baselineReaders.ts';

const runs = Number(process.argv[2] ?? 7);
const bytes = await makeMixedWorkbook(3339, 151);

const readers: Record<string, () => Promise<number>> = Object.fromEntries(
  Object.entries(spreadsheetReaders).map(([name, read]) => [name, () => read(bytes)]),
);

const { columns, rows } = await readWhole(bytes);
const csvRows = rows.map((row) => row.map((cell) => (cell === null ? null : String(cell))));
const profile = (input: CellValue[][]) => async () => profileInBatches(columns, input).length * input.length;
readers['profile (xlsx values)'] = profile(rows);
readers['profile (CSV text)'] = profile(csvRows);

console.log(`${bytes.length} bytes, ${runs} runs each, node ${process.version}`);
for (const [name, read] of Object.entries(readers)) {
  const times: number[] = [];
  let cells = 0;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    cells = await read();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] as number;
  console.log(`${name.padEnd(22)} min ${(times[0] as number).toFixed(0).padStart(5)} ms   median ${median.toFixed(0).padStart(5)} ms   ${cells} cells`);
}
