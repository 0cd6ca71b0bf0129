// @sift/literature: literature exports (PubMed, RIS, EndNote XML, BibTeX, Web of Science, CSV/TSV,
// spreadsheet rows) in, normalised records and an import report out, plus duplicate finding and merging.
export type { ImportReport, LiteratureRecord, SkippedEntry } from './record.ts';
export { decodeLiteratureBytes } from './decode.ts';
export { detectFormat, RECORD_FRAMING, type LiteratureFormat } from './parse/detect.ts';
export { LiteratureFormatError, parseLiterature, type ParseOptions, type ParseResult } from './parse/parseLiterature.ts';
export { LITERATURE_FIELDS, mapColumns, type ColumnGuess, type ColumnMapping, type LiteratureField } from './parse/columns.ts';
export { recordsFromRows, type RowCell, type RowsOptions } from './parse/rows.ts';
export { foldText, normaliseTitle, surnameKeys } from './dedup/normalise.ts';
export { normaliseDoi, normalisePmid } from './text.ts';
export { searchText, searchWords } from './search.ts';
export {
  analyseDuplicates, findDuplicates, type DedupInput, type DedupOptions, type DedupResult, type DuplicateGroup, type DuplicateLink, type DuplicateReason,
} from './dedup/findDuplicates.ts';
export type { PossibleDuplicate, RelatedLink, RelationKind } from './dedup/neighbours.ts';
export { mergeGroup, type MergedField, type MergedRecord } from './dedup/mergeGroup.ts';
export { splitGroup, type SplitResult } from './dedup/splitGroup.ts';
