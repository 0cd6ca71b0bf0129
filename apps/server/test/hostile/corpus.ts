// The hostile-input corpus: files that are empty, cut short, built to exhaust memory (zip bombs,
// entity expansion, deep nesting, huge declared sizes), disguised, oddly encoded, or uploaded
// under dangerous names, each with the outcome Sift must reach over HTTP. Every file is made in
// memory from a fixed seed; `npm run fixtures:hostile -w @sift/server` writes them to
// .fixtures/hostile/ for a human to open. hostile.test.ts runs them all through the real server.
// Uploads over the size limit are refused before any task exists: http.test.ts offers one 1 GiB
// without a length (and declares one 50 MB) and checks the server stops reading at the limit.
import { buildXlsx, columnLetters, expectedCell, gb18030, makeLargeWorkbook, makeCorruptXlsx, sheetXml, xlsxFromRows } from '@sift/excel/fixtures';
import type { CellValue } from '@sift/excel';
import { makeRisExport } from '@sift/literature/fixtures';
import { deflatedPart, mebibyteOf, repeatedPart, SHEET_HEAD, SHEET_TAIL, SST_HEAD, workbookParts, zipOf } from '@sift/excel/zipFixtures';
import { encryptedWorkbook, seededBytes, tinyPng } from './builders.ts';

export type TaskKind = 'spreadsheet' | 'literature-import';

export type Expected =
  /** The task ends in `error` with this code and a message naming the problem and what to do. */
  | { outcome: 'error'; code: string; message: RegExp }
  /** A spreadsheet read completely: exact size, and these cells (data row, column) exact. */
  | { outcome: 'rows'; rowCount: number; columnCount: number; cells: [row: number, column: number, value: CellValue][] }
  /** A literature import: records read, records skipped, and titles that must be among them. */
  | { outcome: 'records'; recordsRead: number; skipped: number; titles: string[] };

export interface HostileCase {
  name: string;
  /** What the file attacks or gets wrong, for the human reading .fixtures/hostile/cases.json. */
  why: string;
  kind: TaskKind;
  fileName: string;
  bytes: Uint8Array;
  expected: Expected;
  /** The name Sift must store and show (when the uploaded one is dangerous). */
  storedName?: string;
  /** Zip bombs: run alone, with the process's peak memory measured. */
  bomb?: boolean;
}

/** Every error message must say what to do, not only what went wrong. */
export const ACTIONABLE = /\b(upload|save|export|remove|split|delete|choose)\b/i;

/** 1,024 MiB blocks unpack to this much: gigabytes from a few megabytes. */
const BOMB_BLOCKS = 3500;
const encoder = new TextEncoder();
const utf8 = (text: string) => encoder.encode(text);
const SMALL_CSV = 'id,value\n1,a\n2,b\n';
const SMALL_CSV_ROWS: Expected = { outcome: 'rows', rowCount: 2, columnCount: 2, cells: [[0, 0, '1'], [1, 1, 'b']] };

/** EndNote XML records as EndNote Desktop writes them (each value in a <style> run). */
function endnoteRecord(title: string, year: number): string {
  const styled = (text: string) => `<style face="normal" font="default" size="100%">${text}</style>`;
  return (
    `<record><ref-type name="Journal Article">17</ref-type><contributors><authors><author>${styled('Doe, J.')}</author></authors></contributors>` +
    `<titles><title>${styled(title)}</title><secondary-title>${styled('Trials')}</secondary-title></titles><dates><year>${styled(String(year))}</year></dates></record>`
  );
}
const endnoteFile = (records: string, prolog = '') => `<?xml version="1.0" encoding="UTF-8" ?>${prolog}<xml><records>${records}</records></xml>`;

/** The classic "billion laughs": ten entities, each ten of the one before, 10^9 "lol"s from 1 KB. */
const BILLION_LAUGHS_DTD =
  '<!DOCTYPE lolz [<!ENTITY lol "lol">' +
  Array.from({ length: 9 }, (_, level) => `<!ENTITY lol${level + 1} "${`&lol${level || ''};`.repeat(10)}">`).join('') +
  ']>';

/** Three columns, three data rows: what a tiny sheet must read as, whatever it claims about its size. */
const SMALL_TABLE_ROWS =
  '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>arm</t></is></c><c r="C1" t="inlineStr"><is><t>score</t></is></c></row>' +
  [1, 2, 3].map((id) => `<row r="${id + 1}"><c r="A${id + 1}"><v>${id}</v></c><c r="B${id + 1}" t="inlineStr"><is><t>arm ${id}</t></is></c><c r="C${id + 1}"><v>${id / 2}</v></c></row>`).join('');
const SMALL_TABLE: Expected = { outcome: 'rows', rowCount: 3, columnCount: 3, cells: [[0, 0, 1], [1, 1, 'arm 2'], [2, 2, 1.5]] };

function wideWorkbook(columns: number, rows: number): Uint8Array {
  const letters = Array.from({ length: columns }, (_, col) => columnLetters(col));
  const row = (r: number) =>
    `<row r="${r}">${letters.map((letter, col) => (r === 1 ? `<c r="${letter}1" t="inlineStr"><is><t>gene ${col}</t></is></c>` : `<c r="${letter}${r}"><v>${r * 100_000 + col}</v></c>`)).join('')}</row>`;
  return xlsxFromRows(Array.from({ length: rows + 1 }, (_, i) => row(i + 1)).join(''), `A1:${letters.at(-1)}${rows + 1}`);
}

export function buildHostileCorpus(): HostileCase[] {
  const cases: HostileCase[] = [];
  const add = (entry: HostileCase) => cases.push(entry);

  // ── Spreadsheets: empty, cut short, disguised ────────────────────────────────────────────
  add({ name: '0-byte file', why: 'an export that never finished', kind: 'spreadsheet', fileName: 'empty.csv', bytes: new Uint8Array(0),
    expected: { outcome: 'error', code: 'empty', message: /empty \(0 bytes\)/ } });
  add({ name: 'truncated zip', why: 'a workbook download cut in half: no central directory', kind: 'spreadsheet', fileName: 'cut-short.xlsx',
    bytes: makeCorruptXlsx(makeLargeWorkbook(300, 6)), expected: { outcome: 'error', code: 'corrupt', message: /zip archive is damaged or incomplete/ } });
  add({ name: 'password-protected workbook', why: 'an OLE/CFB container with EncryptionInfo and EncryptedPackage, as Excel saves it', kind: 'spreadsheet',
    fileName: 'locked.xlsx', bytes: encryptedWorkbook(), expected: { outcome: 'error', code: 'unsupported', message: /password-protected.*remove the password/ } });
  add({ name: '.xlsx that is really a PNG', why: 'an image renamed to .xlsx', kind: 'spreadsheet', fileName: 'results.xlsx', bytes: tinyPng(),
    expected: { outcome: 'error', code: 'corrupt', message: /named like an Excel workbook but is not one/ } });

  // ── Zip bombs: a few megabytes unpacking to gigabytes ────────────────────────────────────
  const sheetBomb = repeatedPart('xl/worksheets/sheet1.xml', { head: SHEET_HEAD, block: mebibyteOf('<row><c t="inlineStr"><is><t>boom</t></is></c></row>'), times: BOMB_BLOCKS, tail: SHEET_TAIL }, 40_000);
  add({ name: 'zip bomb: sheet XML of 3.4 GiB with honest sizes', why: 'the zip says what it unpacks to; believing the data would mean 70 million rows', kind: 'spreadsheet',
    fileName: 'bomb-honest.xlsx', bytes: zipOf(workbookParts([{ ...sheetBomb, claimedSize: undefined }])), bomb: true,
    expected: { outcome: 'error', code: 'too_large', message: /unpacks to/ } });
  add({ name: 'zip bomb: sheet XML of 3.4 GiB claiming 40 KB', why: 'the sizes in the zip lie, so only counting the inflated bytes stops it', kind: 'spreadsheet',
    fileName: 'bomb-lying.xlsx', bytes: zipOf(workbookParts([sheetBomb])), bomb: true, expected: { outcome: 'error', code: 'too_large', message: /unpacks to/ } });
  add({ name: 'zip bomb: shared strings of 3.4 GiB claiming 40 KB', why: 'the shared strings are kept in memory, so these would be', kind: 'spreadsheet',
    fileName: 'bomb-strings.xlsx', bomb: true,
    bytes: zipOf(workbookParts([repeatedPart('xl/sharedStrings.xml', { head: SST_HEAD, block: mebibyteOf('<si><t>lol</t></si>'), times: BOMB_BLOCKS, tail: '</sst>' }, 40_000)])),
    expected: { outcome: 'error', code: 'too_large', message: /unpacks to/ } });
  add({ name: 'zip bomb: NUL bytes in styles.xml, a part read whole', why: 'a small part is inflated in one call, so it needs a cap on that call', kind: 'spreadsheet',
    fileName: 'bomb-styles.xlsx', bomb: true,
    bytes: zipOf(workbookParts([repeatedPart('xl/styles.xml', { head: '', block: '\0'.repeat(1 << 20), times: BOMB_BLOCKS, tail: '' }, 2_000)])),
    expected: { outcome: 'error', code: 'too_large', message: /unpacks to/ } });

  // ── Sizes a sheet claims, and sizes it really has ────────────────────────────────────────
  add({ name: 'sheet declaring 1,000,000 x 16,384', why: '<dimension ref="A1:XFD1000000"> over a 3 x 3 table must not size anything', kind: 'spreadsheet',
    fileName: 'whole-grid.xlsx', bytes: xlsxFromRows(SMALL_TABLE_ROWS, 'A1:XFD1000000'), expected: SMALL_TABLE });
  add({ name: 'sheet declaring 1,048,575 x 16,383', why: 'just inside the grid, so it is not recognised as "everything"; still only 3 x 3 is real', kind: 'spreadsheet',
    fileName: 'almost-whole-grid.xlsx', bytes: xlsxFromRows(SMALL_TABLE_ROWS, 'A1:XFC1048575'), expected: SMALL_TABLE });
  add({ name: '5,000-column sheet', why: 'wide but real (gene panels): read completely', kind: 'spreadsheet', fileName: 'wide-5000.xlsx', bytes: wideWorkbook(5000, 3),
    expected: { outcome: 'rows', rowCount: 3, columnCount: 5000, cells: [[0, 0, 200_000], [2, 4999, 404_999]] } });
  add({ name: 'cells past column XFD', why: 'cells without references run past the last column Excel has', kind: 'spreadsheet', fileName: 'past-xfd.xlsx',
    bytes: xlsxFromRows(`<row>${Array.from({ length: 20_000 }, (_, i) => `<c t="inlineStr"><is><t>h${i}</t></is></c>`).join('')}</row><row>${Array.from({ length: 20_000 }, (_, i) => `<c><v>${i}</v></c>`).join('')}</row>`),
    expected: { outcome: 'rows', rowCount: 1, columnCount: 16_384, cells: [[0, 0, 0], [0, 16_383, 16_383]] } });
  add({ name: 'two cells at opposite corners of the grid', why: 'A1 and XFD1048576: 17 billion cells, nearly all empty', kind: 'spreadsheet', fileName: 'corners.xlsx',
    bytes: xlsxFromRows('<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="XFD1" t="inlineStr"><is><t>far</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'),
    expected: { outcome: 'error', code: 'too_large', message: /cells/ } });
  add({ name: 'CSV with 20,000 columns', why: 'wider than any spreadsheet program allows', kind: 'spreadsheet', fileName: 'too-wide.csv',
    bytes: utf8(`${Array.from({ length: 20_000 }, (_, i) => `c${i}`).join(',')}\n${'1,'.repeat(19_999)}1\n`),
    expected: { outcome: 'error', code: 'too_large', message: /16,384 columns/ } });

  // ── Entity expansion and nesting inside xlsx parts ───────────────────────────────────────
  add({ name: 'billion laughs in sharedStrings.xml', why: 'a DTD whose entities expand to 3 GB if a reader resolves them', kind: 'spreadsheet', fileName: 'laughs-strings.xlsx',
    bytes: zipOf(workbookParts([deflatedPart('xl/sharedStrings.xml', `<?xml version="1.0"?>${BILLION_LAUGHS_DTD}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>`)])),
    expected: { outcome: 'error', code: 'corrupt', message: /DOCTYPE/ } });
  add({ name: 'billion laughs in sheet XML', why: 'the same DTD in the worksheet itself', kind: 'spreadsheet', fileName: 'laughs-sheet.xlsx',
    bytes: buildXlsx({ sheets: [{ name: 'Data', xml: sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>').replace('?>', `?>${BILLION_LAUGHS_DTD}`) }] }),
    expected: { outcome: 'error', code: 'corrupt', message: /DOCTYPE/ } });
  const nested = (depth: number, text: string) => '<r>'.repeat(depth) + `<t>${text}</t>` + '</r>'.repeat(depth);
  add({ name: 'shared string nested 100,000 elements deep', why: 'a tree-building XML parser recurses once per level', kind: 'spreadsheet', fileName: 'deep-strings.xlsx',
    bytes: buildXlsx({ sheets: [{ name: 'Data', xml: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>') }], sharedStrings: `<si><t>note</t></si><si>${nested(100_000, 'deep')}</si>` }),
    expected: { outcome: 'rows', rowCount: 1, columnCount: 1, cells: [[0, 0, 'deep']] } });
  add({ name: 'NUL characters in cells', why: '&#0; and _x0000_ decode to U+0000, which PostgreSQL text cannot hold', kind: 'spreadsheet', fileName: 'nul-cells.xlsx',
    bytes: xlsxFromRows('<row r="1"><c r="A1" t="inlineStr"><is><t>note</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>a&#0;b</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>c_x0000_d</t></is></c></row>'),
    expected: { outcome: 'rows', rowCount: 2, columnCount: 1, cells: [[0, 0, 'a\uFFFDb'], [1, 0, 'c\uFFFDd']] } });

  // ── Text files: encodings, line ends, sizes ──────────────────────────────────────────────
  add({ name: 'CSV in GBK', why: 'Excel on Chinese Windows saves "CSV" in the system code page', kind: 'spreadsheet', fileName: 'patients-gbk.csv',
    bytes: gb18030('编号,姓名,诊断\r\n1,王芳,高血压\r\n2,李娜,糖尿病\r\n'),
    expected: { outcome: 'rows', rowCount: 2, columnCount: 3, cells: [[0, 1, '王芳'], [1, 2, '糖尿病']] } });
  add({ name: 'CSV in UTF-16 with BOM', why: 'Excel\'s "Unicode text" encoding', kind: 'spreadsheet', fileName: 'patients-utf16.csv',
    bytes: new Uint8Array(Buffer.from('\uFEFFid,name\r\n1,Zoë 🧪\r\n2,Ωmega\r\n', 'utf16le')),
    expected: { outcome: 'rows', rowCount: 2, columnCount: 2, cells: [[0, 1, 'Zoë 🧪'], [1, 1, 'Ωmega']] } });
  add({ name: 'CSV with mixed line endings', why: 'CRLF, LF and lone CR in one file, and a CRLF inside a quoted value', kind: 'spreadsheet', fileName: 'mixed-endings.csv',
    bytes: utf8('id,note\r\n1,a\n2,"two\r\nlines"\r3,c\r\n4,d'),
    expected: { outcome: 'rows', rowCount: 4, columnCount: 2, cells: [[1, 1, 'two\r\nlines'], [2, 1, 'c'], [3, 1, 'd']] } });
  const bigCell = 'x'.repeat(10 * 1024 * 1024 - 1) + 'y';
  add({ name: 'CSV with a 10 MB single cell', why: 'one quoted value of 10 MiB', kind: 'spreadsheet', fileName: 'big-cell.csv', bytes: utf8(`id,note\n1,"${bigCell}"\n`),
    expected: { outcome: 'rows', rowCount: 1, columnCount: 2, cells: [[0, 1, bigCell]] } });
  add({ name: 'CSV with a NUL byte after the first 4 KB', why: 'past the binary sniff, into a value PostgreSQL cannot store', kind: 'spreadsheet', fileName: 'late-nul.csv',
    bytes: utf8(`id,note\n${Array.from({ length: 400 }, (_, i) => `${i},row ${i}`).join('\n')}\n400,bad\0byte\n`),
    expected: { outcome: 'rows', rowCount: 401, columnCount: 2, cells: [[399, 1, 'row 399'], [400, 1, 'bad\uFFFDbyte']] } });

  // ── File names: stored and shown safely, never a path ────────────────────────────────────
  const named = (name: string, fileName: string, storedName: string, why: string) =>
    add({ name, why, kind: 'spreadsheet', fileName, storedName, bytes: utf8(SMALL_CSV), expected: SMALL_CSV_ROWS });
  named('file name with ../', '../../../etc/passwd.csv', 'passwd.csv', 'path traversal: only the last segment is a file name');
  named('file name with Windows path', 'C:\\Users\\ana\\..\\..\\trial.csv', 'trial.csv', 'old browsers send the whole client path');
  named('file name with NUL', 'evil\0.csv.exe.csv', 'evil.csv.exe.csv', 'NUL truncates names in C APIs and PostgreSQL refuses it');
  named('file name of 1,000 characters', `${'a'.repeat(996)}.csv`, `${'a'.repeat(251)}.csv`, 'longer than any file system allows; the extension must survive');
  named('file name with right-to-left override', 'report\u202Evsc.exe\u200F.csv', 'reportvsc.exe.csv', 'U+202E shows "report" + "exe.csv" reversed, a classic spoof');
  named('file name with a line break and quotes', 'a"b\r\nSet-Cookie: x=1.csv', 'a"b Set-Cookie: x=1.csv', 'would split the Content-Disposition header of the download');

  // ── Literature exports ───────────────────────────────────────────────────────────────────
  add({ name: '0-byte literature export', why: 'an export that never finished', kind: 'literature-import', fileName: 'empty.ris', bytes: new Uint8Array(0),
    expected: { outcome: 'error', code: 'empty', message: /empty \(0 bytes\)/ } });
  add({ name: 'RIS with no TY or ER', why: 'tagged lines but no record framing', kind: 'literature-import', fileName: 'no-frame.ris',
    bytes: utf8('AU  - Doe, J\nTI  - Early mobilisation in ICU\nPY  - 2020\n\nAU  - Roe, K\nTI  - Delirium\n'),
    expected: { outcome: 'error', code: 'no_records', message: /no records.*TY/i } });
  add({ name: 'RIS that is binary garbage', why: 'random bytes with a .ris name', kind: 'literature-import', fileName: 'garbage.ris', bytes: seededBytes(64 * 1024, 7),
    expected: { outcome: 'error', code: 'unknown_format', message: /binary data/ } });
  add({ name: 'NBIB with only continuation lines', why: 'the indented second half of a PubMed file', kind: 'literature-import', fileName: 'half.nbib',
    bytes: utf8('      continues an abstract that started in another file,\n      and goes on here\n      without any tag.\n'),
    expected: { outcome: 'error', code: 'no_records', message: /no records.*PMID/i } });
  add({ name: 'billion laughs in EndNote XML', why: 'a DTD whose entities expand to 3 GB if the XML parser resolves them', kind: 'literature-import', fileName: 'laughs.xml',
    bytes: utf8(endnoteFile(endnoteRecord('&lol9;', 2020), BILLION_LAUGHS_DTD)), expected: { outcome: 'error', code: 'unknown_format', message: /DOCTYPE/ } });
  add({ name: 'EndNote XML nested 100,000 elements deep', why: 'one record a recursive parser cannot finish; the others must still import', kind: 'literature-import', fileName: 'deep.xml',
    bytes: utf8(endnoteFile(endnoteRecord('Early mobilisation in ICU', 2019) + endnoteRecord(`${'<style>'.repeat(100_000)}deep${'</style>'.repeat(100_000)}`, 2020) + endnoteRecord('Delirium after surgery', 2021))),
    expected: { outcome: 'records', recordsRead: 2, skipped: 1, titles: ['Early mobilisation in ICU', 'Delirium after surgery'] } });
  add({ name: 'RIS with a NUL byte in a title', why: 'past the binary sniff, into text PostgreSQL cannot store', kind: 'literature-import', fileName: 'nul.ris',
    bytes: utf8(`${makeRisExport(20, 3)}\r\nTY  - JOUR\r\nTI  - Sepsis\0bundles\r\nER  - \r\n`),
    expected: { outcome: 'records', recordsRead: 21, skipped: 0, titles: ['Sepsis\uFFFDbundles'] } });
  add({ name: 'workbook export with a header row only', why: 'titled columns, no records: "ready" with nothing would leave the researcher guessing', kind: 'literature-import',
    fileName: 'header-only.xlsx', bytes: xlsxFromRows('<row r="1"><c r="A1" t="inlineStr"><is><t>Title</t></is></c><c r="B1" t="inlineStr"><is><t>Abstract</t></is></c></row>'),
    expected: { outcome: 'error', code: 'no_records', message: /no records.*row below the header/ } });
  add({ name: 'zip bomb imported as literature', why: 'the workbook path of the import shares the spreadsheet limits', kind: 'literature-import', fileName: 'bomb-refs.xlsx',
    bytes: zipOf(workbookParts([sheetBomb])), bomb: true, expected: { outcome: 'error', code: 'too_large', message: /unpacks to/ } });

  return cases;
}

/** Good work started alongside the hostile files: it must finish, complete and exact. */
export const GOOD_SHEET = { fileName: 'good-5000x12.xlsx', rows: 5000, columns: 12, bytes: () => makeLargeWorkbook(5000, 12), cell: expectedCell };
export const GOOD_EXPORT = { fileName: 'good-300.ris', records: 300, bytes: () => utf8(makeRisExport(300, 11)) };
