// How stored text is written into downloaded files so that it reads back as stored and never
// runs: the CSV formula guard, XLSX cell text that stays valid XML, and sheet names Excel
// accepts. Pure functions; downloads.ts applies them to every cell of every export.
import { storableText, type CellValue } from '@sift/excel';

/**
 * A spreadsheet runs a cell as a formula when it starts with = + - @ (Excel and LibreOffice
 * also take the full-width ＝＋－＠ of East Asian input methods), and several strip leading
 * spaces, tabs and line breaks first. A tab or CR at the start is guarded too (OWASP).
 */
const FORMULA_START = /^(?:\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|[\t\r])/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * A text cell that a spreadsheet could run as a formula is prefixed with ' so Excel, LibreOffice
 * and Sheets show it as text (CSV injection). Plain numbers such as "-5" cannot be formulas and
 * are left as they are. A formula after a line break inside a cell is no threat once the cell
 * is quoted: it stays inside the cell, which does not start with it.
 */
export function neutraliseFormula(value: CellValue): CellValue {
  return typeof value === 'string' && FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** A CSV cell's text: booleans as Excel writes them, text made storable (UTF-8 cannot carry a lone surrogate) and guarded. */
export function csvCell(value: CellValue): CellValue {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return typeof value === 'string' ? neutraliseFormula(storableText(value)) : value;
}

// XML 1.0 cannot hold C0 controls other than tab and line breaks, nor U+FFFE/U+FFFF; and an XML
// reader turns CR into LF. OOXML carries them as _xHHHH_ (ECMA-376 Part 1, 22.9.2.19), as Excel
// writes them, so such a cell comes back as stored; a literal "_x0041_" is kept by escaping its
// underscore (_x005F_).
// eslint-disable-next-line no-control-regex
const XLSX_ESCAPED = /[\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F\uFFFE\uFFFF]|_(?=x[0-9a-fA-F]{4}_)/g;
const hex4 = (char: string) => `_x${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;

/** A cell value for the XLSX writer: text with the characters XML cannot carry escaped the OOXML way. */
export function xlsxCell(value: CellValue): CellValue {
  return typeof value === 'string' ? storableText(value).replace(XLSX_ESCAPED, hex4) : value;
}

// eslint-disable-next-line no-control-regex
const SHEET_NAME_FORBIDDEN = /[*?:/\\[\]\u0000-\u001F\uFFFE\uFFFF]/g;
const MAX_SHEET_NAME = 31;

/**
 * A name Excel accepts for a sheet: none of * ? : / \ [ ] or characters XML cannot carry, not
 * starting or ending with ', 31 characters at most (never cutting a character in two), not
 * empty and not "History", which Excel reserves.
 */
export function xlsxSheetName(name: string): string {
  const cleaned = storableText(name).replace(SHEET_NAME_FORBIDDEN, '_').replace(/^'+|'+$/g, '').trim();
  let cut = '';
  for (const char of cleaned) {
    if (cut.length + char.length > MAX_SHEET_NAME) break;
    cut += char;
  }
  if (cut === '') return 'Data';
  return cut.toLowerCase() === 'history' ? 'History data' : cut;
}
