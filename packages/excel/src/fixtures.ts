// Deterministic test inputs shared by this package's tests, the fixtures script and
// other packages' tests (e2e, tasks): every value is a pure function of (row, col), so a
// test can assert any cell of a generated workbook without reading it back.
// Over 300 lines on purpose: one generator per fixture family, kept in one module so every
// consumer draws from the same deterministic values.
import ExcelJS from 'exceljs';
import { strToU8, Zip, ZipDeflate, zipSync } from 'fflate';
import type { CellValue } from './types.ts';

type ColumnKind = 'integer' | 'decimal' | 'text' | 'unicode' | 'date' | 'datetime' | 'boolean' | 'code' | 'sparse';

const KINDS: readonly ColumnKind[] = ['integer', 'decimal', 'text', 'unicode', 'date', 'datetime', 'boolean', 'code', 'sparse'];
const UNICODE_WORDS = ['血压 正常', '患者 😀', 'テスト検査', 'naïve café', '🩺 体温 37.5°C', 'Ünïcödé ✓'];
const DAY_MS = 86_400_000;
const EPOCH_2000 = Date.UTC(2000, 0, 1);
const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';

/** Fixed-seed integer hash of a cell position (a seeded PRNG without state). */
function cellHash(row: number, col: number): number {
  let h = Math.imul(row + 0x9e3779b9, 0x85ebca6b) ^ Math.imul(col + 0x7f4a7c15, 0xc2b2ae35) ^ 0x5eed;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

function columnKind(col: number): ColumnKind | 'id' {
  return col === 0 ? 'id' : (KINDS[(col - 1) % KINDS.length] as ColumnKind);
}

/** Header of column `col` (0-based) in the mixed workbook. */
export function mixedColumnName(col: number): string {
  const kind = columnKind(col);
  return kind === 'id' ? 'ID' : `${kind} ${col}`;
}

function dateMs(row: number, col: number): number {
  const h = cellHash(row, col);
  const day = EPOCH_2000 + (h % 9000) * DAY_MS;
  // Never midnight, so the reader must keep the time part.
  return columnKind(col) === 'datetime' ? day + (1 + (h % 86_399)) * 1000 : day;
}

/**
 * The value the reader must return for data row `row`, column `col` (both 0-based) of
 * `makeMixedWorkbook`: numbers, text (leading zeros kept), booleans, null blanks, and
 * dates as ISO strings.
 */
export function expectedCell(row: number, col: number): CellValue {
  const h = cellHash(row, col);
  switch (columnKind(col)) {
    case 'id': return row + 1;
    case 'integer': return h % 100_000;
    case 'decimal': return (h % 1_000_000) / 100;
    case 'text': return `Patient ${row}-${col}`;
    case 'unicode': return `${UNICODE_WORDS[h % UNICODE_WORDS.length]} ${row}`;
    case 'date': return new Date(dateMs(row, col)).toISOString().slice(0, 10);
    case 'datetime': return new Date(dateMs(row, col)).toISOString().slice(0, 19);
    case 'boolean': return h % 2 === 0;
    case 'code': return String(h % 1000).padStart(3, '0');
    case 'sparse': return h % 3 === 0 ? null : h % 50;
  }
}

/** The value written to the workbook for a cell (dates as Date objects, ExcelJS stores them as serials). */
function writtenCell(row: number, col: number): ExcelJS.CellValue {
  const kind = columnKind(col);
  return kind === 'date' || kind === 'datetime' ? new Date(dateMs(row, col)) : expectedCell(row, col);
}

/** An .xlsx workbook with a header row and `rows` x `cols` mixed-type data cells (shared strings, as Excel writes). */
export async function makeMixedWorkbook(rows: number, cols: number): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = workbook.modified = new Date(Date.UTC(2024, 0, 1));
  const sheet = workbook.addWorksheet('Patients');
  workbook.addWorksheet('Notes').addRow(['This sheet is not read']);
  sheet.addRow(Array.from({ length: cols }, (_, col) => mixedColumnName(col)));
  const datetimeStyle = { numFmt: DATETIME_FORMAT };
  for (let row = 0; row < rows; row++) {
    const added = sheet.addRow(Array.from({ length: cols }, (_, col) => writtenCell(row, col)));
    for (let col = 0; col < cols; col++) {
      if (columnKind(col) === 'datetime') added.getCell(col + 1).style = datetimeStyle;
    }
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
/** Days from Excel's 1900 epoch (as Excel counts, leap-year bug included) to 1970-01-01. */
const SERIAL_1970 = 25_569;
const ROWS_PER_CHUNK = 2000;

/**
 * The same cells as `makeMixedWorkbook`, but written as sheet XML by hand and streamed through
 * fflate's deflate (ExcelJS takes minutes above ~100k rows). Shaped as Excel writes: a
 * <dimension>, r attributes, shared strings, dates as serials with date styles. Memory is the
 * output plus the shared strings, so a 50 MB workbook can be made in a test process.
 */
export function makeLargeWorkbook(rows: number, cols: number, options: { level?: 0 | 1 | 6 } = {}): Uint8Array {
  const output: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    output.push(chunk);
  });
  const add = (name: string, parts: Iterable<string>) => {
    const file = new ZipDeflate(name, { level: options.level ?? 6 });
    zip.add(file);
    for (const part of parts) file.push(strToU8(part));
    file.push(new Uint8Array(0), true);
  };
  const strings = new Map<string, number>();
  const letters = Array.from({ length: cols }, (_, col) => columnLetters(col));
  // Part types as Excel writes them: readers such as SheetJS find the sheets through these.
  const part = (name: string, type: string) => `<Override PartName="/xl/${name}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.${type}+xml"/>`;
  add('[Content_Types].xml', [
    `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `${part('workbook.xml', 'sheet.main')}${part('worksheets/sheet1.xml', 'worksheet')}${part('sharedStrings.xml', 'sharedStrings')}${part('styles.xml', 'styles')}</Types>`,
  ]);
  add('_rels/.rels', [`<?xml version="1.0"?><Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`]);
  add('xl/workbook.xml', [`<?xml version="1.0"?><workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="Patients" sheetId="1" r:id="rId1"/></sheets></workbook>`]);
  add('xl/_rels/workbook.xml.rels', [
    `<?xml version="1.0"?><Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
  ]);
  // Style 1 is Excel's built-in short date (14), style 2 its date-and-time (22).
  add('xl/styles.xml', [`<?xml version="1.0"?><styleSheet xmlns="${MAIN_NS}"><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="22"/></cellXfs></styleSheet>`]);
  add('xl/worksheets/sheet1.xml', largeSheetXml(rows, cols, letters, strings));
  add('xl/sharedStrings.xml', sharedStringsXml(strings));
  zip.end();
  const bytes = new Uint8Array(output.reduce((total, chunk) => total + chunk.length, 0));
  let at = 0;
  for (const chunk of output) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

function* largeSheetXml(rows: number, cols: number, letters: string[], strings: Map<string, number>): Generator<string> {
  const shared = (text: string) => {
    let index = strings.get(text);
    if (index === undefined) strings.set(text, (index = strings.size));
    return index;
  };
  const header = letters.map((letter, col) => `<c r="${letter}1" t="s"><v>${shared(mixedColumnName(col))}</v></c>`).join('');
  yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${MAIN_NS}"><dimension ref="A1:${letters.at(-1)}${rows + 1}"/><sheetData><row r="1">${header}</row>`;
  let chunk = '';
  for (let row = 0; row < rows; row++) {
    const r = row + 2;
    chunk += `<row r="${r}">`;
    for (let col = 0; col < cols; col++) {
      const value = expectedCell(row, col);
      if (value === null) continue;
      const ref = `${letters[col]}${r}`;
      const kind = columnKind(col);
      if (kind === 'date' || kind === 'datetime') {
        chunk += `<c r="${ref}" s="${kind === 'date' ? 1 : 2}"><v>${dateMs(row, col) / DAY_MS + SERIAL_1970}</v></c>`;
      } else if (typeof value === 'string') chunk += `<c r="${ref}" t="s"><v>${shared(value)}</v></c>`;
      else if (typeof value === 'boolean') chunk += `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
      else chunk += `<c r="${ref}"><v>${value}</v></c>`;
    }
    chunk += '</row>';
    if (row % ROWS_PER_CHUNK === ROWS_PER_CHUNK - 1) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}</sheetData></worksheet>`;
}

function* sharedStringsXml(strings: Map<string, number>): Generator<string> {
  yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="${MAIN_NS}" count="${strings.size}" uniqueCount="${strings.size}">`;
  let chunk = '';
  for (const text of strings.keys()) {
    chunk += `<si><t>${text.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</t></si>`;
    if (chunk.length > 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}</sst>`;
}

/** "A", "B", … "XFD": the letters of a 0-based column. */
export function columnLetters(col: number): string {
  let letters = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export interface SheetPart {
  name: string;
  xml: string;
  state?: 'hidden' | 'veryHidden';
  /** A chart sheet: a tab without cells. */
  chart?: boolean;
}

export interface WorkbookParts {
  sheets: SheetPart[];
  sharedStrings?: string[] | string;
  /** <cellXfs> number format ids, by style index; custom codes by id. */
  numFmtIds?: number[];
  customFormats?: Record<number, string>;
  date1904?: boolean;
  /** 0 stores the parts uncompressed, so byte-level damage reaches the XML scanner itself. */
  level?: 0;
}

/** A minimal but valid .xlsx built from raw sheet XML, for XML that ExcelJS cannot write (inline strings, prefixes, phonetic runs, odd dimensions). */
export function buildXlsx(parts: WorkbookParts): Uint8Array {
  const sheetList = parts.sheets
    .map((sheet, i) => `<sheet name="${sheet.name}" sheetId="${i + 1}"${sheet.state ? ` state="${sheet.state}"` : ''} r:id="rId${i + 1}"/>`)
    .join('');
  const rels = parts.sheets
    .map((sheet, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/${sheet.chart ? 'chartsheet' : 'worksheet'}" Target="worksheets/sheet${i + 1}.xml"/>`)
    .join('');
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    '_rels/.rels': strToU8(
      `<?xml version="1.0"?><Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0"?><workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${parts.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets>${sheetList}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0"?><Relationships xmlns="${PKG_REL_NS}">${rels}<Relationship Id="rIdS" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rIdT" Type="${REL_NS}/styles" Target="/xl/styles.xml"/></Relationships>`,
    ),
    'xl/styles.xml': strToU8(stylesXml(parts)),
  };
  parts.sheets.forEach((sheet, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheet.xml);
  });
  const strings = parts.sharedStrings ?? [];
  const items = typeof strings === 'string' ? strings : strings.map((text) => `<si><t xml:space="preserve">${text}</t></si>`).join('');
  files['xl/sharedStrings.xml'] = strToU8(`<?xml version="1.0"?><sst xmlns="${MAIN_NS}">${items}</sst>`);
  return zipSync(files, { level: parts.level ?? 6 });
}

function stylesXml(parts: WorkbookParts): string {
  const custom = Object.entries(parts.customFormats ?? {})
    .map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${code}"/>`)
    .join('');
  const xfs = (parts.numFmtIds ?? [0]).map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"/>`).join('');
  return `<?xml version="1.0"?><styleSheet xmlns="${MAIN_NS}"><numFmts>${custom}</numFmts><cellXfs count="${parts.numFmtIds?.length ?? 1}">${xfs}</cellXfs></styleSheet>`;
}

/** Worksheet XML around the given <row> elements. */
export function sheetXml(rows: string, dimension?: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${dimension ? `<dimension ref="${dimension}"/>` : ''}<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData>${rows}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
}

/** A one-sheet workbook from raw rows. */
export function xlsxFromRows(rows: string, dimension?: string, extra: Omit<WorkbookParts, 'sheets'> = {}): Uint8Array {
  return buildXlsx({ sheets: [{ name: 'Data', xml: sheetXml(rows, dimension) }], ...extra });
}

let gbTable: Map<string, number[]> | undefined;

/**
 * Text encoded as GB18030, as Excel on Chinese Windows saves "CSV": ASCII as is, the
 * characters of GBK as the byte pairs Node's own decoder maps to them (so the table is
 * derived, not typed in), and characters beyond the BMP (emoji) as four-byte sequences.
 */
export function gb18030(text: string): Uint8Array {
  if (!gbTable) {
    gbTable = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const char = decoder.decode(new Uint8Array([lead, trail]));
        if (char.length === 1 && char !== '\uFFFD' && !gbTable.has(char)) gbTable.set(char, [lead, trail]);
      }
    }
  }
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (code < 0x80) bytes.push(code);
    else if (code >= 0x10000) {
      const index = code - 0x10000;
      bytes.push(0x90 + Math.floor(index / 12600), 0x30 + Math.floor((index % 12600) / 1260), 0x81 + Math.floor((index % 1260) / 10), 0x30 + (index % 10));
    } else {
      const pair = gbTable.get(char);
      if (!pair) throw new Error(`no GBK bytes for ${char}`);
      bytes.push(...pair);
    }
  }
  return new Uint8Array(bytes);
}

/** A truncated copy of a workbook: the zip's central directory is missing. */
export function makeCorruptXlsx(workbook: Uint8Array): Uint8Array {
  return workbook.slice(0, Math.floor(workbook.length / 2));
}

export function makeEmptyCsv(): Uint8Array {
  return new Uint8Array(0);
}

/** Header and rows of `makeSampleCsv`, as the reader must return them. */
export const SAMPLE_CSV_COLUMNS = ['id', 'name', 'note', 'code'];
export const SAMPLE_CSV_ROWS: CellValue[][] = [
  ['1', 'Ana', 'said "hello", then left', '007'],
  ['2', '王芳', 'line one\nline two', null],
  ['3', 'Zoë 🧪', null, '010'],
];

/** A small UTF-8 CSV with quoting, an embedded newline, Unicode and an empty cell. */
export function makeSampleCsv(): Uint8Array {
  const quote = (value: CellValue) => {
    const text = value === null ? '' : String(value);
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [SAMPLE_CSV_COLUMNS, ...SAMPLE_CSV_ROWS].map((row) => row.map(quote).join(','));
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}
