// A project's people: the members with their roles and names, invitation links an owner makes
// (single use, 7 days; only from an account, so the invitee knows who asked), joining by one
// (signed in), changing a role, removing a member, and leaving.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { nameActors } from '@sift/accounts';
import { createInvite, joinByInvite, listMembers, setMemberRole, INVITE_DAYS } from '@sift/tasks';
import { accountProcedure, publicProcedure, router, type Context } from '../trpc.ts';
import { requireRole } from './access.ts';

const projectId = z.uuid();
const role = z.enum(['owner', 'reviewer', 'viewer']);

async function namedMembers(ctx: Context, id: string) {
  const members = await listMembers(ctx.db, id);
  const names = await nameActors(ctx.db, members.map((member) => member.memberId), ctx.ownerId);
  return members.map((member) => ({ ...member, name: names.get(member.memberId)!, you: member.memberId === ctx.ownerId }));
}

export const membersRouter = router({
  listMembers: publicProcedure.input(z.object({ projectId })).query(async ({ ctx, input }) => {
    await requireRole(ctx, input.projectId, 'viewer');
    return namedMembers(ctx, input.projectId);
  }),

  /** A link that makes whoever opens it (signed in) a member in `role`; the owner hands it over. */
  createInvite: publicProcedure.input(z.object({ projectId, role })).mutation(async ({ ctx, input }) => {
    await requireRole(ctx, input.projectId, 'owner');
    if (!ctx.signedIn) {
      throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Create an account (or sign in) to share a project: your co-reviewers need to know who invited them.' });
    }
    const { token, expiresAt } = await createInvite(ctx.db, input.projectId, input.role, ctx.ownerId);
    return { path: `/#/join/${token}`, expiresAt: expiresAt.toISOString(), validDays: INVITE_DAYS };
  }),

  joinProject: accountProcedure.input(z.object({ token: z.string().min(20).max(100) })).mutation(({ ctx, input }) => joinByInvite(ctx.db, input.token, ctx.ownerId)),

  /** Changes a member's role, or removes them (`role: null`). Owners manage everyone; anyone may remove themselves (leave). */
  setMemberRole: publicProcedure
    .input(z.object({ projectId, memberId: z.string().min(1).max(100), role: role.nullable() }))
    .mutation(async ({ ctx, input }) => {
      const leaving = input.memberId === ctx.ownerId && input.role === null;
      await requireRole(ctx, input.projectId, leaving ? 'viewer' : 'owner');
      await setMemberRole(ctx.db, input.projectId, input.memberId, input.role);
      return leaving ? [] : namedMembers(ctx, input.projectId);
    }),
});
