// The typed tRPC hooks for the Sift API, and the server output types the components use.
// AppRouter is imported as a type only: no server code reaches the browser bundle.
import { createTRPCReact } from '@trpc/react-query';
import type { AppRouter, RouterInputs, RouterOutputs } from '@sift/api';

export const trpc = createTRPCReact<AppRouter>();

export type TaskStatus = RouterOutputs['getTaskStatus'];
export type TaskState = TaskStatus['state'];
export type DatasetSummary = RouterOutputs['getDataset'];
export type DatasetPage = RouterOutputs['getDatasetRows'];
export type CellValue = DatasetPage['rows'][number][number];
export type ColumnProfile = DatasetSummary['profile'][number];
export type CellNote = DatasetSummary['notes'][number];
export type SheetInfo = DatasetSummary['sheets'][number];
/** A sort the server applies before paging: a 0-based column and a direction. */
export type RowSort = NonNullable<RouterInputs['getDatasetRows']['sort']>;

/** A task in one of these states will not change again, so nothing needs to poll it. */
export function isFinished(state: TaskState): boolean {
  return state === 'ready' || state === 'error' || state === 'cancelled';
}

// Literature reviews.
export type ProjectSummary = RouterOutputs['listProjects'][number];
export type ProjectDetail = RouterOutputs['getProject'];
export type ImportListing = RouterOutputs['listImports'][number];
export type ImportReport = NonNullable<ImportListing['report']>;
/** A table import's columns as the researcher chooses them: field => 0-based column of the file. */
export type ColumnChoice = RouterInputs['remapImportColumns']['columns'];
export type LiteratureField = keyof ColumnChoice;
export type RecordListing = RouterOutputs['listRecords']['records'][number];
export type RecordSortKey = NonNullable<RouterInputs['listRecords']['sort']>;
export type SortDirection = NonNullable<RouterInputs['listRecords']['direction']>;
export type DuplicateGroupListing = RouterOutputs['listDuplicateGroups']['groups'][number];
export type FullTextListing = RouterOutputs['listFullTexts'][number];
export type DuplicateReason = DuplicateGroupListing['reason'];
export type PossiblePair = RouterOutputs['listPossibleDuplicates']['pairs'][number];
export type PairRecord = PossiblePair['records'][number];
export type RelatedListing = RecordListing['related'][number];

// Screening.
export type ScreeningOverview = RouterOutputs['getScreening'];
export type CriteriaVersion = NonNullable<ScreeningOverview['criteria']>;
export type Criteria = RouterInputs['saveCriteria']['criteria'];
export type StudyDesign = Criteria['designs'][number];
/** The study designs a criteria form offers, with their labels, in the server's order. */
export type DesignOption = ScreeningOverview['designs'][number];
export type ScreeningRun = ScreeningOverview['runs'][number];
export type ScreenerChoice = NonNullable<RouterInputs['startScreening']['screener']>;
export type ScreenedPage = RouterOutputs['listScreenedRecords'];
export type ScreenedRecord = ScreenedPage['records'][number];
export type DecisionCounts = ScreenedPage['counts'];
export type Decision = ScreenedRecord['effective'];
export type ReviewDecision = RouterInputs['reviewRecord']['decision'];
export type DecisionFilter = NonNullable<RouterInputs['listScreenedRecords']['decision']>;
export type ScreenedSortKey = NonNullable<RouterInputs['listScreenedRecords']['sort']>;
export type Highlight = ScreenedRecord['highlights'][number];
export type ReviewEntry = RouterOutputs['getReviewHistory'][number];
export type PrismaFlowView = RouterOutputs['getPrismaFlow'];
export type RankingView = RouterOutputs['getRanking'];
export type StoppingView = RouterOutputs['getStopping'];
export type SecondOpinionView = RouterOutputs['getSecondOpinion'];
export type CriteriaPreview = RouterOutputs['previewCriteria'];
