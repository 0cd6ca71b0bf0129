// The hot loop: turns worksheet XML, fed in arbitrary text chunks, into rows of clean cell
// values. It is a purpose-built scanner (indexOf over the text) rather than a general XML
// parser because SpreadsheetML rows are flat and regular; time grows with the cells present.
import type { CellValue } from '../types.ts';
import { normaliseIsoDate, serialToIso } from './dates.ts';
import { decodeXmlText, stringItemText } from './xml.ts';

export interface CellContext {
  sharedStrings: string[];
  dateStyles: boolean[];
  date1904: boolean;
}

/** Receives each <row> in document order; rowNumber is 1-based, cells[0] is the first column read. */
export type RowHandler = (rowNumber: number, cells: CellValue[]) => void;

const SLASH = 47;
const GT = 62;

export class SheetScanner {
  /** Cells left of this 0-based column are not part of the table; non-empty ones are counted in ignoredCells. */
  columnOffset = 0;
  ignoredCells = 0;
  readonly #context: CellContext;
  readonly #onRow: RowHandler;
  #carry = '';
  #state: 'prelude' | 'rows' | 'done' = 'prelude';
  #prefix = '';
  #lastRow = 0;

  constructor(context: CellContext, onRow: RowHandler) {
    this.#context = context;
    this.#onRow = onRow;
  }

  /** The XML before <sheetData>, once it has been seen (for the <dimension> element). */
  prelude: string | undefined;

  get finished(): boolean {
    return this.#state === 'done';
  }

  feed(chunk: string): void {
    let text = this.#carry + chunk;
    this.#carry = '';
    if (this.#state === 'prelude') {
      const start = this.#findSheetData(text);
      if (start < 0) {
        this.#carry = text;
        return;
      }
      text = text.slice(start);
    }
    if (this.#state === 'rows') this.#carry = text.slice(this.#scanRows(text));
  }

  /** Returns where rows begin in `text`, or -1 if <sheetData> has not fully arrived yet. */
  #findSheetData(text: string): number {
    const at = text.indexOf('sheetData');
    const tagEnd = at < 0 ? -1 : text.indexOf('>', at);
    if (tagEnd < 0) return -1;
    const tagStart = text.lastIndexOf('<', at);
    this.prelude = text.slice(0, tagStart);
    this.#prefix = text.slice(tagStart + 1, at);
    this.#state = text.charCodeAt(tagEnd - 1) === SLASH ? 'done' : 'rows';
    return tagEnd + 1;
  }

  /** Emits every complete row in `text`; returns where the unconsumed rest begins. */
  #scanRows(text: string): number {
    const rowOpen = `<${this.#prefix}row`;
    const rowClose = `</${this.#prefix}row>`;
    let at = 0;
    for (;;) {
      const start = text.indexOf(rowOpen, at);
      if (start < 0 || !isNameEnd(text.charCodeAt(start + rowOpen.length))) {
        if (text.includes(`</${this.#prefix}sheetData>`, at)) this.#state = 'done';
        return this.#state === 'done' ? text.length : at;
      }
      const tagEnd = text.indexOf('>', start);
      if (tagEnd < 0) return start;
      const empty = text.charCodeAt(tagEnd - 1) === SLASH;
      const end = empty ? tagEnd : text.indexOf(rowClose, tagEnd);
      if (end < 0) return start;
      scanAttributes(text, start + rowOpen.length, tagEnd);
      const number = found.r >= 0 ? parseInt(text.slice(found.r, found.rEnd), 10) || 0 : 0;
      this.#lastRow = number > 0 ? number : this.#lastRow + 1;
      this.#onRow(this.#lastRow, empty ? [] : this.#scanCells(text, tagEnd + 1, end));
      at = empty ? tagEnd + 1 : end + rowClose.length;
    }
  }

  #scanCells(text: string, from: number, to: number): CellValue[] {
    const prefix = this.#prefix;
    const cellOpen = `<${prefix}c`;
    const cellClose = `</${prefix}c>`;
    const valueOpen = `<${prefix}v`;
    const valueClose = `</${prefix}v>`;
    const cells: CellValue[] = [];
    let column = -1;
    let at = from;
    for (;;) {
      const start = text.indexOf(cellOpen, at);
      if (start < 0 || start >= to) return cells;
      const tagEnd = text.indexOf('>', start);
      at = tagEnd + 1;
      if (!isNameEnd(text.charCodeAt(start + cellOpen.length))) continue;

      scanAttributes(text, start + cellOpen.length, tagEnd);
      const reference = found.r >= 0 ? columnIndex(text, found.r, found.rEnd) : -1;
      const type = found.t >= 0 ? text.slice(found.t, found.tEnd) : 'n';
      const style = found.s >= 0 ? parseInt(text.slice(found.s, found.sEnd), 10) : 0;
      column = reference >= 0 ? reference : column + 1;
      if (text.charCodeAt(tagEnd - 1) === SLASH) continue;

      const end = text.indexOf(cellClose, tagEnd);
      if (end < 0 || end > to) return cells;
      at = end + cellClose.length;
      let value: CellValue = null;
      if (type === 'inlineStr') {
        value = stringItemText(text.slice(tagEnd + 1, end), prefix) || null;
      } else {
        const valueTag = text.indexOf(valueOpen, tagEnd);
        if (valueTag < 0 || valueTag > end) continue;
        const valueTagEnd = text.indexOf('>', valueTag);
        if (text.charCodeAt(valueTagEnd - 1) === SLASH) continue;
        const raw = text.slice(valueTagEnd + 1, text.indexOf(valueClose, valueTagEnd));
        value = this.#cellValue(raw, type, style);
      }
      if (value === null) continue;
      const index = column - this.columnOffset;
      if (index < 0) {
        this.ignoredCells++;
        continue;
      }
      while (cells.length < index) cells.push(null);
      if (index < cells.length) cells[index] = value;
      else cells.push(value);
    }
  }

  #cellValue(raw: string, type: string, style: number): CellValue {
    if (raw.length === 0) return null;
    switch (type) {
      case 's':
        return this.#context.sharedStrings[+raw] || null;
      case 'str':
        return decodeXmlText(raw) || null;
      case 'b':
        return raw === '1' || raw === 'true';
      case 'd':
        return normaliseIsoDate(raw);
      case 'e':
        return null;
      default: {
        const number = +raw;
        if (Number.isNaN(number)) return null;
        if (this.#context.dateStyles[style]) return serialToIso(number, this.#context.date1904) ?? number;
        return number;
      }
    }
  }
}

/** True if the character after a tag name ends the name (so "<row" does not match "<rowBreaks"). */
function isNameEnd(code: number): boolean {
  return code <= 32 || code === GT || code === SLASH;
}

/** Value positions of the one-letter attributes r, t and s of the last tag scanned (-1 when absent). */
const found = { r: -1, rEnd: -1, t: -1, tEnd: -1, s: -1, sEnd: -1 };

function scanAttributes(text: string, from: number, to: number): void {
  found.r = found.t = found.s = -1;
  for (let at = from; at < to; ) {
    const eq = text.indexOf('=', at);
    if (eq < 0 || eq > to) return;
    let quote = eq + 1;
    while (text.charCodeAt(quote) <= 32) quote++;
    const start = quote + 1;
    const end = text.indexOf(text.charAt(quote), start);
    if (end < 0) return;
    let name = eq - 1;
    while (text.charCodeAt(name) <= 32) name--;
    if (text.charCodeAt(name - 1) <= 32) {
      const letter = text.charCodeAt(name);
      if (letter === 114) {
        found.r = start;
        found.rEnd = end;
      } else if (letter === 116) {
        found.t = start;
        found.tEnd = end;
      } else if (letter === 115) {
        found.s = start;
        found.sEnd = end;
      }
    }
    at = end + 1;
  }
}

/** "AB12" => 27 (0-based column of a cell reference). */
function columnIndex(text: string, from: number, to: number): number {
  let column = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code < 65 || code > 90) break;
    column = column * 26 + code - 64;
  }
  return column - 1;
}
