// The header's account line: who is signed in (with a way out), or, for work without an account,
// a plain warning that it lives in this browser only and a way to keep it.
import { routeHash } from '../hooks/useHashRoute.ts';
import { trpc } from '../trpc.ts';
import { useSignOut } from './useAccount.ts';

export function AccountBar() {
  const account = trpc.getAccount.useQuery();
  const signOut = useSignOut();
  if (!account.data) return null;
  const person = account.data.account;
  // Where accounts are required, the page itself asks to sign in: no warning about browser-only work.
  if (!person && account.data.signIn === 'required') return null;
  if (!person) {
    return (
      <p className="account-bar warning" role="note">
        You are working without an account: your work is kept in this browser only, and clearing its cookies loses it.{' '}
        <a href={routeHash({ page: 'account' })}>Create an account or sign in</a> to keep it and share projects.
      </p>
    );
  }
  return (
    <p className="account-bar">
      Signed in as <a href={routeHash({ page: 'account' })}>{person.displayName}</a> <span className="muted">({person.email})</span>{' '}
      <button type="button" className="button secondary inline-action" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
        Sign out
      </button>
    </p>
  );
}
