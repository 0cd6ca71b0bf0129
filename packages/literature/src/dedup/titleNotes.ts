// What databases add to a title that is not the title, removed for matching only (the record keeps
// its title as exported): Ovid's "[Review] [45 refs]", language tags ("[Chinese]", "LA: Chi"),
// notices ("[Erratum appears in ...]", "[corrected]"), CRD's "(Structured abstract)", Embase's
// "(multiple letters) [1]", an original-language title after "<ORIGINAL>" or "TO:".

/** Ovid appends the original-language title ("<ORIGINAL> ...", "[Translated] TO: ...") and the language ("LA: Chi"). */
const APPENDED_FIELD = /\s+<ORIGINAL>.*$|(?<=\])\s+TO:\s.*$|\s+LA:\s+[A-Z][a-z]{2}(?:\s*;\s*[A-Z][a-z]{2})*\s*$/;
/** Notices Ovid and PubMed insert in brackets after the title's first word; a cut-off one runs to the end. */
const BRACKETED_NOTICE = /(?<=\S)\s*\[(?:erratum|published erratum|retraction|retracted|comment|corrected|update|updated|expression of concern|summary for patients|see comments?)\b[^\]]*(?:\]|$)/gi;
/** Trailing notes in brackets ("[Review]", "[45 refs]", "[Spanish]", "[abstract no: 134]", Embase's "[1]"); never the whole title. */
const TRAILING_BRACKET = /(\S)\s*\.?\s*\[[^[\]]{1,40}\]\s*\.?\s*$/;
/** Record-type notes CRD (DARE, NHS EED) and Embase put in parentheses at the end. */
const TRAILING_NOTE = /\s*\((?:provisional abstract|structured abstract|brief record|multiple letters|abstracts?)\)\s*\.?\s*$/i;
/** Web of Science titles a correction with the corrected article's place: "(vol 142, pg 310, 2003)". */
export const CORRECTED_PLACE = /\s*\(vol\.? [^()]*\bpg\.? [^()]*\)\s*\.?\s*$/i;
/** Embase titles an erratum with the corrected article's citation: "(Diabetes Care (2022) 45 (400-408))". */
export const CITED_ARTICLE = /\s*\([^()]*\(\d{4}\)[^()]*(?:\([^()]*\))?\)\s*\.?\s*$/;

/** The title without the notes above; the same title when it has none. */
export function stripTitleNotes(title: string): string {
  if (!/[[(<?=]|LA: /.test(title)) return title; // most titles have no notes: skip the patterns
  let text = title.replace(APPENDED_FIELD, '').replace(BRACKETED_NOTICE, '').replace(CITED_ARTICLE, '').replace(CORRECTED_PLACE, '');
  for (let before = ''; before !== text; ) {
    before = text;
    text = text.replace(TRAILING_BRACKET, '$1').replace(TRAILING_NOTE, '');
  }
  // PubMed writes "≥" as "> or =" (older records ">or="); "?" between letters is a character the export lost.
  return text.replace(/([<>])\s*or\s*=/gi, '$1=').replace(/(\p{L})\?(?=\p{L})/gu, '$1');
}

/** A title ending in another article's citation or place is a notice (an erratum) about that article. */
export function citesCorrectedArticle(title: string): boolean {
  return CITED_ARTICLE.test(title) || CORRECTED_PLACE.test(title);
}
