// What each cell style shows numbers as: a cell's s="N" attribute indexes <cellXfs>, whose
// number format (built-in id or custom code) decides between date, duration and number.
import { builtinFormatKind, formatKind, type FormatKind } from './dates.ts';
import { elementAttributes, elementContent } from './xml.ts';

/** For each style index, how numbers in that style are shown. */
export function readStyleFormats(stylesXml: string): FormatKind[] {
  const customFormats = new Map<number, string>();
  for (const format of elementAttributes(elementContent(stylesXml, 'numFmts'), 'numFmt')) {
    customFormats.set(Number(format['numFmtId']), format['formatCode'] ?? '');
  }
  return elementAttributes(elementContent(stylesXml, 'cellXfs'), 'xf').map((xf) => {
    const id = Number(xf['numFmtId'] ?? 0);
    // A workbook may redefine a built-in id, so its own code wins.
    const code = customFormats.get(id);
    return code === undefined ? builtinFormatKind(id) : formatKind(code);
  });
}
