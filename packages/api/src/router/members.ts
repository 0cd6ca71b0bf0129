// A project's people: the members with their roles and names, invitation links an owner makes
// (single use, 7 days; only from an account, so the invitee knows who asked), joining by one
// (signed in), changing a role, removing a member, and leaving.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { emailSchema, nameActors } from '@sift/accounts';
import { createInvite, findProject, joinByInvite, listMembers, setMemberRole, INVITE_DAYS } from '@sift/tasks';
import { mailLink } from '../mailLinks.ts';
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

  /**
   * A link that makes whoever opens it (signed in) a member in `role`; the owner hands it over, or
   * Sift mails it to `email` when the server sends mail (`mailed` says whether it went).
   */
  createInvite: publicProcedure.input(z.object({ projectId, role, email: emailSchema.optional() })).mutation(async ({ ctx, input }) => {
    await requireRole(ctx, input.projectId, 'owner');
    if (!ctx.signedIn) {
      throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Create an account (or sign in) to share a project: your co-reviewers need to know who invited them.' });
    }
    if (input.email && !ctx.mail) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: 'This server does not send mail (its operator has not set SIFT_SMTP_URL). Make a link and send it yourself.' });
    }
    const { token, expiresAt } = await createInvite(ctx.db, input.projectId, input.role, ctx.ownerId);
    const path = `/#/join/${token}`;
    const invite = { path, expiresAt: expiresAt.toISOString(), validDays: INVITE_DAYS };
    if (!input.email) return { ...invite, mailed: 'off' as const };
    const project = await findProject(ctx.db, ctx.ownerId, input.projectId);
    const inviter = ctx.signedIn.account.displayName;
    const mailed = await mailLink(ctx, {
      to: input.email,
      subject: `${inviter} invites you to a review on Sift: ${project?.name ?? ''}`,
      text: [
        `${inviter} (${ctx.signedIn.account.email}) invites you to work on the systematic review “${project?.name ?? ''}” on Sift, as a ${input.role}.`,
        '',
        `Open this link, then sign in or create an account, and you join the project. It works once, within ${INVITE_DAYS} days:`,
        '',
        `${ctx.siteUrl}${path}`,
        '',
        `If you did not expect it, ignore this message.`,
      ].join('\n'),
    });
    return { ...invite, mailed };
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
