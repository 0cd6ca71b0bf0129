import { readFileSync } from 'node:fs';
import { readSpreadsheet } from '../src/index.ts';
import { expectedCell } from '../src/fixtures.ts';
const bytes = readFileSync(process.argv[2] ?? '/tmp/xb/mixed.xlsx');
for (let i = 0; i < 8; i++) {
  const t = performance.now();
  let cells = 0; let bad = 0;
  const summary = await readSpreadsheet(bytes, { fileName: process.argv[2] ?? 'x.xlsx', onColumns: () => {}, onRows: (rows, first) => {
    for (let r = 0; r < rows.length; r++) { const row = rows[r]!; cells += row.length; if (i === 0 && !process.argv[2]) for (let c = 0; c < row.length; c++) if (row[c] !== expectedCell(first + r, c)) { if (bad++ < 5) console.log('mismatch', first + r, c, row[c], expectedCell(first + r, c)); } }
  } });
  console.log((performance.now() - t).toFixed(1), 'ms', cells, bad, summary.rowCount, summary.columns.length, summary.columns.slice(0, 3));
}
