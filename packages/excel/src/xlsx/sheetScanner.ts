// The hot loop: turns worksheet XML, fed in arbitrary text chunks, into rows of clean cell
// values. It is a purpose-built scanner (indexOf and character loops over the text) rather
// than a general XML parser because SpreadsheetML rows are flat and regular: no tree, no
// per-element objects, and time grows with the cells present. Over 300 lines on purpose: one
// scanner loop and its cell decoding read together, as splitting the hot loop costs calls.
import type { RawNote } from '../notes.ts';
import type { CellNoteKind, CellValue } from '../types.ts';
import { normaliseIsoDate, serialToDuration, serialToIso, type FormatKind } from './dates.ts';
import { MAX_COLUMNS, MAX_ROWS } from '../limits.ts';
import { ChunkCarry } from './chunkCarry.ts';
import { columnIndex, isNameEnd, LT, parseDigits, parseNumber, scanTag, SLASH, tagAttributes } from './textScan.ts';
import { decodeXmlText, stringItemReader } from './xml.ts';

export interface CellContext {
  sharedStrings: string[];
  /** Shared strings in which a character that cannot be stored became U+FFFD. */
  replacedStrings: ReadonlySet<number>;
  /** How each cell style (s="N") shows numbers. */
  styleFormats: FormatKind[];
  date1904: boolean;
}

/**
 * Receives each <row> in document order; rowNumber is 1-based, cells[0] is the first column read.
 * `notes` (rare: errors, formulas without a value, long numbers kept as text) is undefined when there are none.
 */
export type RowHandler = (rowNumber: number, cells: CellValue[], notes: RawNote[] | undefined) => void;

// Cell types (the t attribute), as small integers for a cheap switch.
const NUMBER = 0;
const SHARED_STRING = 1;
const FORMULA_STRING = 2;
const BOOLEAN = 3;
const ERROR = 4;
const ISO_DATE = 5;
const INLINE_STRING = 6;
/** Text kept from a chunk with no tag of interest: enough for a tag cut off at its end. */
const TAIL_CHARS = 256;

export class SheetScanner {
  /** Cells left of this 0-based column are not part of the table; non-empty ones are counted in ignoredCells. */
  columnOffset = 0;
  /** Expected row width: rows start out this long (filled with null) instead of growing cell by cell. */
  rowWidth = 0;
  ignoredCells = 0;
  /** Rows met so far, counted apart from their numbers: a row number can repeat or be left out. */
  rowsSeen = 0;
  /** Non-empty cells met so far, ignored ones too, and the number of the last row holding one. */
  values = 0;
  lastValueRow = 0;
  readonly #context: CellContext;
  readonly #onRow: RowHandler;
  /** Text not yet scanned: a cut-off tag, or a row that did not end in the text fed so far. */
  readonly #carry = new ChunkCarry();
  #searched = 0;
  /** What the unfinished row left by #scanRows awaits: the '>' of its start tag, or its end tag ('' when none). */
  #awaiting = '';
  #state: 'prelude' | 'rows' | 'done' = 'prelude';
  #lastRow = 0;
  #tags = tagsFor('');
  #readStringItem = stringItemReader('');
  /** Table position of the cell being read, and the notes of the row being read. */
  #index = 0;
  #rowNotes: RawNote[] | undefined;
  readonly #replacements = { count: 0 };
  /**
   * Where the next <v, <is and <f start in the text being scanned (Infinity: nowhere), each
   * searched again only once the scan has passed it, so finding empty rows stays linear.
   */
  readonly #marks = [-1, -1, -1];

  constructor(context: CellContext, onRow: RowHandler) {
    this.#context = context;
    this.#onRow = onRow;
  }

  /**
   * Characters handed to a search pass; each pass looks at a character a bounded number of
   * times, so this measures the scanner's work (tests check that it grows linearly).
   */
  get scannedChars(): number {
    return this.#searched + this.#carry.scannedChars;
  }

  get finished(): boolean {
    return this.#state === 'done';
  }

  /** The number of the last row met (a row without a number follows the one before it). */
  get lastRow(): number {
    return this.#lastRow;
  }

  feed(chunk: string): void {
    let text = this.#carry.join(chunk);
    if (text === undefined) return;
    if (this.#state === 'prelude') {
      const start = this.#findSheetData(text);
      if (start < 0) {
        // Only the end can hold a cut-off <sheetData>; keeping all would let a bomb of junk pile up.
        this.#carry.keep(text.slice(-TAIL_CHARS));
        return;
      }
      text = text.slice(start);
    }
    if (this.#state !== 'rows') return;
    this.#carry.keep(text.slice(this.#scanRows(text)), this.#awaiting);
  }

  /** Returns where rows begin in `text`, or -1 if <sheetData> has not fully arrived yet. */
  #findSheetData(text: string): number {
    this.#searched += text.length;
    const at = text.indexOf('sheetData');
    const tagEnd = at < 0 ? -1 : text.indexOf('>', at);
    if (tagEnd < 0) return -1;
    // Some writers (the .NET Open XML SDK among them) prefix every element, e.g. <x:row>.
    const prefix = text.slice(text.lastIndexOf('<', at) + 1, at);
    this.#tags = tagsFor(prefix);
    this.#readStringItem = stringItemReader(prefix);
    this.#state = text.charCodeAt(tagEnd - 1) === SLASH ? 'done' : 'rows';
    return tagEnd + 1;
  }

  /**
   * Emits every complete row in `text`; returns where the unconsumed rest begins. When that is
   * an unfinished row, sets #awaiting to what it lacks.
   */
  #scanRows(text: string): number {
    const { rowOpen, rowClose, sheetDataClose } = this.#tags;
    this.#searched += text.length;
    this.#awaiting = '';
    this.#marks.fill(-1);
    let at = 0;
    for (;;) {
      const start = text.indexOf(rowOpen, at);
      if (start < 0 || !isNameEnd(text.charCodeAt(start + rowOpen.length))) {
        if (text.includes(sheetDataClose, at)) this.#state = 'done';
        // What follows the last row holds no row start but perhaps a cut-off one at its very end.
        return this.#state === 'done' ? text.length : Math.max(at, text.length - TAIL_CHARS);
      }
      const tagEnd = text.indexOf('>', start);
      if (tagEnd < 0) {
        this.#awaiting = '>';
        return start;
      }
      const empty = text.charCodeAt(tagEnd - 1) === SLASH;
      const end = empty ? tagEnd : text.indexOf(rowClose, tagEnd);
      if (end < 0) {
        this.#awaiting = rowClose;
        return start;
      }
      scanTag(text, start + rowOpen.length, tagEnd);
      const number = tagAttributes.r >= 0 ? parseDigits(text, tagAttributes.r, tagAttributes.rEnd) : 0;
      // A missing or impossible row number means "the next row".
      this.#lastRow = number > 0 && number <= MAX_ROWS ? number : this.#lastRow + 1;
      this.rowsSeen++;
      this.#rowNotes = undefined;
      const valuesBefore = this.values;
      const cells = empty || !this.#holdsValue(text, tagEnd + 1, end) ? [] : this.#scanCells(text, tagEnd + 1, end);
      if (this.values !== valuesBefore) this.lastValueRow = this.#lastRow;
      this.#onRow(this.#lastRow, cells, this.#rowNotes);
      at = empty ? tagEnd + 1 : end + rowClose.length;
    }
  }

  /**
   * Whether text[from, to) has a value, inline string or formula tag. Rows of styled empty cells
   * (formatting nobody filled in) can be most of a real sheet, and all of a bomb: their cells
   * are not scanned one by one.
   */
  #holdsValue(text: string, from: number, to: number): boolean {
    const { valueOpen, inlineOpen, formulaOpen } = this.#tags;
    return this.#mark(text, 0, valueOpen, from) < to || this.#mark(text, 1, inlineOpen, from) < to || this.#mark(text, 2, formulaOpen, from) < to;
  }

  #mark(text: string, which: number, needle: string, from: number): number {
    const marks = this.#marks;
    if ((marks[which] as number) < from) {
      const at = text.indexOf(needle, from);
      marks[which] = at < 0 ? Infinity : at;
    }
    return marks[which] as number;
  }

  #scanCells(text: string, from: number, to: number): CellValue[] {
    const { cellOpen, cellClose, valueOpen, plainValueOpen, valueClose, formulaOpen } = this.#tags;
    const cells: CellValue[] = this.rowWidth > 0 ? new Array<CellValue>(this.rowWidth).fill(null) : [];
    let column = -1;
    for (let at = from; ; ) {
      const start = text.indexOf(cellOpen, at);
      if (start < 0 || start >= to) return cells;
      at = start + cellOpen.length;
      if (!isNameEnd(text.charCodeAt(at))) continue;
      const tagEnd = scanTag(text, at, to);
      at = tagEnd + 1;
      const reference = tagAttributes.r >= 0 ? columnIndex(text, tagAttributes.r, tagAttributes.rEnd) : -1;
      column = reference >= 0 ? reference : column + 1;
      if (text.charCodeAt(tagEnd - 1) === SLASH) continue;
      // Cells past XFD (possible only without references) are outside any grid: ignored like cells left of the table.
      this.#index = column < MAX_COLUMNS ? column - this.columnOffset : -1;
      const type = tagAttributes.t >= 0 ? cellType(text, tagAttributes.t, tagAttributes.tEnd) : NUMBER;
      const style = tagAttributes.s >= 0 ? parseDigits(text, tagAttributes.s, tagAttributes.sEnd) : 0;

      let value: CellValue = null;
      if (type !== INLINE_STRING && text.startsWith(plainValueOpen, at)) {
        // <v>…</v> right after the start tag: nearly every cell. Values never contain '<'.
        const valueStart = at + plainValueOpen.length;
        let valueEnd = valueStart;
        while (valueEnd < to && text.charCodeAt(valueEnd) !== LT) valueEnd++;
        value = this.#value(text, valueStart, valueEnd, type, style);
        let end = valueEnd + valueClose.length;
        if (!text.startsWith(cellClose, end)) end = text.indexOf(cellClose, end);
        if (end < 0 || end > to) return cells;
        at = end + cellClose.length;
      } else {
        const end = text.indexOf(cellClose, at);
        if (end < 0 || end > to) return cells;
        if (type === INLINE_STRING) {
          // <is>…</is>: the item body runs from after <is> to the last tag before </c>.
          const before = this.#replacements.count;
          value = this.#readStringItem(text, text.indexOf('>', at) + 1, text.lastIndexOf('<', end - 1), this.#replacements) || null;
          if (this.#replacements.count !== before && value !== null) this.#note('character_replaced', value);
        } else {
          // A formula (<f>) or attributes on <v> come first.
          const valueTag = text.indexOf(valueOpen, at);
          let hasValue = false;
          if (valueTag >= 0 && valueTag < end && isNameEnd(text.charCodeAt(valueTag + valueOpen.length))) {
            const valueStart = text.indexOf('>', valueTag) + 1;
            const selfClosed = text.charCodeAt(valueStart - 2) === SLASH;
            const valueEnd = selfClosed ? valueStart : text.indexOf(valueClose, valueStart);
            // An empty <v></v> saves no value, except for a text formula, whose result can be "".
            hasValue = valueEnd > valueStart || (type === FORMULA_STRING && !selfClosed);
            if (hasValue) value = this.#value(text, valueStart, valueEnd, type, style);
          }
          // Never calculated (written by a program, not Excel): the formula text is not a value, so say so.
          const formula = hasValue ? -1 : text.indexOf(formulaOpen, at);
          if (formula >= 0 && formula < end && isNameEnd(text.charCodeAt(formula + formulaOpen.length))) {
            this.#note('formula_without_value', this.#formulaText(text, formula + formulaOpen.length, end));
          }
        }
        at = end + cellClose.length;
      }
      if (value === null) continue;
      this.values++;
      const index = this.#index;
      if (index < 0) {
        this.ignoredCells++;
        continue;
      }
      while (cells.length < index) cells.push(null);
      if (index < cells.length) cells[index] = value;
      else cells.push(value);
    }
  }

  #value(text: string, from: number, to: number, type: number, style: number): CellValue {
    if (to <= from) return null;
    switch (type) {
      case SHARED_STRING: {
        const index = parseDigits(text, from, to);
        const value = this.#context.sharedStrings[index] || null;
        if (value !== null && this.#context.replacedStrings.has(index)) this.#note('character_replaced', value);
        return value;
      }
      case FORMULA_STRING: {
        const before = this.#replacements.count;
        const value = decodeXmlText(text.slice(from, to), this.#replacements) || null;
        if (this.#replacements.count !== before && value !== null) this.#note('character_replaced', value);
        return value;
      }
      case BOOLEAN:
        return text.charCodeAt(from) === 49 || text.startsWith('true', from);
      case ISO_DATE:
        return normaliseIsoDate(text.slice(from, to));
      case ERROR:
        this.#note('error_value', decodeXmlText(text.slice(from, to)));
        return null;
      default: {
        const number = parseNumber(text, from, to);
        // 1e309 overflows a double and "NaN" is none: JSON would store either as an empty cell, so say why it is missing.
        if (!Number.isFinite(number)) {
          const written = decodeXmlText(text.slice(from, to)).trim();
          if (written !== '') this.#note('number_out_of_range', written.slice(0, 100));
          return null;
        }
        // Only numbers this big can carry more digits than a double keeps exactly.
        if ((number >= 1e15 || number <= -1e15) && isLongInteger(text, from, to)) {
          const digits = text.slice(from, to);
          this.#note('number_as_text', digits);
          return digits;
        }
        const format = this.#context.styleFormats[style];
        if (format === 'date') return serialToIso(number, this.#context.date1904) ?? number;
        // Elapsed time, negative too: a column of [h]:mm:ss never mixes durations and numbers.
        if (format === 'duration') return serialToDuration(number);
        return number;
      }
    }
  }

  #note(kind: CellNoteKind, detail: string): void {
    if (this.#index < 0) return;
    (this.#rowNotes ??= []).push({ column: this.#index, kind, detail });
  }

  /** "=A2*2" from <f ...>A2*2</f>, starting just after the tag name; a shared formula's followers have no text. */
  #formulaText(text: string, from: number, cellEnd: number): string {
    const tagEnd = text.indexOf('>', from);
    if (tagEnd < 0 || tagEnd >= cellEnd || text.charCodeAt(tagEnd - 1) === SLASH) return '(shared formula)';
    const close = text.indexOf(this.#tags.formulaClose, tagEnd);
    const body = close < 0 || close > cellEnd ? '' : decodeXmlText(text.slice(tagEnd + 1, close));
    return body === '' ? '(shared formula)' : `=${body}`;
  }
}

/**
 * An integer written with more than 15 digits (a record number or ID from a program other
 * than Excel, which itself keeps only 15): a double would round it, so it stays text.
 * Exponent forms ("1.2E+19") are left as numbers: their lost digits cannot be recovered.
 */
function isLongInteger(text: string, from: number, to: number): boolean {
  let at = text.charCodeAt(from) === 45 ? from + 1 : from;
  while (at < to && text.charCodeAt(at) === 48) at++;
  if (to - at <= 15) return false;
  for (; at < to; at++) {
    const code = text.charCodeAt(at);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

function tagsFor(prefix: string) {
  return {
    rowOpen: `<${prefix}row`,
    rowClose: `</${prefix}row>`,
    sheetDataClose: `</${prefix}sheetData>`,
    cellOpen: `<${prefix}c`,
    cellClose: `</${prefix}c>`,
    valueOpen: `<${prefix}v`,
    plainValueOpen: `<${prefix}v>`,
    valueClose: `</${prefix}v>`,
    inlineOpen: `<${prefix}is`,
    formulaOpen: `<${prefix}f`,
    formulaClose: `</${prefix}f>`,
  };
}

function cellType(text: string, from: number, to: number): number {
  switch (text.charCodeAt(from)) {
    case 115: // s, str
      return to - from === 1 ? SHARED_STRING : FORMULA_STRING;
    case 98: // b
      return BOOLEAN;
    case 101: // e
      return ERROR;
    case 100: // d
      return ISO_DATE;
    case 105: // inlineStr
      return INLINE_STRING;
    default:
      return NUMBER;
  }
}
