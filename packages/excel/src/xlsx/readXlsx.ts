// .xlsx reading: table of contents, shared strings and date styles first, then one streamed
// pass over the chosen sheet's XML. The sheet's declared <dimension> fixes the column count
// before any row is read; when a writer left it out, or the sheet packs suspiciously well, the
// sheet is surveyed first, so no row is kept of a sheet that breaks a limit.
import { SpreadsheetError, spreadsheetErrors } from '../errors.ts';
import { MAX_COLUMNS, MAX_ROWS } from '../limits.ts';
import { TableAssembler } from '../table.ts';
import type { ReadOptions, ReadSummary, SheetListing } from '../types.ts';
import { readSharedStrings } from './sharedStrings.ts';
import { SheetScanner, type CellContext, type RowHandler } from './sheetScanner.ts';
import { readStyleFormats } from './styles.ts';
import { pickSheet, readWorkbookInfo, type SheetInfo, type WorkbookInfo } from './workbook.ts';
import { entryChunks, MAX_SHEET_PART_BYTES, openZip, packsSuspiciouslyWell, readEntryText, type ZipArchive, type ZipEntry } from './zip.ts';

/** 0-based first and last column and 1-based last row that hold data. */
interface SheetBounds {
  firstColumn: number;
  lastColumn: number;
  lastRow: number;
}

export async function readXlsx(bytes: Uint8Array, options: ReadOptions): Promise<ReadSummary> {
  const zip = openZip(bytes);
  const info = readWorkbookInfo(zip);
  let sheet: SheetInfo | undefined;
  try {
    sheet = pickSheet(info, options.sheet);
    return await readSheet(zip, info, sheet, options);
  } catch (error) {
    if (error instanceof SpreadsheetError) error.workbook ??= { sheets: listing(info), failedSheet: sheet?.name };
    throw error;
  }
}

async function readSheet(zip: ZipArchive, info: WorkbookInfo, sheet: SheetInfo, options: ReadOptions): Promise<ReadSummary> {
  const { signal } = options;
  const entry = sheet.entry as ZipEntry;
  const shared = info.sharedStrings ? await readSharedStrings(zip, info.sharedStrings, signal) : undefined;
  const context: CellContext = {
    sharedStrings: shared?.strings ?? [],
    replacedStrings: shared?.replaced ?? new Set(),
    styleFormats: info.styles ? readStyleFormats(readEntryText(zip, info.styles)) : [],
    date1904: info.date1904,
  };
  const suspect = await packsSuspiciouslyWell(zip, entry);
  const bounds = (suspect ? undefined : declaredBounds(await readPrelude(zip, entry))) ?? (await surveyBounds(zip, sheet, context, signal));

  const width = bounds ? bounds.lastColumn - bounds.firstColumn + 1 : 0;
  const assembler = new TableAssembler(options, { width, estimatedSourceRows: bounds?.lastRow ?? 0 });
  let nextRow = 1;
  const scanner = new SheetScanner(context, (rowNumber, cells, notes) => {
    if (rowNumber > nextRow) assembler.addBlankRows(rowNumber - nextRow);
    assembler.addRow(cells, notes);
    nextRow = Math.max(nextRow, rowNumber) + 1;
  });
  scanner.columnOffset = bounds?.firstColumn ?? 0;
  scanner.rowWidth = width;
  await feedSheet(zip, sheet, scanner, signal, async () => {
    if (assembler.wantsDrain) await assembler.drain();
    return true;
  });
  const table = await assembler.finish();
  if (!table) throw await emptySheetError(zip, info, sheet, options.sheet !== undefined, context, signal);
  return {
    format: 'xlsx',
    sheetName: sheet.name,
    sheets: listing(info),
    ...table,
    ignoredCells: table.ignoredCells + scanner.ignoredCells,
  };
}

function listing(info: WorkbookInfo): SheetListing[] {
  return info.sheets.map(({ name, hidden }) => ({ name, hidden }));
}

/**
 * XML past the last value that a sheet may go on for. Real sheets have some (formatting applied
 * to rows nobody filled in); 128 MB is about 500,000 rows of 12 styled empty cells, and a bomb
 * of empty rows is refused once it has unpacked that much, in about a second.
 */
export const MAX_EMPTY_RUN_BYTES = 128 * 1024 * 1024;

/**
 * Streams a sheet part through a scanner; `afterChunk` returning false stops early. Refuses a
 * sheet with more rows than Excel's grid, or that goes on too long without a value.
 */
async function feedSheet(
  zip: ZipArchive,
  sheet: SheetInfo,
  scanner: SheetScanner,
  signal: AbortSignal | undefined,
  afterChunk: () => boolean | Promise<boolean>,
): Promise<void> {
  const entry = sheet.entry as ZipEntry;
  const decoder = new TextDecoder();
  let values = scanner.values;
  let emptyRun = 0;
  for await (const chunk of entryChunks(zip, entry, MAX_SHEET_PART_BYTES)) {
    signal?.throwIfAborted();
    scanner.feed(decoder.decode(chunk, { stream: true }));
    // Checked per chunk, before the chunk's rows are handed on: none past a limit is ever kept.
    if (scanner.rowsSeen > MAX_ROWS || scanner.lastRow > MAX_ROWS) throw spreadsheetErrors.tooManyRows(entry.name);
    if (scanner.values !== values) {
      values = scanner.values;
      emptyRun = 0;
    } else if ((emptyRun += chunk.length) > MAX_EMPTY_RUN_BYTES) {
      throw spreadsheetErrors.emptyRows(sheet.name, scanner.lastValueRow, MAX_EMPTY_RUN_BYTES);
    }
    if (!(await afterChunk()) || scanner.finished) return;
  }
}

/** Excel writes <dimension> first; a sheet without <sheetData> in its first MiB is surveyed instead. */
const PRELUDE_CHARS = 1 << 20;

/** The XML before <sheetData>, where <dimension> lives; usually within the first chunk. */
async function readPrelude(zip: ZipArchive, entry: ZipEntry): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of entryChunks(zip, entry, MAX_SHEET_PART_BYTES)) {
    text += decoder.decode(chunk, { stream: true });
    const at = text.indexOf('sheetData');
    if (at >= 0) return text.slice(0, at);
    if (text.length > PRELUDE_CHARS) break;
  }
  return text;
}

/** Wider declared ranges are checked by a survey, so a false <dimension> cannot make every row thousands of cells. */
const TRUSTED_DECLARED_COLUMNS = 1024;

/**
 * Bounds from <dimension ref="B2:EU3340">, trusted as Excel and most writers keep it exact.
 * Some writers leave it out, write a lone "A1", or claim the whole grid: those get surveyed,
 * and so do ranges wider than any common table, since the width sizes every row.
 */
function declaredBounds(prelude: string): SheetBounds | undefined {
  const ref = /<(?:[\w.-]+:)?dimension\s[^>]*?ref\s*=\s*["']([A-Z]+)(\d+):([A-Z]+)(\d+)["']/i.exec(prelude);
  if (!ref) return undefined;
  const bounds = {
    firstColumn: columnNumber(ref[1] as string),
    lastColumn: columnNumber(ref[3] as string),
    lastRow: Number(ref[4]),
  };
  // Columns XFD (the last) and row 1,048,576 mean "everything", not where the data is.
  if (bounds.lastColumn >= MAX_COLUMNS - 1 || bounds.lastRow >= MAX_ROWS || bounds.lastColumn < bounds.firstColumn) return undefined;
  if (bounds.lastColumn - bounds.firstColumn >= TRUSTED_DECLARED_COLUMNS) return undefined;
  return bounds;
}

function columnNumber(letters: string): number {
  let column = 0;
  for (const letter of letters.toUpperCase()) column = column * 26 + letter.charCodeAt(0) - 64;
  return column - 1;
}

/** A full pass that only measures where the data is; undefined for a sheet without values. */
async function surveyBounds(
  zip: ZipArchive,
  sheet: SheetInfo,
  context: CellContext,
  signal: AbortSignal | undefined,
): Promise<SheetBounds | undefined> {
  let bounds: SheetBounds | undefined;
  const measure: RowHandler = (rowNumber, cells) => {
    const first = cells.findIndex((cell) => cell !== null);
    if (first < 0) return;
    const last = cells.findLastIndex((cell) => cell !== null);
    bounds = {
      firstColumn: Math.min(bounds?.firstColumn ?? first, first),
      lastColumn: Math.max(bounds?.lastColumn ?? last, last),
      lastRow: rowNumber,
    };
  };
  await feedSheet(zip, sheet, new SheetScanner(context, measure), signal, () => true);
  return bounds;
}

/** 'no_header' when another sheet has the data (the researcher can move it or pick it); 'empty' when no sheet has any. */
async function emptySheetError(
  zip: ZipArchive,
  info: WorkbookInfo,
  sheet: SheetInfo,
  chosen: boolean,
  context: CellContext,
  signal: AbortSignal | undefined,
): Promise<Error> {
  for (const other of info.sheets) {
    if (other === sheet || !other.isWorksheet || !other.entry) continue;
    let found = false;
    const scanner = new SheetScanner(context, (_, cells) => {
      found ||= cells.some((cell) => cell !== null);
    });
    await feedSheet(zip, other, scanner, signal, () => !found);
    if (found) return chosen ? spreadsheetErrors.chosenSheetEmpty(sheet.name) : spreadsheetErrors.firstSheetEmpty(sheet.name);
  }
  return spreadsheetErrors.noRows('This workbook');
}
