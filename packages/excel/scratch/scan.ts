import { readFileSync } from 'node:fs';
import { openZip, findEntry, readEntryText } from '../src/xlsx/zip.ts';
import { readSharedStrings } from '../src/xlsx/sharedStrings.ts';
import { readDateStyles } from '../src/xlsx/styles.ts';
import { SheetScanner } from '../src/xlsx/sheetScanner.ts';
const zip = openZip(readFileSync('/tmp/xb/mixed.xlsx'));
const xml = readEntryText(zip, findEntry(zip, 'xl/worksheets/sheet1.xml')!);
const ctx = { sharedStrings: await readSharedStrings(zip, findEntry(zip, 'xl/sharedStrings.xml')!, undefined), dateStyles: readDateStyles(readEntryText(zip, findEntry(zip, 'xl/styles.xml')!)), date1904: false };
const chunks: string[] = []; for (let i = 0; i < xml.length; i += 262144) chunks.push(xml.slice(i, i + 262144));
const times: number[] = [];
for (let r = 0; r < 30; r++) {
  let n = 0; const t0 = process.cpuUsage(); const t = 0;
  const s = new SheetScanner(ctx, (_, c) => { n += c.length; });
  s.rowWidth = Number(process.argv[2] ?? 151);
  for (const c of chunks) s.feed(c);
  times.push(process.cpuUsage(t0).user / 1000 - t);
}
times.sort((a, b) => a - b); console.log('scan min', times[0]!.toFixed(1), 'median', times[15]!.toFixed(1));
