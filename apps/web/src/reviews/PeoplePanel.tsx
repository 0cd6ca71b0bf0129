// The project's people: members with their roles (an owner changes roles and removes members),
// an invitation link an owner makes for a role (mailed to an address when the server sends mail),
// "leave this project" for everyone else, and how many of them screen each record (the owner's
// setting, DualSettings).
import { useId, useState, type FormEvent } from 'react';
import type { RouterInputs, RouterOutputs } from '@sift/api';
import { LoadError } from '../components/LoadError.tsx';
import { navigate } from '../hooks/useHashRoute.ts';
import { DualSettings } from '../screening/DualSettings.tsx';
import { trpc, type ProjectDetail } from '../trpc.ts';

type Role = RouterInputs['createInvite']['role'];
type Member = RouterOutputs['listMembers'][number];

export const ROLE_LABELS: Record<Role, string> = { owner: 'Owner', reviewer: 'Reviewer', viewer: 'Viewer' };
const ROLE_HELP = 'Viewers read; reviewers also screen; owners also manage criteria, imports, duplicates and members.';

export function PeoplePanel({ project }: { project: ProjectDetail }) {
  const members = trpc.listMembers.useQuery({ projectId: project.id });
  const owner = project.role === 'owner';
  return (
    <section className="panel" aria-labelledby="people-heading">
      <h2 id="people-heading">People</h2>
      <p className="muted">
        You are {project.role === 'owner' ? 'an owner' : `a ${project.role}`} of this project. {ROLE_HELP}
      </p>
      <LoadError query={members} what="the members" />
      {members.data && (
        <ul className="member-list" aria-label="Members">
          {members.data.map((member) => (
            <MemberRow key={member.memberId} member={member} projectId={project.id} canManage={owner} />
          ))}
        </ul>
      )}
      {owner && <InviteForm projectId={project.id} />}
      {owner && <DualSettings project={project} />}
    </section>
  );
}

function MemberRow({ member, projectId, canManage }: { member: Member; projectId: string; canManage: boolean }) {
  const utils = trpc.useUtils();
  const change = trpc.setMemberRole.useMutation({
    onSuccess: async () => {
      if (member.you && !canManage) navigate({ page: 'reviews' });
      await utils.invalidate();
    },
  });
  const setRole = (role: Role | null) => change.mutate({ projectId, memberId: member.memberId, role });
  return (
    <li>
      <strong>{member.name}</strong> · {ROLE_LABELS[member.role]}
      {canManage && (
        <select aria-label={`Role of ${member.name}`} value={member.role} onChange={(event) => setRole(event.target.value as Role)} disabled={change.isPending}>
          {Object.entries(ROLE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      )}
      {(canManage || member.you) && (
        <button type="button" className="button secondary inline-action" onClick={() => setRole(null)} disabled={change.isPending}>
          {member.you ? 'Leave this project' : `Remove ${member.name}`}
        </button>
      )}
      {change.isError && (
        <span className="message error" role="alert">
          {change.error.message}
        </span>
      )}
    </li>
  );
}

const MAILED = {
  sent: (to: string) => `Mailed to ${to}. The link, should it not arrive (it works once, for`,
  failed: (to: string) => `The mail to ${to} did not go out. Send this link yourself (it works once, for`,
  off: () => 'Send this link to one person (it works once, for',
} as const;

function InviteForm({ projectId }: { projectId: string }) {
  const invite = trpc.createInvite.useMutation();
  const settings = trpc.getSettings.useQuery();
  const [role, setRole] = useState<Role>('reviewer');
  const [email, setEmail] = useState('');
  const roleId = useId();
  const emailId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate({ projectId, role, ...(email.trim() ? { email: email.trim() } : {}) });
  };
  const link = invite.data && new URL(invite.data.path, window.location.origin).toString();
  return (
    <form className="ops-inline-form" onSubmit={submit}>
      <label htmlFor={roleId}>Invite someone as</label>
      <select id={roleId} value={role} onChange={(event) => setRole(event.target.value as Role)}>
        {Object.entries(ROLE_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      {settings.data?.mail && (
        <>
          <label htmlFor={emailId}>email (optional)</label>
          <input id={emailId} type="email" value={email} onChange={(event) => setEmail(event.target.value)} placeholder="name@example.org" />
        </>
      )}
      <button type="submit" className="button" disabled={invite.isPending}>
        {email.trim() ? 'Mail an invitation' : 'Make an invitation link'}
      </button>
      {link && (
        <p className="message success" role="status">
          {MAILED[invite.data.mailed](invite.variables?.email ?? '')} {invite.data.validDays} days; they sign in, then join): <code className="reset-link">{link}</code>
        </p>
      )}
      {invite.isError && (
        <p className="message error" role="alert">
          {invite.error.message}
        </p>
      )}
    </form>
  );
}
