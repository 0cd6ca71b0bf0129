// The workbook's table of contents: which sheets exist in which order, where each part
// lives inside the zip (resolved through the relationship files, as Excel does), and the
// workbook-wide date system.
import { spreadsheetErrors } from '../errors.ts';
import { elementAttributes } from './xml.ts';
import { findEntry, readEntryText, type ZipArchive, type ZipEntry } from './zip.ts';

export interface SheetInfo {
  name: string;
  entry: ZipEntry | undefined;
  hidden: boolean;
  /** False for chart, dialog and macro sheets, which hold no table. */
  isWorksheet: boolean;
}

export interface WorkbookInfo {
  sheets: SheetInfo[];
  date1904: boolean;
  sharedStrings: ZipEntry | undefined;
  styles: ZipEntry | undefined;
}

interface Relationship {
  type: string;
  path: string;
}

export function readWorkbookInfo(zip: ZipArchive): WorkbookInfo {
  const workbookPath = officeDocumentPath(zip);
  // An .xlsb's workbook part is binary (xl/workbook.bin), not XML: name the format, not damage.
  if (/\.bin$/i.test(workbookPath)) throw spreadsheetErrors.otherZipFormat('an Excel binary workbook (.xlsb)');
  const workbookEntry = findEntry(zip, workbookPath);
  if (!workbookEntry) throw notAWorkbookError(zip);
  const xml = readEntryText(zip, workbookEntry);
  const relationships = readRelationships(zip, workbookPath);
  const partOfType = (suffix: string) => {
    const found = [...relationships.values()].find((relationship) => relationship.type.endsWith(suffix));
    return found ? findEntry(zip, found.path) : undefined;
  };
  const date1904Flag = elementAttributes(xml, 'workbookPr')[0]?.['date1904'];
  const sheets = elementAttributes(xml, 'sheet').map((sheet): SheetInfo => {
    const relationship = relationships.get(sheet['id'] ?? '');
    return {
      name: sheet['name'] ?? '',
      entry: relationship ? findEntry(zip, relationship.path) : undefined,
      hidden: sheet['state'] === 'hidden' || sheet['state'] === 'veryHidden',
      isWorksheet: relationship?.type.endsWith('/worksheet') ?? false,
    };
  });
  return {
    sheets,
    date1904: date1904Flag === '1' || date1904Flag === 'true',
    sharedStrings: partOfType('/sharedStrings') ?? findEntry(zip, 'xl/sharedStrings.xml'),
    styles: partOfType('/styles') ?? findEntry(zip, 'xl/styles.xml'),
  };
}

/**
 * The sheet Sift reads: the one named (ignoring case, as Excel does), or else the first
 * worksheet in workbook order, skipping hidden sheets and chart sheets because the researcher
 * does not see those as "the first sheet" in Excel. A workbook whose worksheets are all hidden
 * falls back to its first worksheet.
 */
export function pickSheet(info: WorkbookInfo, name: string | undefined): SheetInfo {
  const worksheets = info.sheets.filter((sheet) => sheet.isWorksheet && sheet.entry);
  if (worksheets.length === 0) throw spreadsheetErrors.damagedZip('it contains no worksheet');
  if (name !== undefined) {
    const wanted = name.toLowerCase();
    const named = info.sheets.find((sheet) => sheet.name === name) ?? info.sheets.find((sheet) => sheet.name.toLowerCase() === wanted);
    if (!named) throw spreadsheetErrors.noSuchSheet(name, info.sheets);
    if (!named.isWorksheet) throw spreadsheetErrors.notATableSheet(named.name, worksheets);
    if (!named.entry) throw spreadsheetErrors.damagedZip(`the sheet "${named.name}" is missing from it`);
    return named;
  }
  return worksheets.find((candidate) => !candidate.hidden) ?? (worksheets[0] as SheetInfo);
}

function officeDocumentPath(zip: ZipArchive): string {
  for (const relationship of readRelationships(zip, '').values()) {
    if (relationship.type.endsWith('/officeDocument')) return relationship.path;
  }
  return 'xl/workbook.xml';
}

/** Relationships of a part ('' = the package root), by id, with targets resolved to zip paths. */
function readRelationships(zip: ZipArchive, partPath: string): Map<string, Relationship> {
  const slash = partPath.lastIndexOf('/');
  const folder = partPath.slice(0, slash + 1);
  const entry = findEntry(zip, `${folder}_rels/${partPath.slice(slash + 1)}.rels`);
  const relationships = new Map<string, Relationship>();
  if (!entry) return relationships;
  for (const relationship of elementAttributes(readEntryText(zip, entry), 'Relationship')) {
    if (relationship['TargetMode'] === 'External') continue;
    relationships.set(relationship['Id'] ?? '', {
      type: relationship['Type'] ?? '',
      path: resolvePath(folder, relationship['Target'] ?? ''),
    });
  }
  return relationships;
}

function resolvePath(folder: string, target: string): string {
  const parts = target.startsWith('/') ? [] : folder.split('/').filter(Boolean);
  for (const part of target.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/** A zip without a workbook part: name the format if we recognise it, so the advice fits. */
function notAWorkbookError(zip: ZipArchive): Error {
  const mimetype = findEntry(zip, 'mimetype');
  const mime = mimetype ? readEntryText(zip, mimetype) : '';
  if (mime.includes('opendocument.spreadsheet')) return spreadsheetErrors.otherZipFormat('an OpenDocument spreadsheet (.ods)');
  if (findEntry(zip, 'xl/workbook.bin')) return spreadsheetErrors.otherZipFormat('an Excel binary workbook (.xlsb)');
  if (findEntry(zip, 'word/document.xml')) return spreadsheetErrors.otherZipFormat('a Word document');
  if (findEntry(zip, 'ppt/presentation.xml')) return spreadsheetErrors.otherZipFormat('a PowerPoint presentation');
  return spreadsheetErrors.damagedZip('the zip archive holds no workbook');
}
