import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { openZip, findEntry, entryChunks, readEntryText } from '../src/xlsx/zip.ts';
import { readSharedStrings } from '../src/xlsx/sharedStrings.ts';
const bytes = readFileSync('/tmp/xb/mixed.xlsx');
const zip = openZip(bytes);
for (const e of zip.entries.values()) console.log(e.name, e.compressedSize, e.uncompressedSize);
for (let i = 0; i < 4; i++) {
  let t = performance.now();
  const sst = await readSharedStrings(zip, findEntry(zip, 'xl/sharedStrings.xml')!, undefined);
  const a = performance.now() - t; t = performance.now();
  let n = 0; for await (const c of entryChunks(zip, findEntry(zip, 'xl/worksheets/sheet1.xml')!)) n += c.length;
  const b = performance.now() - t; t = performance.now();
  const d = new TextDecoder(); let m = 0;
  for await (const c of entryChunks(zip, findEntry(zip, 'xl/worksheets/sheet1.xml')!)) m += d.decode(c, {stream: true}).length;
  const c2 = performance.now() - t; t = performance.now();
  const s = readEntryText(zip, findEntry(zip, 'xl/worksheets/sheet1.xml')!);
  const e = performance.now() - t;
  console.log({ sst: a.toFixed(1), sstN: sst.length, inflateStream: b.toFixed(1), inflateDecode: c2.toFixed(1), syncInflateDecode: e.toFixed(1), n });
}
