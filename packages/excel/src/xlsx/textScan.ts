// Character-level readers for the sheet scanner, working on positions in a text chunk
// instead of substrings: one start tag's attributes, digits, plain decimals, cell references.
import { MAX_COLUMNS } from '../limits.ts';

export const SLASH = 47;
export const LT = 60;
const GT = 62;
const EQUALS = 61;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
/** Powers of ten that are exact doubles, for the decimal fast path. */
const POW10 = Array.from({ length: 16 }, (_, n) => 10 ** n);

/** True if the character after a tag name ends the name (so "<row" does not match "<rowBreaks"). */
export function isNameEnd(code: number): boolean {
  return code <= 32 || code === GT || code === SLASH;
}

/** Value positions of the one-letter attributes r, t and s of the last tag scanned (-1 when absent). */
export const tagAttributes = { r: -1, rEnd: -1, t: -1, tEnd: -1, s: -1, sEnd: -1 };

/**
 * Reads a start tag's attributes from just after its name; returns the position of its '>'.
 * A character loop: tags are short, and this beats several indexOf calls per cell.
 */
export function scanTag(text: string, from: number, to: number): number {
  tagAttributes.r = tagAttributes.t = tagAttributes.s = -1;
  let at = from;
  while (at < to) {
    let code = text.charCodeAt(at);
    if (code === GT) return at;
    if (code <= 32 || code === SLASH) {
      at++;
      continue;
    }
    const name = at;
    while (at < to && (code = text.charCodeAt(at)) !== EQUALS && code > 32) at++;
    const nameLength = at - name;
    while (at < to && (code = text.charCodeAt(at)) !== DOUBLE_QUOTE && code !== SINGLE_QUOTE) at++;
    const start = ++at;
    while (at < to && text.charCodeAt(at) !== code) at++;
    if (nameLength === 1) {
      const letter = text.charCodeAt(name);
      if (letter === 114) {
        tagAttributes.r = start;
        tagAttributes.rEnd = at;
      } else if (letter === 116) {
        tagAttributes.t = start;
        tagAttributes.tEnd = at;
      } else if (letter === 115) {
        tagAttributes.s = start;
        tagAttributes.sEnd = at;
      }
    }
    at++;
  }
  return to;
}

/** A non-negative integer (row number, index), or -1 if the text is anything else. */
export function parseDigits(text: string, from: number, to: number): number {
  if (to <= from || to - from > 15) return -1;
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Plain decimals of up to 15 digits are parsed here: mantissa and power of ten are exact
 * doubles, so one division gives the same correctly rounded result as Number(). Anything
 * else (exponents, 17-digit values) goes through Number().
 */
export function parseNumber(text: string, from: number, to: number): number {
  let i = from;
  const negative = text.charCodeAt(i) === 45;
  if (negative) i++;
  let mantissa = 0;
  let digits = 0;
  let scale = -1;
  for (; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      mantissa = mantissa * 10 + code - 48;
      digits++;
    } else if (code === 46 && scale < 0) {
      scale = to - i - 1;
    } else {
      return slowNumber(text, from, to);
    }
  }
  if (digits === 0 || digits > 15) return slowNumber(text, from, to);
  const value = scale > 0 ? mantissa / (POW10[scale] as number) : mantissa;
  return negative ? -value : value;
}

function slowNumber(text: string, from: number, to: number): number {
  const raw = text.slice(from, to).trim();
  return raw === '' ? Number.NaN : Number(raw);
}

/** "AB12" => 27 (0-based column of a cell reference); -1 unless it is a column Excel can have (A to XFD). */
export function columnIndex(text: string, from: number, to: number): number {
  let column = 0;
  for (let i = from; i < to && i < from + 4; i++) {
    const code = text.charCodeAt(i);
    if (code < 65 || code > 90) break;
    column = column * 26 + code - 64;
  }
  return column > 0 && column <= MAX_COLUMNS ? column - 1 : -1;
}
