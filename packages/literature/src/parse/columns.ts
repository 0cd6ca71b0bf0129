// Guesses which spreadsheet column holds which record field from the header row, in English
// (Scopus, Zotero, Web of Science tab-delimited tags) and Chinese (CNKI, Wanfang, VIP). Each guess
// carries a confidence so the UI can ask the researcher where the guess is unsure.

/** The record fields a table column can fill, in the order a mapping form lists them. */
export const LITERATURE_FIELDS = [
  'title', 'abstract', 'authors', 'year', 'journal', 'volume', 'issue', 'pages', 'endPage', 'articleNumber', 'doi', 'pmid', 'keywords', 'language',
  'publicationType',
] as const;

export type LiteratureField = (typeof LITERATURE_FIELDS)[number];

/** Field => 0-based column index. */
export type ColumnMapping = Partial<Record<LiteratureField, number>>;

export interface ColumnGuess {
  mapping: ColumnMapping;
  /** 1 for a header that names the field exactly, 0.9 for one part of it ("Title-题名"), 0.6 for a header that only contains a name. */
  confidence: Partial<Record<LiteratureField, number>>;
  /** Fields the researcher should confirm: guesses below 0.8, and the title when no column was found for it. */
  unsure: LiteratureField[];
}

/** Header names per field, best first; a number after the name caps its confidence (a date column is not quite a year column). */
const NAMES: Record<LiteratureField, (string | [string, number])[]> = {
  title: ['title', 'articletitle', 'documenttitle', 'ti', 't1', 'primarytitle', 'papertitle', '标题', '题名', '篇名', '文献标题', '论文标题', '论文题目', '题目', '中文题名', '中文标题'],
  abstract: ['abstract', 'ab', 'n2', 'abstractnote', 'summary', '摘要', '中文摘要', '内容摘要', '文摘'],
  authors: ['authorfullnames', 'af', 'authors', 'author', 'au', 'a1', 'authornames', 'creators', '作者', '著者', '责任者', '作者姓名', '全部作者'],
  year: ['year', 'publicationyear', 'py', 'pubyear', 'yearpublished', '年份', '出版年', '年', '出版年份', '发表年份', '年度',
    ['date', 0.7], ['publicationdate', 0.7], ['pubdate', 0.7], ['dp', 0.7], ['pubtime', 0.7], ['发表时间', 0.7], ['出版日期', 0.7], ['出版时间', 0.7], ['日期', 0.7]],
  doi: ['doi', 'di', 'do', 'digitalobjectidentifier'],
  journal: ['sourcetitle', 'journal', 'journaltitle', 'publicationtitle', 'journalname', 'so', 'jo', 'jf', 't2', 'secondarytitle', '期刊', '刊名', '期刊名称', '期刊名', '文献来源', '来源出版物', '来源期刊', '出版物名称',
    ['source', 0.7], ['来源', 0.7]],
  pmid: ['pmid', 'pubmedid', 'pm', 'pubmed'],
  keywords: ['authorkeywords', 'keywords', 'keyword', 'de', 'kw', 'manualtags', '关键词', '关键字', '主题词', ['indexkeywords', 0.8], ['automatictags', 0.7]],
  volume: ['volume', 'vl', 'vol', '卷', '卷号'],
  issue: ['issue', 'is', 'no', '期', '期号', ['number', 0.7]],
  // PG is the page count in Web of Science tables (BP and EP are the pages), the pagination only in MEDLINE.
  pages: ['pages', 'page', 'pagestart', 'startpage', 'bp', 'sp', 'pagerange', '页码', '页', '起始页', ['pg', 0.7]],
  endPage: ['pageend', 'endpage', 'ep', '结束页'],
  // The pages of an online-only article (Scopus "Art. No.", Web of Science AR), used when there are none.
  articleNumber: ['artno', 'articlenumber', 'articleno', 'ar', '文章编号'],
  language: ['language', 'languageoforiginaldocument', 'la', 'lang', '语种', '语言'],
  publicationType: ['documenttype', 'publicationtype', 'dt', 'itemtype', 'referencetype', 'type', '文献类型', '类型', ['pt', 0.7]],
};

const CJK = /[\u3400-\u9fff]/;

function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

interface Candidate {
  field: LiteratureField;
  column: number;
  score: number;
  rank: number;
}

function score(header: string, name: string, cap: number): number {
  const whole = normalise(header);
  if (whole === name) return Math.min(1, cap);
  const parts = header.split(/[-_/|()（）:：\s]+/).map(normalise);
  if (parts.includes(name)) return Math.min(0.9, cap);
  const long = CJK.test(name) ? name.length >= 2 : name.length >= 5;
  return long && whole.includes(name) ? Math.min(0.6, cap) : 0;
}

/** The best column for each field: highest confidence first, each column used for one field at most. */
export function mapColumns(headers: readonly string[]): ColumnGuess {
  const candidates: Candidate[] = [];
  for (const [field, names] of Object.entries(NAMES) as [LiteratureField, (string | [string, number])[]][]) {
    names.forEach((entry, rank) => {
      const [name, cap] = typeof entry === 'string' ? [entry, 1] : entry;
      headers.forEach((header, column) => {
        const value = score(header, name, cap);
        if (value > 0) candidates.push({ field, column, score: value, rank });
      });
    });
  }
  candidates.sort((a, b) => b.score - a.score || a.rank - b.rank || a.column - b.column);
  const mapping: ColumnMapping = {};
  const confidence: ColumnGuess['confidence'] = {};
  const used = new Set<number>();
  for (const candidate of candidates) {
    if (mapping[candidate.field] !== undefined || used.has(candidate.column)) continue;
    mapping[candidate.field] = candidate.column;
    confidence[candidate.field] = candidate.score;
    used.add(candidate.column);
  }
  const unsure = (Object.keys(confidence) as LiteratureField[]).filter((field) => (confidence[field] ?? 0) < 0.8);
  if (mapping.title === undefined) unsure.unshift('title');
  return { mapping, confidence, unsure };
}
