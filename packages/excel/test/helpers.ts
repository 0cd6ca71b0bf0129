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

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A minimal but valid .xlsx built from raw sheet XML. */
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

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
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
