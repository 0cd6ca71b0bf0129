// One read by one spreadsheet reader in a process of its own: cold, as Sift's parse thread (a new
// thread per task) runs, and with a peak RSS that is the reader's alone.
// Usage (by parse.ts): node readerProcess.ts <reader> <file>; prints one JSON line { ms, peakMB, cells }.
import { readFile } from 'node:fs/promises';
import { spreadsheetReaders, type SpreadsheetReaderName } from '@sift/excel/baselineReaders';

const [name, file] = process.argv.slice(2);
if (!name || !(name in spreadsheetReaders) || !file) {
  throw new Error(`Usage: node readerProcess.ts <${Object.keys(spreadsheetReaders).join('|')}> <file>`);
}
const bytes = new Uint8Array(await readFile(file));
const started = performance.now();
const cells = await spreadsheetReaders[name as SpreadsheetReaderName](bytes);
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, peakMB: (process.resourceUsage().maxRSS * 1024) / 1024 / 1024, cells }));
