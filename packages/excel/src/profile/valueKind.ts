// What kind of value a cell holds, judged by content: the xlsx reader's numbers and booleans
// as they are, and text (every CSV value) by what it looks like, so "12" counts as a number
// but "007" stays a code. Only unambiguous shapes are recognised: ISO dates but not
// "03/01/2024" (day or month first?), "1234.5" but not "1,234.5" (thousands or decimal comma?).
// Elapsed time ("36:00:00", as the xlsx reader writes [h]:mm:ss cells) is a duration.
import type { CellValue } from '../types.ts';
import { durationSeconds } from '../duration.ts';
import { parseDigits } from '../xlsx/textScan.ts';

export const MISSING = 0;
export const INTEGER = 1;
export const DECIMAL = 2;
export const DATE = 3;
export const DATETIME = 4;
export const BOOLEAN = 5;
export const TEXT = 6;
/** Digits that a number would change: leading zeros ("007") or more than 15 digits (an ID). */
export const CODE = 7;
export const DURATION = 8;
export const KIND_COUNT = 9;

/**
 * The numeric value of the last number classified, the epoch milliseconds of the last date, or the
 * seconds of the last duration; `token`: the missing-value token of the last cell read as missing
 * because of one ("N/A" as written), or '' for an empty one.
 */
export const classified = { number: 0, token: '' };

/** Cell texts that mean "no value" in clinical exports (case ignored): counted as missing, not as text. */
export const MISSING_TOKENS: ReadonlySet<string> = new Set(['NA', 'N/A', '-', '.']);

const DECIMAL_TEXT = /^[-+]?(?:(?:0|[1-9]\d*)(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?$/;
const DATETIME_TEXT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const BOOLEAN_TEXT = /^(?:true|false)$/i;
const DAY_MS = 86_400_000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function classify(value: CellValue): number {
  classified.token = '';
  if (value === null) return MISSING;
  if (typeof value === 'number') {
    classified.number = value;
    return Number.isInteger(value) ? INTEGER : DECIMAL;
  }
  if (typeof value === 'boolean') return BOOLEAN;
  return classifyText(value);
}

function classifyText(raw: string): number {
  let text = raw;
  // Stray spaces around a number are common in exports and do not make it text.
  if (text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32) text = text.trim();
  if (text === '') return MISSING;
  if (text.length <= 3 && MISSING_TOKENS.has(text.toUpperCase())) {
    classified.token = text;
    return MISSING;
  }
  const first = text.charCodeAt(0);
  if (first === 116 || first === 102 || first === 84 || first === 70) return BOOLEAN_TEXT.test(text) ? BOOLEAN : TEXT; // t f T F
  const digitOrSign = (first >= 48 && first <= 57) || first === 45 || first === 43 || first === 46;
  if (!digitOrSign) return TEXT;
  const integer = integerKind(text);
  if (integer !== TEXT) return integer;
  if (text.length >= 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) return dateKind(text);
  if (text.charCodeAt(text.length - 3) === 58) return durationKind(text); // ':' before the seconds
  if (DECIMAL_TEXT.test(text)) {
    classified.number = Number(text);
    return Number.isFinite(classified.number) ? DECIMAL : TEXT;
  }
  return TEXT;
}

/**
 * INTEGER for an optionally signed run of up to 15 digits without a leading zero, CODE for other
 * unsigned digit runs (zero-padded codes, and IDs too long for a number, as the xlsx reader keeps them), else TEXT.
 */
function integerKind(text: string): number {
  const signed = text.charCodeAt(0) === 45 || text.charCodeAt(0) === 43;
  const start = signed ? 1 : 0;
  if (text.length === start) return TEXT;
  let value = 0;
  for (let i = start; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return TEXT;
    value = value * 10 + digit;
  }
  const length = text.length - start;
  if (length > 15 || (length > 1 && text.charCodeAt(start) === 48)) return signed ? TEXT : CODE;
  classified.number = text.charCodeAt(0) === 45 ? -value : value;
  return INTEGER;
}

function durationKind(text: string): number {
  const seconds = durationSeconds(text);
  if (seconds === undefined) return TEXT;
  classified.number = seconds;
  return DURATION;
}

/**
 * Checks the calendar (no 2023-02-29) and records the instant; timestamps without an offset
 * are taken as UTC. The two shapes the xlsx reader writes are read digit by digit, others
 * (a space for the T, fractions, offsets) through a regular expression.
 */
function dateKind(text: string): number {
  if (text.length === 10) return dateTimeKind(parseDigits(text, 0, 4), parseDigits(text, 5, 7), parseDigits(text, 8, 10), 0, 0, 0, 0, DATE);
  if (text.length === 19 && text.charCodeAt(10) === 84 && text.charCodeAt(13) === 58 && text.charCodeAt(16) === 58) {
    const [year, month, day] = [parseDigits(text, 0, 4), parseDigits(text, 5, 7), parseDigits(text, 8, 10)];
    return dateTimeKind(year, month, day, parseDigits(text, 11, 13), parseDigits(text, 14, 16), parseDigits(text, 17, 19), 0, DATETIME);
  }
  const match = DATETIME_TEXT.exec(text);
  if (!match) return TEXT;
  const [, year, month, day, hour, minute, second = '0', fraction = '', offset = ''] = match;
  const ms = fraction ? Math.round(Number(fraction) * 1000) : 0;
  classified.number = ms - offsetMinutes(offset) * 60_000;
  return dateTimeKind(Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second), classified.number, DATETIME);
}

/** Records the instant (plus `extraMs`) and returns `kind`, or TEXT for an impossible date or time. */
function dateTimeKind(year: number, month: number, day: number, hour: number, minute: number, second: number, extraMs: number, kind: number): number {
  const days = year < 0 ? undefined : daysSinceEpoch(year, month, day);
  if (days === undefined || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return TEXT;
  classified.number = days * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + extraMs;
  return kind;
}

/** Days from 1970-01-01 to a valid calendar date (H. Hinnant's days_from_civil; no Date objects in the hot loop). */
function daysSinceEpoch(year: number, month: number, day: number): number | undefined {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (month < 1 || month > 12 || day < 1 || day > (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number))) return undefined;
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function offsetMinutes(offset: string): number {
  if (offset === '' || offset === 'Z') return 0;
  const digits = offset.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return offset.startsWith('-') ? -minutes : minutes;
}
