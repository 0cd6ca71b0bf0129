// Which cell styles display numbers as dates: a cell's s="N" attribute indexes <cellXfs>,
// whose number format (built-in id or custom code) decides.
import { isBuiltinDateFormat, isDateFormatCode } from './dates.ts';
import { elementAttributes, elementContent } from './xml.ts';

/** For each style index, whether numbers in that style are dates. */
export function readDateStyles(stylesXml: string): boolean[] {
  const customFormats = new Map<number, string>();
  for (const format of elementAttributes(elementContent(stylesXml, 'numFmts'), 'numFmt')) {
    customFormats.set(Number(format['numFmtId']), format['formatCode'] ?? '');
  }
  return elementAttributes(elementContent(stylesXml, 'cellXfs'), 'xf').map((xf) => {
    const id = Number(xf['numFmtId'] ?? 0);
    // A workbook may redefine a built-in id, so its own code wins.
    const code = customFormats.get(id);
    return code === undefined ? isBuiltinDateFormat(id) : isDateFormatCode(code);
  });
}
