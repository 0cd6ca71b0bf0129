// Test PDFs written by pdf-lib: pages of text drawn with a standard font (a text layer, as
// publishers' PDFs have), or a page with only a drawing (as a scan has, no text).
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** One entry per page: its lines of text; an empty page is drawn as a shape only. */
export async function writePdf(pages: readonly (readonly string[])[], options: { title?: string } = {}): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  if (options.title) document.setTitle(options.title);
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = document.addPage();
    if (lines.length === 0) page.drawRectangle({ x: 50, y: 50, width: 400, height: 600 });
    lines.forEach((line, index) => page.drawText(line, { x: 40, y: 760 - index * 16, font, size: 10 }));
  }
  return document.save();
}
