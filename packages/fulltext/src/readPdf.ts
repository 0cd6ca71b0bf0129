// Reading a PDF's text page by page with unpdf (pdf.js in its serverless build), page numbers kept.
// A scanned page has no text layer and reads as empty; a paper with no page of text is reported as
// such (Sift does no OCR). A file pdf.js cannot open, or one locked by a password, is a PdfReadError
// whose words say what to do. The page limit is checked before any page is read.
import { extractText, getDocumentProxy, getMeta } from 'unpdf';

export interface PdfText {
  /** The text of each page, page 1 first; '' for a page without a text layer. */
  pages: string[];
  /** The document's own title and subject metadata, when it has them (publishers often put the DOI there). */
  metadata: string[];
  /** False when no page has any text: a scan, to be read by a person or run through OCR elsewhere. */
  hasTextLayer: boolean;
}

export type PdfReadFailure = 'not_a_pdf' | 'password' | 'too_many_pages';

export class PdfReadError extends Error {
  override name = 'PdfReadError';
  readonly code: PdfReadFailure;
  constructor(code: PdfReadFailure, message: string) {
    super(message);
    this.code = code;
  }
}

/** Fewer than this many letters or digits on every page: no text layer worth the name. */
const TEXT_LAYER_MIN_CHARACTERS = 20;

export async function readPdf(bytes: Uint8Array, limits: { maxPages: number }): Promise<PdfText> {
  let document: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes the buffer over: hand it a copy so the caller's bytes stay usable.
    document = await getDocumentProxy(new Uint8Array(bytes));
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'PasswordException') throw new PdfReadError('password', 'This PDF is locked with a password. Save an unlocked copy and attach that.');
    throw new PdfReadError('not_a_pdf', 'This file is not a PDF that can be read (damaged, or another kind of file). Download the paper again and attach the new copy.');
  }
  try {
    if (document.numPages > limits.maxPages) {
      throw new PdfReadError('too_many_pages', `This PDF has ${document.numPages.toLocaleString('en-US')} pages, more than the ${limits.maxPages.toLocaleString('en-US')} Sift reads. Attach the article itself rather than a whole volume.`);
    }
    const { text } = await extractText(document, { mergePages: false });
    const { info } = await getMeta(document);
    const metadata = ['Title', 'Subject', 'Keywords'].map((field) => (info as Record<string, unknown>)[field]).filter((value): value is string => typeof value === 'string' && value.trim() !== '');
    const hasTextLayer = text.some((page) => (page.match(/[\p{L}\p{N}]/gu)?.length ?? 0) >= TEXT_LAYER_MIN_CHARACTERS);
    return { pages: text, metadata, hasTextLayer };
  } finally {
    await document.loadingTask.destroy();
  }
}
