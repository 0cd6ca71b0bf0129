// @sift/fulltext: a paper's PDF read page by page, and the literature record it is.
export { PdfReadError, readPdf, type PdfReadFailure, type PdfText } from './readPdf.ts';
export { doisIn, matchFullText, pmidsIn, type FullTextMatch, type MatchCandidate } from './matchFullText.ts';
