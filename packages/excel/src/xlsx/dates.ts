// Excel stores dates and durations as day numbers ("serials") formatted to look like them. This
// module decides what a number format shows (date, elapsed time or number) and turns serials
// into ISO strings or H:MM:SS durations.
import { durationText } from '../duration.ts';

// Serial 1 is 1900-01-01, but Excel counts a 1900-02-29 that never existed, so from serial 61
// on the epoch moves one day back. Serial 60 (the phantom day) lands on 1900-03-01.
// Offsets turn a serial day into days since 1970-01-01.
const UNIX_OFFSET_1900_BEFORE_LEAP_BUG = 25_568;
const UNIX_OFFSET_1900 = 25_569;
const UNIX_OFFSET_1904 = 24_107;
/** The day after 9999-12-31, the last day Excel can show, in each date system. */
const END_SERIAL_1900 = 2_958_466;
const END_SERIAL_1904 = END_SERIAL_1900 - 1462;
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

/** How a number format shows a number: as a date or time of day, as elapsed time, or as a number. */
export type FormatKind = 'date' | 'duration' | 'number';

/** Built-in number format ids that Excel renders as dates or times (incl. the East Asian locale ones); 46 is [h]:mm:ss. */
const BUILTIN_DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);
const BUILTIN_DURATION_FORMAT_ID = 46;

export function builtinFormatKind(id: number): FormatKind {
  if (id === BUILTIN_DURATION_FORMAT_ID) return 'duration';
  return BUILTIN_DATE_FORMAT_IDS.has(id) ? 'date' : 'number';
}

const ELAPSED = /^\[(h+|m+|s+)\]$/i;

/**
 * What Excel shows for a custom format code, judged on its first section with quoted text,
 * escapes, padding, colours, conditions and locale tags left out:
 * - 'duration' when an elapsed-time token ([h], [mm], [s]) leads the time units and no day,
 *   month or year follows ([h]:mm:ss shows 36:00:00, not a date);
 * - 'date' when it has date or time tokens Excel accepts;
 * - 'number' otherwise, including codes Excel cannot use, such as LibreOffice's HH[M] (an
 *   elapsed token after another unit), which Excel shows as a plain number.
 */
export function formatKind(code: string): FormatKind {
  const section = firstSection(code)
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/AM\/PM|A\/P/gi, '')
    .replace(/General/gi, '');
  let sawUnit = false;
  let elapsed = false;
  let dateUnit = false;
  for (const token of section.match(/\[[^\]]*\]|[dmyhs]+/gi) ?? []) {
    if (token.startsWith('[')) {
      if (!ELAPSED.test(token)) continue; // colour, condition, locale: no unit
      if (sawUnit) return 'number';
      elapsed = true;
    } else if (/^[dy]/i.test(token) || (/^m/i.test(token) && !elapsed && !sawUnit && !/[hs]/i.test(section))) {
      dateUnit = true;
    }
    sawUnit = true;
  }
  if (!sawUnit) return 'number';
  return elapsed && !dateUnit ? 'duration' : 'date';
}

/** The part of a code before its first ; outside quotes: the one positive numbers use. */
function firstSection(code: string): string {
  let quoted = false;
  for (let i = 0; i < code.length; i++) {
    const char = code[i];
    if (char === '"') quoted = !quoted;
    else if (char === '\\') i++;
    else if (char === ';' && !quoted) return code.slice(0, i);
  }
  return code;
}

/** "36:00:00" for a day and a half, "-01:30:00" below zero: elapsed time as Excel shows it under [h]:mm:ss. */
export function serialToDuration(serial: number): string {
  const total = Math.round(Math.abs(serial) * 86_400);
  return durationText(serial < 0 ? -total : total);
}

/**
 * "2024-03-01", "2024-03-01T10:30:00" when there is a time part, or "10:30:00" for a
 * serial below 1 (a time of day without a date). Undefined when Excel itself would show
 * ##### (negative or past 9999), so the caller keeps the plain number.
 */
export function serialToIso(serial: number, date1904: boolean): string | undefined {
  if (!(serial >= 0 && serial < (date1904 ? END_SERIAL_1904 : END_SERIAL_1900))) return undefined;
  let days = Math.floor(serial);
  let seconds = Math.round((serial - days) * 86_400);
  if (seconds === 86_400) {
    days += 1;
    seconds = 0;
  }
  const time = seconds === 0 ? '' : `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
  if (serial < 1 && days === 0) return time || '00:00:00';
  const offset = date1904 ? UNIX_OFFSET_1904 : days < 61 ? UNIX_OFFSET_1900_BEFORE_LEAP_BUG : UNIX_OFFSET_1900;
  const date = civilDate(days - offset);
  return time ? `${date}T${time}` : date;
}

function pad(n: number): string {
  return TWO_DIGITS[n] as string;
}

/** "YYYY-MM-DD" of a day count since 1970-01-01 (H. Hinnant's civil_from_days; ~10x faster than Date#toISOString). */
function civilDate(unixDays: number): string {
  const z = unixDays + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** A t="d" cell holds an ISO 8601 date already; normalise it to the same shapes as serials. */
export function normaliseIsoDate(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2})?))?/.exec(text.trim());
  if (!match) return text;
  const [, date, time] = match;
  if (!time || /^00:00(?::00)?$/.test(time)) return date as string;
  return `${date}T${time.length === 5 ? `${time}:00` : time}`;
}
