// Test helpers: read a file into memory through the public API, and hand-build .xlsx zips
// for XML that ExcelJS cannot write (inline strings, prefixes, phonetic runs, odd dimensions).
import { strToU8, zipSync } from 'fflate';
import { readSpreadsheet, type CellValue, type ReadOptions, type ReadProgress, type ReadSummary } from '../src/index.ts';

export interface ReadResult {
  summary: ReadSummary;
  columns: string[];
  rows: CellValue[][];
  progress: ReadProgress[];
}

export async function readAll(bytes: Uint8Array, fileName: string, options: Partial<ReadOptions> = {}): Promise<ReadResult> {
  let columns: string[] = [];
  const rows: CellValue[][] = [];
  const progress: ReadProgress[] = [];
  const summary = await readSpreadsheet(bytes, {
    fileName,
    onColumns: (names) => {
      columns = names;
    },
    onRows: (batch, firstIndex) => {
      if (firstIndex !== rows.length) throw new Error(`batch starts at ${firstIndex}, expected ${rows.length}`);
      rows.push(...batch);
    },
    onProgress: (update) => progress.push(update),
    ...options,
  });
  return { summary, columns, rows, progress };
}

export interface SheetPart {
  name: string;
  xml: string;
  state?: 'hidden';
}

export interface WorkbookParts {
  sheets: SheetPart[];
  sharedStrings?: string[] | string;
  /** <cellXfs> number format ids, by style index; custom codes by id. */
  numFmtIds?: number[];
  customFormats?: Record<number, string>;
  date1904?: boolean;
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A minimal but valid .xlsx built from raw sheet XML. */
export function buildXlsx(parts: WorkbookParts): Uint8Array {
  const sheetList = parts.sheets
    .map((sheet, i) => `<sheet name="${sheet.name}" sheetId="${i + 1}"${sheet.state ? ` state="${sheet.state}"` : ''} r:id="rId${i + 1}"/>`)
    .join('');
  const rels = parts.sheets
    .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
    .join('');
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    '_rels/.rels': strToU8(
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0"?><workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${parts.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets>${sheetList}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}<Relationship Id="rIdS" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rIdT" Type="${REL_NS}/styles" Target="/xl/styles.xml"/></Relationships>`,
    ),
    'xl/styles.xml': strToU8(stylesXml(parts)),
  };
  parts.sheets.forEach((sheet, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheet.xml);
  });
  const strings = parts.sharedStrings ?? [];
  const items = typeof strings === 'string' ? strings : strings.map((text) => `<si><t xml:space="preserve">${text}</t></si>`).join('');
  files['xl/sharedStrings.xml'] = strToU8(`<?xml version="1.0"?><sst xmlns="${MAIN_NS}">${items}</sst>`);
  return zipSync(files);
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

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
