// Bytes of an export file to text, with the same detection as spreadsheet CSVs (@sift/excel):
// byte-order marks, UTF-16 without a mark (older Web of Science tab-delimited files), UTF-8,
// then GB18030 for Chinese exports (CNKI, VIP) or Windows-1252 for Western ones.
import { decodeText } from '@sift/excel';
import { LiteratureFormatError } from './parse/source.ts';

export function decodeLiteratureBytes(bytes: Uint8Array): string {
  const decoded = decodeText(bytes);
  if ('binary' in decoded) throw new LiteratureFormatError('it holds binary data, not the text of an export');
  return decoded.text;
}
