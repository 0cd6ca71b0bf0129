// EndNote XML (Desktop and Web), through fast-xml-parser one <record> at a time: the file is cut at
// <record>/</record> first, so a malformed or truncated record is reported with its line and the
// others still import. Field text is gathered in document order from the <style> runs Desktop
// wraps around every value (Web writes bare text); order-preserving mode keeps mixed runs in place.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { emptyRecord, type LiteratureRecord } from '../record.ts';
import { cleanMarkup, cleanText, firstDoi, formatAuthors, normalisePmid, parseYear, pmidInText, splitKeywords } from '../text.ts';
import { LiteratureFormatError, lineFinder, RecordError, type ReadPlan, type RecordSource, snippet } from './source.ts';

/** A node in fast-xml-parser's order-preserving output: one tag name => children, or "#text". */
type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  htmlEntities: true,
  parseTagValue: false,
  trimValues: false,
});

export function readEndnoteXml(text: string): ReadPlan<string> {
  // Entities are declared in a DTD; without one, nothing can expand ("billion laughs"), so none is let in.
  if (text.includes('<!DOCTYPE')) {
    throw new LiteratureFormatError('it contains a <!DOCTYPE> declaration, which EndNote never writes and which can make an XML reader expand text without end');
  }
  const sources: RecordSource<string>[] = [];
  const skipped: ReadPlan<string>['skipped'] = [];
  const opening = /<record>/g;
  const lineAt = lineFinder(text);
  let end = 0;
  for (let match = opening.exec(text); match; match = opening.exec(text)) {
    const start = match.index;
    const stray = text.slice(end, start).replace(/<\?xml[^>]*\?>|<\/?xml>|<\/?records>/g, '').trim();
    if (stray) skipped.push({ line: lineAt(text.indexOf(stray.slice(0, 40), end)), reason: `Text outside any record: "${snippet(stray)}"` });
    const close = text.indexOf('</record>', start);
    const next = text.indexOf('<record>', start + 8);
    const recordLine = lineAt(start);
    if (close === -1 || (next !== -1 && next < close)) {
      const stop = next === -1 ? text.length : next;
      sources.push({ line: recordLine, raw: text.slice(start, stop).trimEnd(), incomplete: 'This record has no closing </record>: it looks truncated, so it was not imported', data: '' });
      end = stop;
      opening.lastIndex = stop;
      continue;
    }
    end = close + '</record>'.length;
    sources.push({ line: recordLine, raw: text.slice(start, end), data: text.slice(start, end) });
    opening.lastIndex = end;
  }
  if (sources.length === 0 && text.trim() !== '') skipped.push({ line: 1, reason: 'No <record> elements: this is not an EndNote XML export' });
  return { sources, skipped, build: buildEndnoteRecord };
}

function buildEndnoteRecord(source: RecordSource<string>, sourceFile: string | null): LiteratureRecord {
  const valid = XMLValidator.validate(source.data);
  if (valid !== true) {
    const message = valid.err.msg.replace(/\s*\(opened in line \d+, col \d+\)/, '');
    throw new RecordError(`Malformed XML at line ${source.line + valid.err.line - 1}: ${message}`);
  }
  const record = emptyRecord(source.raw, sourceFile);
  const root = childrenOf(parseRecord(source), 'record');
  const field = (...path: string[]) => cleanText(textOf(find(root, path)));
  const fieldMarkup = (...path: string[]) => cleanMarkup(textOf(find(root, path)));
  record.title = fieldMarkup('titles', 'title');
  record.abstract = fieldMarkup('abstract');
  record.authors = formatAuthors(findAll(root, ['contributors', 'authors', 'author']).map((author) => textOf(author)));
  record.year = parseYear(field('dates', 'year')) ?? parseYear(field('dates', 'pub-dates', 'date'));
  record.journal = fieldMarkup('periodical', 'full-title') ?? fieldMarkup('titles', 'secondary-title') ?? fieldMarkup('periodical', 'abbr-1');
  record.volume = field('volume');
  record.issue = field('number') ?? field('issue');
  record.pages = field('pages');
  const urls = findAll(root, ['urls', 'related-urls', 'url']).map((url) => textOf(url));
  record.doi = firstDoi([field('electronic-resource-num'), ...urls, field('notes')]);
  const database = `${field('remote-database-name') ?? ''} ${field('remote-database-provider') ?? ''}`;
  const accession = field('accession-num');
  record.pmid =
    (/pubmed|medline|\bnlm\b/i.test(database) ? normalisePmid(accession) : null) ?? pmidInText(field('notes')) ?? urls.map((url) => pmidInText(url)).find((pmid) => pmid) ?? null;
  record.keywords = splitKeywords(findAll(root, ['keywords', 'keyword']).map((keyword) => textOf(keyword)));
  record.language = field('language');
  record.publicationType = field('work-type') ?? refTypeName(root);
  return record;
}

/** Valid XML the parser still refuses (nested deeper than it allows) is this record's problem, not the file's. */
function parseRecord(source: RecordSource<string>): XmlNode[] {
  try {
    return parser.parse(source.data) as XmlNode[];
  } catch (error) {
    throw new RecordError(`Unreadable XML at line ${source.line}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function childrenOf(nodes: XmlNode[], name: string): XmlNode[] {
  const node = nodes.find((entry) => name in entry);
  return (node?.[name] as XmlNode[] | undefined) ?? [];
}

/** The children of the first element at the path. */
function find(nodes: XmlNode[], path: string[]): XmlNode[] {
  return path.reduce((current, name) => childrenOf(current, name), nodes);
}

/** The children of every element at the path (all <author> elements, all <keyword> elements). */
function findAll(nodes: XmlNode[], path: string[]): XmlNode[][] {
  const parents = find(nodes, path.slice(0, -1));
  const name = path.at(-1) as string;
  return parents.filter((entry) => name in entry).map((entry) => entry[name] as XmlNode[]);
}

/** All text below the nodes, in document order (<style> runs and bare text). */
function textOf(nodes: XmlNode[]): string {
  let text = '';
  for (const node of nodes) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '#text') text += Array.isArray(value) ? textOf(value as XmlNode[]) : String(value);
      else if (key !== ':@' && Array.isArray(value)) text += textOf(value as XmlNode[]);
    }
  }
  return text;
}

function refTypeName(root: XmlNode[]): string | null {
  const node = root.find((entry) => 'ref-type' in entry);
  const attributes = node?.[':@'] as Record<string, string> | undefined;
  return cleanText(attributes?.name);
}
