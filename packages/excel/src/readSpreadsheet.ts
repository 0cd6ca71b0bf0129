// The entry point: picks the reader from the bytes (zip, OLE or text) and the file name,
// and makes sure whatever goes wrong inside reaches the caller as a SpreadsheetError,
// while errors from the caller's own callbacks and aborts pass through untouched.
import { readCsv } from './csv/readCsv.ts';
import { SpreadsheetError, spreadsheetErrors } from './errors.ts';
import type { ReadOptions, ReadSummary } from './types.ts';
import { readXlsx } from './xlsx/readXlsx.ts';

type Reader = (bytes: Uint8Array, options: ReadOptions) => Promise<ReadSummary>;

const ZIP_MAGIC = [0x50, 0x4b];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const WORKBOOK_EXTENSIONS = /\.(xlsx|xlsm|xltx|xltm|xls)$/i;
const TEXT_EXTENSIONS = /\.(csv|tsv|tab|txt)$/i;
/** Enough of the start for the root element and its namespaces. */
const MARKUP_SNIFF_BYTES = 4096;

export async function readSpreadsheet(bytes: Uint8Array, options: ReadOptions): Promise<ReadSummary> {
  options.signal?.throwIfAborted();
  const read = pickReader(bytes, options.fileName);
  let callerThrew = false;
  const fromCaller = (error: unknown) => {
    callerThrew = true;
    return error;
  };
  const { onColumns, onRows, onProgress } = options;
  const guarded: ReadOptions = {
    ...options,
    onColumns: async (columns) => {
      try {
        await onColumns(columns);
      } catch (error) {
        throw fromCaller(error);
      }
    },
    onRows: async (rows, firstIndex) => {
      try {
        await onRows(rows, firstIndex);
      } catch (error) {
        throw fromCaller(error);
      }
    },
    onProgress:
      onProgress &&
      ((progress) => {
        try {
          onProgress(progress);
        } catch (error) {
          throw fromCaller(error);
        }
      }),
  };
  try {
    return await read(bytes, guarded);
  } catch (error) {
    const aborted = options.signal?.aborted && error === options.signal.reason;
    if (error instanceof SpreadsheetError || callerThrew || aborted) throw error;
    throw spreadsheetErrors.unreadable(options.fileName, error);
  }
}

function pickReader(bytes: Uint8Array, fileName: string): Reader {
  if (bytes.length === 0) throw spreadsheetErrors.emptyFile();
  if (startsWith(bytes, ZIP_MAGIC)) return readXlsx;
  if (startsWith(bytes, OLE_MAGIC)) {
    throw isEncryptedOoxml(bytes) ? spreadsheetErrors.passwordProtected() : spreadsheetErrors.legacyXls();
  }
  // Named .xml, .fods, .xls or even .csv: markup is never a table of text lines, whatever the name says.
  const markup = markupKind(bytes);
  if (markup) throw spreadsheetErrors.markupFile(markup);
  if (WORKBOOK_EXTENSIONS.test(fileName)) {
    // Some hospital systems export tab-separated text with an .xls name; that still reads as text.
    if (/\.xls$/i.test(fileName)) return textReader(spreadsheetErrors.legacyXls);
    throw spreadsheetErrors.notAWorkbook();
  }
  if (TEXT_EXTENSIONS.test(fileName)) return textReader(spreadsheetErrors.binaryText);
  return textReader(() => spreadsheetErrors.unknownExtension(fileName));
}

function textReader(binaryError: () => Error): Reader {
  return (bytes, options) => readCsv(bytes, options, binaryError);
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}

/** Password-protected .xlsx files are OLE containers holding a stream named "EncryptedPackage" (UTF-16 in the directory). */
function isEncryptedOoxml(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from('EncryptedPackage', 'utf16le'));
}

/** What a file that starts with markup is, by its content; undefined when it does not. */
function markupKind(bytes: Uint8Array): string | undefined {
  const start = new TextDecoder().decode(bytes.subarray(0, MARKUP_SNIFF_BYTES)).replace(/^\uFEFF/, '').trimStart();
  // A prolog, a declaration or a start tag; "<5 years" as a CSV's first cell is not markup.
  if (!/^<(\?xml|!|[A-Za-z][\w:.-]*[\s>/])/.test(start)) return undefined;
  if (/urn:schemas-microsoft-com:office:spreadsheet|progid\s*=\s*["']Excel\.Sheet/i.test(start)) return 'an Excel 2003 XML spreadsheet (SpreadsheetML)';
  if (/opendocument/i.test(start) && /<office:document[\s>]/.test(start)) return 'a flat OpenDocument spreadsheet (.fods)';
  if (/<(!doctype\s+html|html|table)[\s>]/i.test(start)) return 'a web page (HTML)';
  return 'an XML or HTML document';
}
