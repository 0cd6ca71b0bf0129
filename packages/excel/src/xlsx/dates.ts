// Excel stores dates as day numbers ("serials") formatted to look like dates. This module
// decides which number formats are dates and turns serials into ISO strings.

const DAY_MS = 86_400_000;
// Serial 1 is 1900-01-01, but Excel counts a 1900-02-29 that never existed, so from serial 61
// on the effective epoch moves one day back. Serial 60 (the phantom day) lands on 1900-03-01.
const EPOCH_1900_BEFORE_LEAP_BUG = Date.UTC(1899, 11, 31);
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** 9999-12-31, the last day Excel can show. */
const MAX_SERIAL = 2_958_466;

/** Built-in number format ids that Excel renders as dates or times (incl. the East Asian locale ones). */
const BUILTIN_DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

export function isBuiltinDateFormat(id: number): boolean {
  return BUILTIN_DATE_FORMAT_IDS.has(id);
}

/** Whether a custom format code shows a date or time, ignoring quoted text, escapes, colours and currency tags. */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/General/gi, '');
  return /[dmyhs]/i.test(bare);
}

/**
 * "2024-03-01", "2024-03-01T10:30:00" when there is a time part, or "10:30:00" for a
 * serial below 1 (a time of day without a date). Undefined when Excel itself would show
 * ##### (negative or past 9999), so the caller keeps the plain number.
 */
export function serialToIso(serial: number, date1904: boolean): string | undefined {
  if (!(serial >= 0 && serial < MAX_SERIAL)) return undefined;
  let days = Math.floor(serial);
  let seconds = Math.round((serial - days) * 86_400);
  if (seconds === 86_400) {
    days += 1;
    seconds = 0;
  }
  if (serial < 1 && days === 0) return new Date(seconds * 1000).toISOString().slice(11, 19);
  const epoch = date1904 ? EPOCH_1904 : days < 61 ? EPOCH_1900_BEFORE_LEAP_BUG : EPOCH_1900;
  const iso = new Date(epoch + days * DAY_MS + seconds * 1000).toISOString();
  return seconds === 0 ? iso.slice(0, 10) : iso.slice(0, 19);
}

/** A t="d" cell holds an ISO 8601 date already; normalise it to the same shapes as serials. */
export function normaliseIsoDate(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2})?))?/.exec(text.trim());
  if (!match) return text;
  const [, date, time] = match;
  if (!time || /^00:00(?::00)?$/.test(time)) return date as string;
  return `${date}T${time.length === 5 ? `${time}:00` : time}`;
}
