// Who works on a project and in which role: the membership every project read checks, the
// members list, single-use invitation links (7 days), role changes and leaving. A project always
// keeps at least one owner.
import { hashToken, newToken } from '@sift/accounts';
import type { Db, Prisma, ProjectRole } from '@sift/db';
import { TaskInputError } from '../errors.ts';
import { liveRecord } from './liveRecords.ts';
import { toTaskStatus, type TaskStatus } from '../taskView.ts';

export const INVITE_DAYS = 7;

/** Ranks for "at least this role": an owner may do what a reviewer may, a reviewer what a viewer may. */
const RANK: Record<ProjectRole, number> = { viewer: 1, reviewer: 2, owner: 3 };

export function roleAllows(role: ProjectRole, needed: ProjectRole): boolean {
  return RANK[role] >= RANK[needed];
}

/** The Prisma filter for "projects this person is a member of" (a project in the trash is nobody's until restored). */
export function memberOf(memberId: string): Prisma.ProjectWhereInput {
  return { deletedAt: null, members: { some: { memberId } } };
}

export async function projectRole(db: Db, memberId: string, projectId: string): Promise<ProjectRole | null> {
  const member = await db.projectMember.findFirst({ where: { projectId, memberId, project: { deletedAt: null } }, select: { role: true } });
  return member?.role ?? null;
}

export interface MemberListing {
  memberId: string;
  role: ProjectRole;
  addedAt: string;
}

export async function listMembers(db: Db, projectId: string): Promise<MemberListing[]> {
  const members = await db.projectMember.findMany({ where: { projectId }, orderBy: { addedAt: 'asc' } });
  return members.map((member) => ({ memberId: member.memberId, role: member.role, addedAt: member.addedAt.toISOString() }));
}

export async function createInvite(db: Db, projectId: string, role: ProjectRole, createdBy: string): Promise<{ token: string; expiresAt: Date }> {
  const { token, tokenHash } = newToken();
  const expiresAt = new Date(Date.now() + INVITE_DAYS * 24 * 60 * 60 * 1000);
  await db.projectInvite.create({ data: { projectId, role, tokenHash, createdBy, expiresAt } });
  return { token, expiresAt };
}

/**
 * Makes the person a member in the invitation's role and spends it, in one transaction. A person
 * who is already a member keeps the higher of the two roles, and the link stays unspent for
 * whoever it was meant for.
 */
export async function joinByInvite(db: Db, token: string, memberId: string): Promise<{ projectId: string; role: ProjectRole }> {
  return db.$transaction(async (tx) => {
    const invite = await tx.projectInvite.findUnique({ where: { tokenHash: hashToken(token) } });
    if (!invite || invite.usedAt || invite.expiresAt <= new Date()) {
      throw new TaskInputError('This invitation link has been used or has expired. Ask the project owner for a new one.');
    }
    const existing = await tx.projectMember.findUnique({ where: { projectId_memberId: { projectId: invite.projectId, memberId } } });
    if (existing) return { projectId: existing.projectId, role: existing.role };
    const spent = await tx.projectInvite.updateMany({ where: { id: invite.id, usedAt: null }, data: { usedAt: new Date(), usedBy: memberId } });
    if (spent.count !== 1) throw new TaskInputError('This invitation link has just been used. Ask the project owner for a new one.');
    await tx.projectMember.create({ data: { projectId: invite.projectId, memberId, role: invite.role } });
    return { projectId: invite.projectId, role: invite.role };
  });
}

/** Changes a member's role, or removes them (role null); refuses to leave the project without an owner. */
export async function setMemberRole(db: Db, projectId: string, memberId: string, role: ProjectRole | null): Promise<MemberListing[]> {
  await db.$transaction(async (tx) => {
    // Rows locked in a fixed order, so two owners demoting each other at once cannot both succeed.
    const owners = await tx.$queryRaw<{ member_id: string }[]>`
      SELECT member_id FROM project_member WHERE project_id = ${projectId}::uuid AND role = 'owner' ORDER BY member_id FOR UPDATE`;
    const member = await tx.projectMember.findUnique({ where: { projectId_memberId: { projectId, memberId } } });
    if (!member) throw new TaskInputError('That person is not a member of this project.');
    if (member.role === 'owner' && role !== 'owner' && owners.length === 1) {
      throw new TaskInputError('A project needs an owner. Make someone else an owner first.');
    }
    if (role) await tx.projectMember.update({ where: { projectId_memberId: { projectId, memberId } }, data: { role } });
    else await tx.projectMember.delete({ where: { projectId_memberId: { projectId, memberId } } });
  });
  return listMembers(db, projectId);
}

/** The project a duplicate group, a split, an import or a record belongs to (no access check: the caller checks the role next). */
export async function projectOf(
  db: Db,
  thing: { groupId: string } | { splitId: string } | { importId: string } | { recordId: string },
): Promise<string | null> {
  const row =
    'recordId' in thing
      ? await db.literatureRecord.findFirst({ where: { id: thing.recordId, ...liveRecord }, select: { projectId: true } })
      : 'groupId' in thing
      ? await db.duplicateGroup.findUnique({ where: { id: thing.groupId }, select: { projectId: true } })
      : 'splitId' in thing
        ? await db.keepApart.findFirst({ where: { splitId: thing.splitId }, select: { projectId: true } })
        : await db.literatureImport.findUnique({ where: { id: thing.importId }, select: { projectId: true } });
  return row?.projectId ?? null;
}

/**
 * A task of a project the asker is a member of but did not start (a co-owner's import, the run a
 * reviewer screens): its status, who started it and the asker's role. Null otherwise.
 */
export async function projectTask(db: Db, memberId: string, taskId: string): Promise<{ status: TaskStatus; ownerId: string; role: ProjectRole } | null> {
  const task = await db.task.findUnique({ where: { id: taskId } });
  const projectId = (task?.input as { projectId?: unknown } | undefined)?.projectId;
  if (!task || typeof projectId !== 'string') return null;
  const role = await projectRole(db, memberId, projectId);
  return role && { status: toTaskStatus(task), ownerId: task.ownerId, role };
}

/**
 * A person leaves every project, as their account closes. Where they were the only owner, the
 * project is handed to its longest-standing reviewer (else viewer) when `others` is "hand-over",
 * and moved to the trash when it is "delete" or nobody else is a member. Their own files go to the
 * trash too. Counts what happened, for the page to say.
 */
export async function leaveEverything(
  tx: Prisma.TransactionClient,
  memberId: string,
  others: 'hand-over' | 'delete',
): Promise<{ left: number; handedOver: number; deleted: number; files: number }> {
  const memberships = await tx.projectMember.findMany({ where: { memberId, project: { deletedAt: null } }, select: { projectId: true, role: true } });
  const outcome = { left: 0, handedOver: 0, deleted: 0, files: 0 };
  const now = new Date();
  for (const { projectId, role } of memberships) {
    const rest = await tx.projectMember.findMany({ where: { projectId, memberId: { not: memberId } }, orderBy: { addedAt: 'asc' } });
    const soleOwner = role === 'owner' && !rest.some((member) => member.role === 'owner');
    if (soleOwner && (others === 'delete' || rest.length === 0)) {
      await tx.project.update({ where: { id: projectId }, data: { deletedAt: now } });
      outcome.deleted += 1;
      continue;
    }
    if (soleOwner) {
      const heir = rest.find((member) => member.role === 'reviewer') ?? rest[0]!;
      await tx.projectMember.update({ where: { projectId_memberId: { projectId, memberId: heir.memberId } }, data: { role: 'owner' } });
      outcome.handedOver += 1;
    }
    await tx.projectMember.delete({ where: { projectId_memberId: { projectId, memberId } } });
    outcome.left += 1;
  }
  const files = await tx.task.updateMany({ where: { ownerId: memberId, kind: 'spreadsheet', deletedAt: null }, data: { deletedAt: now } });
  outcome.files = files.count;
  return outcome;
}
