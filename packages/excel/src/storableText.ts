// Text that PostgreSQL and UTF-8 can hold: PostgreSQL text and jsonb refuse U+0000 and lone
// UTF-16 surrogates (a JSON "\ud800" or an XML "&#xD800;" makes one), so both become U+FFFD,
// the mark for a character that could not be kept. Everything else passes unchanged.

// eslint-disable-next-line no-control-regex
const NUL = /\u0000/g;

/** Whether storableText would change `text`. */
export function needsReplacement(text: string): boolean {
  return text.includes('\0') || !text.isWellFormed();
}

/** U+0000 and lone surrogates as U+FFFD; other text unchanged (and the same string when clean). */
export function storableText(text: string): string {
  return needsReplacement(text) ? text.toWellFormed().replace(NUL, '\uFFFD') : text;
}
