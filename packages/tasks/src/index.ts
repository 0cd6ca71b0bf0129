export { startBoss, ensureQueues, deadLetterQueue, batchQueue, queuesOf, type Boss } from './boss.ts';
export { createPgCache, type PgCache, type CacheValue, type CacheReadCounts, type CacheSummary } from './cache.ts';
export { createPostgresUploadStorage, type UploadStorage, type UploadInfo } from './storage.ts';
export { TaskFailure, TaskInputError, UploadTooLargeError } from './errors.ts';
export { createProgressReporter, type ProgressReporter } from './progress.ts';
export { startWorkers, type Workers, type WorkerOptions } from './runner.ts';
export { createTaskService, insertTaskWithJob, type TaskService } from './taskService.ts';
export { toTaskStatus, type TaskStatus } from './taskView.ts';
export {
  defineTaskKind, defineBatchedTaskKind, isBatched,
  type TaskKind, type AnyTaskKind, type TaskContext, type BatchContext, type BatchPlan, type TaskServices, type TaskLog,
} from './taskKind.ts';
export { taskKinds, type TaskKindName } from './kinds/index.ts';
export { getDatasetPage, getDatasetSummary, type DatasetPage, type DatasetPageRequest, type DatasetSummary } from './kinds/spreadsheet/datasetStore.ts';
export { datasetCsv, datasetXlsx, type ExportFormat } from './kinds/spreadsheet/datasetExport.ts';
export { neutraliseFormula } from './downloads.ts';
export { scheduleMaintenance } from './maintenance.ts';
export {
  createOperations,
  type Operations,
  type Operator,
  type QueueView,
  type TaskFigures,
  type ProcessView,
  type FailedTaskView,
  type TaskDetailView,
  type JobView,
  type CacheView,
  type RedriveOutcome,
  type OperatorActionView,
} from './operations.ts';
export { taskLogContext, type TaskLogFields } from './logContext.ts';
export { startTaskLayer, type TaskLayer, type TaskLayerOptions } from './taskLayer.ts';
export { createProject, listProjects, findProject, getProject, listImports, findImportSource, type ProjectSummary, type ProjectDetail, type ImportListing } from './kinds/literature/projectStore.ts';
export { listRecords, listDuplicateGroups, type RecordSort, type RecordPageRequest, type RecordListing, type GroupListing, type GroupMember } from './kinds/literature/recordQueries.ts';
export { splitDuplicateGroup } from './kinds/literature/groupStore.ts';
export type { StoredReport } from './kinds/literature/recordStore.ts';
export { latestCriteria, listCriteriaVersions, saveCriteria, type CriteriaVersion } from './kinds/screening/screeningStore.ts';
export {
  listScreeningRuns, listScreenedRecords, listUnscreenedRecords, reviewRecord, reviewHistory, prismaCounts,
  type ScreeningRun, type ScreenedRecord, type ScreenedPage, type ScreenedPageRequest, type DecisionFilter, type ScreenedSort,
  type ReviewableDecision, type ReviewEntry, type ExportSet,
} from './kinds/screening/screeningQueries.ts';
export { screeningDownload, type ScreeningDownload, type ScreeningDownloadFormat } from './kinds/screening/screeningDownloads.ts';
export { columnMappingSchema } from './kinds/literatureImport/index.ts';
