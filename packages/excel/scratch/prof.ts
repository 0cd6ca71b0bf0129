import { readFileSync } from 'node:fs';
import { readSpreadsheet } from '../src/index.ts';
const bytes = readFileSync('/tmp/xb/mixed.xlsx');
for (let i = 0; i < 15; i++) {
  const t = performance.now();
  await readSpreadsheet(bytes, { fileName: 'x.xlsx', onColumns: () => {}, onRows: () => {} });
  if (i > 10) console.log((performance.now() - t).toFixed(1));
}
