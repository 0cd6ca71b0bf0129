// Walks delimited text record by record (RFC 4180 quoting, leniently): quoted fields may
// hold delimiters, doubled quotes and line breaks. Lines without a quote take a fast path
// (one split), which is nearly every line of a real export.

const QUOTE = 34;
const CR = 13;

export class CsvCursor {
  readonly #text: string;
  readonly #delimiter: string;
  /** Record separator: "\n" (with an optional "\r" before it) or, for old Mac files, a lone "\r". */
  readonly #newline: string;
  #at = 0;
  #nextQuote = -1;

  constructor(text: string, delimiter: string) {
    this.#text = text;
    this.#delimiter = delimiter;
    const sample = text.slice(0, 65_536);
    this.#newline = !sample.includes('\n') && sample.includes('\r') ? '\r' : '\n';
  }

  get done(): boolean {
    return this.#at >= this.#text.length;
  }

  /** The next record's fields ("" for an empty field). */
  next(): string[] {
    const start = this.#at;
    const lineEnd = this.#lineEnd(start);
    if (this.#quoteAfter(start) >= lineEnd) {
      this.#at = lineEnd + 1;
      return this.#text.slice(start, this.#trimCr(start, lineEnd)).split(this.#delimiter);
    }
    return this.#quotedRecord(start);
  }

  /** 1 + the index of the record's last non-empty field (0 for a blank record), without building fields when it can. */
  nextWidth(): number {
    const start = this.#at;
    const lineEnd = this.#lineEnd(start);
    if (this.#quoteAfter(start) < lineEnd) {
      const fields = this.#quotedRecord(start);
      let width = fields.length;
      while (width > 0 && fields[width - 1] === '') width--;
      return width;
    }
    this.#at = lineEnd + 1;
    const text = this.#text;
    let end = this.#trimCr(start, lineEnd);
    while (end > start && text.startsWith(this.#delimiter, end - 1)) end--;
    if (end === start) return 0;
    let width = 1;
    for (let at = text.indexOf(this.#delimiter, start); at >= 0 && at < end; at = text.indexOf(this.#delimiter, at + 1)) width++;
    return width;
  }

  #lineEnd(from: number): number {
    const end = this.#text.indexOf(this.#newline, from);
    return end < 0 ? this.#text.length : end;
  }

  /** Position of the first quote at or after `from`, cached: a file without quotes is searched once. */
  #quoteAfter(from: number): number {
    if (this.#nextQuote < from) {
      const found = this.#text.indexOf('"', from);
      this.#nextQuote = found < 0 ? Infinity : found;
    }
    return this.#nextQuote;
  }

  #trimCr(start: number, end: number): number {
    return this.#newline === '\n' && end > start && this.#text.charCodeAt(end - 1) === CR ? end - 1 : end;
  }

  /** Character by character from `start`; text after a closing quote is kept as written (Excel does the same). */
  #quotedRecord(start: number): string[] {
    const text = this.#text;
    const delimiter = this.#delimiter.charCodeAt(0);
    const newline = this.#newline.charCodeAt(0);
    const fields: string[] = [];
    let at = start;
    for (;;) {
      let value = '';
      if (text.charCodeAt(at) === QUOTE) {
        at += 1;
        for (;;) {
          const quote = text.indexOf('"', at);
          if (quote < 0) {
            value += text.slice(at);
            at = text.length;
            break;
          }
          value += text.slice(at, quote);
          at = quote + 1;
          if (text.charCodeAt(at) !== QUOTE) break;
          value += '"';
          at += 1;
        }
      }
      let end = at;
      while (end < text.length && text.charCodeAt(end) !== delimiter && text.charCodeAt(end) !== newline) end++;
      const recordEnds = end >= text.length || text.charCodeAt(end) === newline;
      value += text.slice(at, recordEnds ? this.#trimCr(at, end) : end);
      fields.push(value);
      at = end + 1;
      if (recordEnds) {
        this.#at = at;
        return fields;
      }
    }
  }
}
