// The account page: create an account or sign in, with a password or (when the server has one)
// through the institution's sign-in (the work this browser holds moves into the account, and the
// page says how much), or, once signed in, the account, every browser signed in to it (with
// "sign out everywhere"), and closing the account.
import { useId, useState, type FormEvent } from 'react';
import type { RouterOutputs } from '@sift/api';
import { LoadError } from '../components/LoadError.tsx';
import { formatAge } from '../format.ts';
import { trpc } from '../trpc.ts';
import { CloseAccount } from './CloseAccount.tsx';
import { useSignIn, useSignOutEverywhere, useSignUp } from './useAccount.ts';

type Claimed = RouterOutputs['signUp']['claimed'];

/**
 * `signInError`: why an institutional sign-in came back refused (the server's sentence, from the URL).
 * `invite`: the invitation link's token when the page is shown on it: the institutional sign-in
 * carries it through the provider and comes back a member of the project.
 */
export function AccountPage({ signInError, invite }: { signInError?: string | undefined; invite?: string | undefined } = {}) {
  const account = trpc.getAccount.useQuery();
  const [claimed, setClaimed] = useState<Claimed | null>(null);
  const [closed, setClosed] = useState<string | null>(null);
  if (!account.data) return <LoadError query={account} what="your account" />;
  const person = account.data.account;
  const refused = signInError && (
    <p className="message error" role="alert">
      {signInError}
    </p>
  );
  if (person) {
    return (
      <>
        {refused}
        {claimed && <ClaimedMessage claimed={claimed} />}
        <section className="panel" aria-labelledby="account-heading">
          <h2 id="account-heading">Your account</h2>
          <p>
            {person.displayName} <span className="muted">({person.email})</span>
          </p>
          <p className="muted">Your projects, files and decisions belong to this account: sign in from any browser to reach them.</p>
        </section>
        <SessionsPanel />
        {account.data.confirm && <CloseAccount confirm={account.data.confirm} institution={account.data.oidc?.name ?? null} onClosed={setClosed} />}
      </>
    );
  }
  return (
    <>
      {closed && (
        <p className="message success" role="status">
          {closed}
        </p>
      )}
      {account.data.signIn === 'required' && (
        <p className="message" role="note">
          This Sift server keeps work in accounts: sign in, or create an account, to start.
        </p>
      )}
      {refused}
      {account.data.oidc && (
        <section className="panel" aria-labelledby="oidc-heading">
          <h2 id="oidc-heading">Sign in with {account.data.oidc.name}</h2>
          <p>
            {/* A full page load, not a fetch: the browser goes to the provider's sign-in page and comes back. */}
            <a className="button" href={invite ? `/api/auth/oidc/start?invite=${encodeURIComponent(invite)}` : '/api/auth/oidc/start'}>
              Sign in with {account.data.oidc.name}
            </a>
          </p>
          <p className="muted">No Sift password needed; the first time makes your account. What you did in this browser so far comes with you.</p>
        </section>
      )}
      <div className="account-forms">
        <SignUpForm onDone={setClaimed} />
        <SignInForm onDone={setClaimed} />
      </div>
    </>
  );
}

function ClaimedMessage({ claimed }: { claimed: Claimed }) {
  const parts = [
    claimed.projects && `${claimed.projects} review project${claimed.projects === 1 ? '' : 's'}`,
    claimed.tasks && `${claimed.tasks} task${claimed.tasks === 1 ? '' : 's'}`,
    claimed.decisions && `${claimed.decisions} screening decision${claimed.decisions === 1 ? '' : 's'}`,
  ].filter(Boolean);
  if (!parts.length) return null;
  return (
    <p className="message success" role="status">
      The work from this browser is now in your account: {parts.join(', ')}.
    </p>
  );
}

function SignUpForm({ onDone }: { onDone: (claimed: Claimed) => void }) {
  const signUp = useSignUp();
  const [fields, setFields] = useState({ displayName: '', email: '', password: '' });
  const ids = { name: useId(), email: useId(), password: useId() };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signUp.mutate(fields, { onSuccess: (result) => onDone(result.claimed) });
  };
  return (
    <section className="panel" aria-labelledby="sign-up-heading">
      <h2 id="sign-up-heading">Create an account</h2>
      <form className="project-form" onSubmit={submit}>
        <label htmlFor={ids.name}>Your name, as co-reviewers will see it</label>
        <input id={ids.name} value={fields.displayName} onChange={(e) => setFields({ ...fields, displayName: e.target.value })} required maxLength={100} autoComplete="name" />
        <label htmlFor={ids.email}>Email</label>
        <input id={ids.email} type="email" value={fields.email} onChange={(e) => setFields({ ...fields, email: e.target.value })} required autoComplete="email" />
        <label htmlFor={ids.password}>
          Password <span className="muted">(10 characters or more)</span>
        </label>
        <input
          id={ids.password}
          type="password"
          value={fields.password}
          onChange={(e) => setFields({ ...fields, password: e.target.value })}
          required
          minLength={10}
          maxLength={256}
          autoComplete="new-password"
        />
        <div>
          <button type="submit" className="button" disabled={signUp.isPending}>
            {signUp.isPending ? 'Creating…' : 'Create account'}
          </button>
        </div>
        <p className="muted">What you did in this browser so far comes with you into the account.</p>
        {signUp.isError && (
          <p className="message error" role="alert">
            {signUp.error.message}
          </p>
        )}
      </form>
    </section>
  );
}

function SignInForm({ onDone }: { onDone: (claimed: Claimed) => void }) {
  const signIn = useSignIn();
  const [fields, setFields] = useState({ email: '', password: '' });
  const ids = { email: useId(), password: useId() };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate(fields, { onSuccess: (result) => onDone(result.claimed) });
  };
  return (
    <section className="panel" aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">Sign in</h2>
      <form className="project-form" onSubmit={submit}>
        <label htmlFor={ids.email}>Email</label>
        <input id={ids.email} type="email" value={fields.email} onChange={(e) => setFields({ ...fields, email: e.target.value })} required autoComplete="username" />
        <label htmlFor={ids.password}>Password</label>
        <input
          id={ids.password}
          type="password"
          value={fields.password}
          onChange={(e) => setFields({ ...fields, password: e.target.value })}
          required
          autoComplete="current-password"
        />
        <div>
          <button type="submit" className="button" disabled={signIn.isPending}>
            {signIn.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
        <p className="muted">Forgot your password? Ask the person who runs this Sift server for a reset link.</p>
        {signIn.isError && (
          <p className="message error" role="alert">
            {signIn.error.message}
          </p>
        )}
      </form>
    </section>
  );
}

function SessionsPanel() {
  const sessions = trpc.listSessions.useQuery();
  const everywhere = useSignOutEverywhere();
  return (
    <section className="panel" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Where you are signed in</h2>
      <LoadError query={sessions} what="your sessions" />
      {sessions.data && (
        <ul className="session-list">
          {sessions.data.map((session) => (
            <li key={session.id}>
              {session.userAgent || 'An unnamed browser'} <span className="muted">· signed in {formatAge(session.createdAt)}, last used {formatAge(session.lastSeenAt)}</span>
              {session.current && <strong> · this browser</strong>}
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button secondary" onClick={() => everywhere.mutate()} disabled={everywhere.isPending}>
        Sign out everywhere
      </button>
      {everywhere.isError && (
        <p className="message error" role="alert">
          {everywhere.error.message}
        </p>
      )}
    </section>
  );
}
