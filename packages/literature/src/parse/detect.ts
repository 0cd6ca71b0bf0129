// Which export format a file is, from its content first (PubMed saves .txt, Web of Science
// .txt, databases misname files) and its name second. XLSX is known by name only: its bytes are
// read by @sift/excel and the rows come back through recordsFromRows.

export type LiteratureFormat = 'medline' | 'ris' | 'endnote-xml' | 'bibtex' | 'wos' | 'csv' | 'xlsx';

const SAMPLE_CHARS = 8192;

/** How each format marks where a record starts, for telling a researcher why a file yielded none. */
export const RECORD_FRAMING: Record<LiteratureFormat, string> = {
  medline: 'In a PubMed (MEDLINE) export each record starts with a "PMID- " line',
  ris: 'In a RIS export each record starts with a "TY  - " line and ends with an "ER  - " line',
  'endnote-xml': 'In an EndNote XML export each record is a <record> element',
  bibtex: 'In a BibTeX file each entry starts with its type, such as @article{',
  wos: 'In a Web of Science export each record starts with a "PT " line and ends with an "ER" line',
  csv: 'In a CSV export each record is a row below the header row',
  xlsx: 'In a workbook each record is a row below the header row',
};

const BY_EXTENSION: Record<string, LiteratureFormat> = {
  nbib: 'medline',
  medline: 'medline',
  ris: 'ris',
  xml: 'endnote-xml',
  bib: 'bibtex',
  bibtex: 'bibtex',
  ciw: 'wos',
  csv: 'csv',
  tsv: 'csv',
  tab: 'csv',
  xlsx: 'xlsx',
  xls: 'xlsx',
};

export function detectFormat(fileName: string, text?: string): LiteratureFormat | null {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (extension === 'xlsx' || extension === 'xls') return 'xlsx';
  const sniffed = text === undefined ? null : sniff(text.slice(0, SAMPLE_CHARS).replace(/^\uFEFF/, ''));
  if (sniffed) return sniffed;
  const named = BY_EXTENSION[extension];
  if (named) return named;
  if (extension === 'txt' && text && /\t/.test(text.slice(0, text.search(/\r|\n|$/)))) return 'csv';
  return null;
}

function sniff(sample: string): LiteratureFormat | null {
  if (/^PMID- ?\d/m.test(sample)) return 'medline';
  if (/^TY {1,2}- ?\S/m.test(sample)) return 'ris';
  if (/^\s*(?:<\?xml[^>]*\?>\s*)?<xml>\s*<records>/.test(sample)) return 'endnote-xml';
  if (/^FN (?:Clarivate|Thomson)/m.test(sample) || (/^PT [A-Z]\s*$/m.test(sample) && /^(?:AU|TI) \S/m.test(sample))) return 'wos';
  if (/^\s*@\s*[A-Za-z]+\s*[{(]/m.test(sample)) return 'bibtex';
  return null;
}
