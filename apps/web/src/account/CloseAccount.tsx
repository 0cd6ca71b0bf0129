// Closing the account: the person chooses what becomes of shared projects they own alone (handed
// to their longest-standing reviewer, or moved to the trash), confirms with their password (or,
// without one, by signing in again at their institution, which brings them back here), and is
// told what happened. Their decisions stay in the projects' audit trails, under their name.
import { useId, useState, type FormEvent } from 'react';
import type { RouterInputs, RouterOutputs } from '@sift/api';
import { trpc } from '../trpc.ts';

type SharedProjects = RouterInputs['deleteAccount']['sharedProjects'];
type Closed = RouterOutputs['deleteAccount'];
type Confirm = NonNullable<RouterOutputs['getAccount']['confirm']>;

/** What the page says once the account is closed (the page then shows the sign-in forms again). */
export function closedMessage(closed: Closed): string {
  return `Your account is closed. Shared projects handed over: ${closed.handedOver}; moved to the trash: ${closed.deleted} project(s) and ${closed.files} file(s).`;
}

/** `institution`: the name of the institutional sign-in this server offers, if any. */
export function CloseAccount({ confirm, institution, onClosed }: { confirm: Confirm; institution: string | null; onClosed: (message: string) => void }) {
  const utils = trpc.useUtils();
  const close = trpc.deleteAccount.useMutation({
    onSuccess: async (outcome) => {
      onClosed(closedMessage(outcome));
      await utils.invalidate();
    },
  });
  const [sharedProjects, setSharedProjects] = useState<SharedProjects>('hand-over');
  const [password, setPassword] = useState('');
  const passwordId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    close.mutate(confirm.password ? { password, sharedProjects } : { sharedProjects });
  };
  const confirmed = !confirm.password && confirm.confirmedUntil !== null;
  return (
    <section className="panel" aria-labelledby="close-heading">
      <h2 id="close-heading">Close your account</h2>
      <form className="project-form" onSubmit={submit}>
        <fieldset>
          <legend>Shared projects you are the only owner of</legend>
          <label>
            <input type="radio" name="shared" checked={sharedProjects === 'hand-over'} onChange={() => setSharedProjects('hand-over')} /> Hand each to its
            longest-standing reviewer, who becomes its owner
          </label>
          <label>
            <input type="radio" name="shared" checked={sharedProjects === 'delete'} onChange={() => setSharedProjects('delete')} /> Delete them, for every
            member
          </label>
        </fieldset>
        <p className="muted">Projects only you work on and your files go to the trash. Your decisions stay in the projects you leave, under your name.</p>
        {confirm.password && (
          <>
            <label htmlFor={passwordId}>Your password</label>
            <input id={passwordId} type="password" value={password} onChange={(e) => setPassword(e.target.value)} required autoComplete="current-password" />
          </>
        )}
        {!confirm.password && !confirmed && institution && (
          <p>
            Your account has no Sift password. Confirm it is you by signing in with {institution} again; you come back here and can close the account for a few
            minutes. <a className="button secondary" href="/api/auth/oidc/start?purpose=close">Confirm with {institution}</a>
          </p>
        )}
        {confirmed && (
          <p className="muted" role="status">
            Confirmed by signing in with {institution ?? 'your institution'}, until {new Date(confirm.confirmedUntil!).toLocaleTimeString()}.
          </p>
        )}
        <div>
          <button type="submit" className="button danger" disabled={close.isPending || (!confirm.password && !confirmed)}>
            {close.isPending ? 'Closing…' : 'Close my account'}
          </button>
        </div>
        {close.isError && (
          <p className="message error" role="alert">
            {close.error.message}
          </p>
        )}
      </form>
    </section>
  );
}
