// @sift/tasks: background work on pg-boss and the researcher's data it reads and writes.
// Three groups: the engine (queues, workers, task service, cache, storage, operations), the
// task kinds (one folder each under kinds/), and the data in Postgres (data/, owner-scoped).

// ── engine ─────────────────────────────────────────────────────────────────────────────────
export { startBoss, ensureQueues, deadLetterQueue, batchQueue, queuesOf, type Boss, type TaskEngine } from './boss.ts';
export { createPgCache, type PgCache, type CacheValue, type CacheReadCounts, type CacheSummary } from './cache.ts';
export { createPostgresUploadStorage, UploadClosedError, UploadOffsetError, type UploadStorage, type UploadInfo } from './storage.ts';
export { TaskFailure, TaskInputError, UploadTooLargeError, newErrorReference, unexpectedErrorMessage } from './errors.ts';
export { createProgressReporter, type ProgressReporter } from './progress.ts';
export { startWorkers, type Workers, type WorkerOptions } from './runner/runner.ts';
export { createTaskService, type TaskService } from './taskService.ts';
export { insertTaskWithJob } from './enqueue.ts';
export { toTaskStatus, type TaskStatus } from './taskView.ts';
export {
  defineTaskKind, defineBatchedTaskKind, isBatched,
  type TaskKind, type AnyTaskKind, type TaskContext, type BatchContext, type BatchPlan, type TaskServices, type TaskLog,
} from './taskKind.ts';
export { scheduleMaintenance } from './maintenance.ts';
export { deleteOrphanUploads, storedUploadBytes } from './uploadRetention.ts';
export { createSharedLimit, deleteEndedRateWindows, type RateClient, type SharedLimit, type SharedLimitOptions } from './rateWindows.ts';
export { taskLogContext, type TaskLogFields } from './logContext.ts';
export { startTaskLayer, type TaskLayer, type TaskLayerOptions } from './taskLayer.ts';
export { createOperations, type Operations } from './operations.ts';
export type { QueueView, TaskFigures, ProcessView, FailedTaskView, TaskDetailView, JobView, CacheView, RedriveOutcome, OperatorActionView, Operator } from './operationViews.ts';

// ── kinds ──────────────────────────────────────────────────────────────────────────────────
export { taskKinds, type TaskKindName } from './kinds/index.ts';
export { columnMappingSchema } from './kinds/literatureImport/index.ts';

// ── data: the researcher's data in Postgres, owner-scoped ─────────────────────────────────
export { getDatasetPage, getDatasetSummary, type DatasetPage, type DatasetPageRequest, type DatasetSummary } from './data/datasetStore.ts';
export { getSheetChoices, type SheetChoices } from './data/sheetChoices.ts';
export { datasetCsv, datasetXlsx, type ExportFormat } from './data/datasetExport.ts';
export { neutraliseFormula } from './data/exportText.ts';
export { createProject, listProjects, findProject, getProject, listImports, findImportSource, findSameFileImport, type ProjectSummary, type ProjectDetail, type ImportListing } from './data/projectStore.ts';
export { listRecords, listDuplicateGroups, type RecordSort, type RecordPageRequest, type RecordListing, type GroupListing, type GroupMember } from './data/recordQueries.ts';
export { splitDuplicateGroup, undoSplit } from './data/groupStore.ts';
export { fullTextPage, fullTextProject, listFullTexts, setFullTextRecord, type FullTextListing } from './data/fullTexts.ts';
export { transferWork, type TransferredWork } from './data/ownership.ts';
export { listTrash, purgeTrash, restoreFromTrash, trashProject, trashTask, DEFAULT_TRASH_DAYS, type TrashItem } from './data/trash.ts';
export { describeImportDeletion, trashImport, type ImportDeletion } from './data/importTrash.ts';
export {
  createInvite, joinByInvite, leaveEverything, listMembers, projectOf, projectRole, projectTask, roleAllows, setMemberRole, INVITE_DAYS, type MemberListing,
} from './data/members.ts';
export { decidePossibleDuplicate, listPossibleDuplicates, undoPairDecision, type PossiblePairListing, type PairRecord } from './data/possibleDuplicates.ts';
export type { RelatedListing } from './data/relatedRecords.ts';
export type { StoredReport } from './data/recordStore.ts';
export { latestCriteria, listCriteriaVersions, saveCriteria, type CriteriaVersion } from './data/screeningStore.ts';
export {
  listScreeningRuns, listScreenedRecords, listUnscreenedRecords, prismaCounts,
  type ScreeningRun, type ScreenedRecord, type SecondOpinion, type ScreenedPage, type ScreenedPageRequest, type DecisionFilter, type ScreenedSort, type ExportSet,
} from './data/screeningQueries.ts';
export { reviewRecord, undoReview, reviewHistory, type ReviewableDecision, type ReviewEntry } from './data/screeningReviews.ts';
export { resolveConflict, saveScreeningSettings, undoResolution, type ScreeningSettings } from './data/dualScreening.ts';
export { runAgreement, type PairAgreement, type ReviewerProgress, type RunAgreement } from './data/agreement.ts';
export { rankingSummary, RERANK_EVERY, type RankingSummary } from './data/ranking.ts';
export { applyStoppingRule, startStoppingTest, stoppingStatus, undoStoppingRule, type StoppingView } from './data/stopping.ts';
export { secondOpinionStatus, type SecondOpinionView, type OpinionTally } from './data/secondOpinion.ts';
export { screeningDownload, type ScreeningDownload, type ScreeningDownloadFormat } from './data/screeningDownloads.ts';
