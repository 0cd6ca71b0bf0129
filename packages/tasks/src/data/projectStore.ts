// Projects and their imports as their members see them: a project the asker is not a member of
// reads as missing (null). Counts come from indexed per-project queries.
import type { Db, Prisma, ProjectRole, ScreeningMode, Task } from '@sift/db';
import { TaskInputError } from '../errors.ts';
import { toTaskStatus, type TaskStatus } from '../taskView.ts';
import { liveRecord } from './liveRecords.ts';
import { memberOf } from './members.ts';
import type { StoredReport } from './recordStore.ts';

export interface ProjectSummary {
  id: string;
  name: string;
  question: string;
  createdAt: string;
  /** The asker's role in it. */
  role: ProjectRole;
}

export interface ProjectDetail extends ProjectSummary {
  counts: { records: number; imports: number; duplicateGroups: number; recordsInGroups: number; afterDedup: number };
  /** The newest de-duplication task (each finished import starts one), so a page can follow it. */
  dedup: TaskStatus | null;
  /** One reviewer per record or two independent ones; whether non-owners see the screener's suggestion (dualScreening.ts). */
  screening: { screeningMode: ScreeningMode; hideScreener: boolean };
}

export interface ImportListing {
  taskId: string;
  importId: string | null;
  fileName: string;
  /** Null until the task has read the file. */
  format: string | null;
  report: StoredReport | null;
  task: TaskStatus;
}

type ProjectWithRole = { id: string; name: string; question: string; createdAt: Date; members: { role: ProjectRole }[] };

const summary = (project: ProjectWithRole): ProjectSummary => ({
  id: project.id,
  name: project.name,
  question: project.question,
  createdAt: project.createdAt.toISOString(),
  role: project.members[0]!.role,
});

/** The asker's own membership row, read with the project. */
const asker = (memberId: string) => ({ members: { where: { memberId }, select: { role: true } } }) as const;

/** A new project; its creator is its first owner. */
export async function createProject(db: Db, ownerId: string, data: { name: string; question: string }): Promise<ProjectSummary> {
  return summary(await db.project.create({ data: { ...data, ownerId, members: { create: { memberId: ownerId, role: 'owner' } } }, include: asker(ownerId) }));
}

/** Every project the person is a member of, newest first, with their role in each. */
export async function listProjects(db: Db, memberId: string): Promise<ProjectSummary[]> {
  const projects = await db.project.findMany({ where: memberOf(memberId), orderBy: { createdAt: 'desc' }, include: asker(memberId) });
  return projects.map(summary);
}

/** The project, if the person is a member of it, with their membership (role). */
export async function findProject(db: Db, memberId: string, projectId: string) {
  return db.project.findFirst({ where: { id: projectId, ...memberOf(memberId) }, include: asker(memberId) });
}

/** The owner's project for a task about to start; another owner's project reads as missing. */
export async function requireProject(db: Db, ownerId: string, projectId: string) {
  const project = await findProject(db, ownerId, projectId);
  if (!project) throw new TaskInputError('That project was not found. It may have been removed, or you are not a member of it.');
  return project;
}

export async function getProject(db: Db, ownerId: string, projectId: string): Promise<ProjectDetail | null> {
  const project = await findProject(db, ownerId, projectId);
  if (!project) return null;
  const [records, imports, duplicateGroups, recordsInGroups, dedup] = await Promise.all([
    db.literatureRecord.count({ where: { projectId, ...liveRecord } }),
    db.literatureImport.count({ where: { projectId, deletedAt: null } }),
    db.duplicateGroup.count({ where: { projectId } }),
    db.duplicateGroupMember.count({ where: { group: { projectId } } }),
    db.task.findFirst({ where: { kind: 'literature-dedup', input: { path: ['projectId'], equals: projectId } }, orderBy: { createdAt: 'desc' } }),
  ]);
  // Each group stands for one paper: its members count once.
  const afterDedup = records - recordsInGroups + duplicateGroups;
  return {
    ...summary(project),
    counts: { records, imports, duplicateGroups, recordsInGroups, afterDedup },
    dedup: dedup ? toTaskStatus(dedup) : null,
    screening: { screeningMode: project.screeningMode, hideScreener: project.hideScreener },
  };
}

/**
 * The project and upload an import read, and who imported it, if the asker is a member of its
 * project: a re-read reads the same upload, which belongs to the person who imported it.
 */
export async function findImportSource(db: Db, memberId: string, importId: string): Promise<{ projectId: string; uploadId: string; importedBy: string } | null> {
  const entry = await db.literatureImport.findFirst({ where: { id: importId, deletedAt: null, project: memberOf(memberId) }, select: { projectId: true, taskId: true } });
  const task = entry && (await db.task.findFirst({ where: { id: entry.taskId }, select: { input: true, ownerId: true } }));
  const uploadId = (task?.input as { uploadId?: string } | undefined)?.uploadId;
  return entry && task && uploadId ? { projectId: entry.projectId, uploadId, importedBy: task.ownerId } : null;
}

/**
 * Every imported file of the project, newest first, queued and failed ones included: for each, its
 * newest task (the first read, or a re-read with the researcher's columns) and the stored report
 * once read.
 */
export async function listImports(db: Db, ownerId: string, projectId: string): Promise<ImportListing[] | null> {
  if (!(await findProject(db, ownerId, projectId))) return null;
  const where: Prisma.TaskWhereInput = { kind: 'literature-import', deletedAt: null, input: { path: ['projectId'], equals: projectId } };
  const tasks = await db.task.findMany({ where, orderBy: { createdAt: 'desc' } });
  const imports = await db.literatureImport.findMany({ where: { projectId } });
  const byTask = new Map(imports.map((entry) => [entry.taskId, entry]));
  const byId = new Map(imports.map((entry) => [entry.id, entry]));
  // A file's reads share its import row: the first read owns it, re-reads name it in their input.
  const files = new Map<string, { newest: Task; first: Task; entry: (typeof imports)[number] | undefined }>();
  for (const task of tasks) {
    const entry = byTask.get(task.id) ?? byId.get((task.input as { importId?: string }).importId ?? '');
    const file = files.get(entry?.id ?? task.id);
    if (file) file.first = task;
    else files.set(entry?.id ?? task.id, { newest: task, first: task, entry });
  }
  const now = new Date();
  return [...files.values()]
    .filter(({ entry }) => !entry?.deletedAt) // a file in the trash, with every read of it
    .sort((a, b) => b.first.createdAt.getTime() - a.first.createdAt.getTime())
    .map(({ newest, entry }) => ({
      taskId: newest.id,
      importId: entry?.id ?? null,
      fileName: entry?.fileName ?? newest.title,
      format: entry?.format ?? null,
      report: (entry?.report ?? null) as StoredReport | null,
      task: toTaskStatus(newest, now),
    }));
}

/**
 * An earlier import into the project of a file with the same bytes as this upload (by SHA-256), if
 * any: importing it again would count its records twice among those identified in PRISMA. An
 * import in the trash does not count: its records are not in the project.
 */
export async function findSameFileImport(db: Db, projectId: string, uploadId: string): Promise<{ fileName: string; importedAt: string } | null> {
  const [earlier] = await db.$queryRaw<{ fileName: string; importedAt: Date }[]>`
    SELECT li.file_name AS "fileName", li.created_at AS "importedAt"
    FROM upload u
    JOIN upload same ON same.sha256 = u.sha256
    JOIN task t ON t.kind = 'literature-import' AND t.input->>'uploadId' = same.id::text AND t.input->>'projectId' = ${projectId}
    JOIN literature_import li ON li.task_id = t.id AND li.project_id = ${projectId}::uuid AND li.deleted_at IS NULL
    WHERE u.id = ${uploadId}::uuid AND u.sha256 IS NOT NULL
    ORDER BY li.created_at LIMIT 1`;
  return earlier ? { fileName: earlier.fileName, importedAt: earlier.importedAt.toISOString() } : null;
}
