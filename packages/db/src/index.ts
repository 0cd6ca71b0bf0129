export { createPrismaClient, type ClientOptions, type Db } from './client.ts';
export { openBulkCopy, type BulkCopy, type CopyTarget, type Statement } from './bulkCopy.ts';
export { isDatabaseBusy, isDatabaseUnavailable } from './availability.ts';
export { migrate, listPendingMigrations, MIGRATIONS_DIR } from './migrate.ts';
export { startEmbeddedPostgres, type EmbeddedDatabase } from './embeddedPostgres.ts';
export { connectDatabase, type DatabaseConnection } from './connect.ts';
export { Prisma, TaskState } from './generated/prisma/client.ts';
export type { Task, Dataset, Upload, OperatorAction } from './generated/prisma/client.ts';
export type { Decision, PairVerdict, ProjectRole, RelationKind, ReviewKind, ScreeningMode } from './generated/prisma/enums.ts';
