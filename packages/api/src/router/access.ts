// Who may do what on a shared project: every project procedure names the least role it needs.
// Not a member: NOT_FOUND (nothing is said about whether the project exists); a member without
// the role: FORBIDDEN, saying who can.
import { TRPCError } from '@trpc/server';
import type { ProjectRole } from '@sift/db';
import { projectRole, roleAllows } from '@sift/tasks';
import type { Context } from '../trpc.ts';
import { notFound } from './task.ts';

const NEEDS: Record<Exclude<ProjectRole, 'viewer'>, string> = {
  reviewer: 'You can read this project but not screen in it. Ask one of its owners to make you a reviewer.',
  owner: "Only the project's owners can do this (criteria, imports, duplicates, members, deletion). Ask one of them.",
};

export async function requireRole(ctx: Context, projectId: string | null, needed: ProjectRole): Promise<ProjectRole> {
  const role = projectId ? await projectRole(ctx.db, ctx.ownerId, projectId) : null;
  if (!role) throw notFound('Project');
  if (needed !== 'viewer' && !roleAllows(role, needed)) throw new TRPCError({ code: 'FORBIDDEN', message: NEEDS[needed] });
  return role;
}
