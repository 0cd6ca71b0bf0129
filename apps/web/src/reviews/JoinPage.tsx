// An invitation link: a signed-in person joins the project in the link's role and goes to it;
// anyone else signs in or creates an account first, on this same page.
import { AccountPage } from '../account/AccountPage.tsx';
import { navigate } from '../hooks/useHashRoute.ts';
import { trpc } from '../trpc.ts';
import { ROLE_LABELS } from './PeoplePanel.tsx';

export function JoinPage({ token }: { token: string }) {
  const account = trpc.getAccount.useQuery();
  const utils = trpc.useUtils();
  const join = trpc.joinProject.useMutation({
    onSuccess: async (joined) => {
      await utils.listProjects.invalidate();
      navigate({ page: 'project', projectId: joined.projectId, step: 'import' });
    },
  });
  if (!account.data) return null;
  if (!account.data.account) {
    return (
      <>
        <p className="message" role="note">
          You were invited to a review project. Sign in, or create an account, to join it.
        </p>
        <AccountPage invite={token} />
      </>
    );
  }
  return (
    <section className="panel" aria-labelledby="join-heading">
      <h2 id="join-heading">Join a review project</h2>
      <p>You were invited to a review project. You join as {account.data.account.displayName}, in the role the link gives.</p>
      <button type="button" className="button" onClick={() => join.mutate({ token })} disabled={join.isPending}>
        Join the project
      </button>
      {join.data && <p role="status">Joined as {ROLE_LABELS[join.data.role]}.</p>}
      {join.isError && (
        <p className="message error" role="alert">
          {join.error.message}
        </p>
      )}
    </section>
  );
}
