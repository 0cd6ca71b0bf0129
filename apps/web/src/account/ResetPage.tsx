// A password reset link from an operator: choose a new password; every other browser is signed
// out and this one is signed in.
import { useId, useState, type FormEvent } from 'react';
import { navigate } from '../hooks/useHashRoute.ts';
import { useResetPassword } from './useAccount.ts';

export function ResetPage({ token }: { token: string }) {
  const reset = useResetPassword();
  const [password, setPassword] = useState('');
  const passwordId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reset.mutate({ token, password }, { onSuccess: () => navigate({ page: 'account' }) });
  };
  return (
    <section className="panel" aria-labelledby="reset-heading">
      <h2 id="reset-heading">Choose a new password</h2>
      <form className="project-form" onSubmit={submit}>
        <label htmlFor={passwordId}>
          New password <span className="muted">(10 characters or more)</span>
        </label>
        <input id={passwordId} type="password" value={password} onChange={(e) => setPassword(e.target.value)} required minLength={10} maxLength={256} autoComplete="new-password" />
        <div>
          <button type="submit" className="button" disabled={reset.isPending}>
            {reset.isPending ? 'Saving…' : 'Set password and sign in'}
          </button>
        </div>
        <p className="muted">Every other browser signed in to this account will be signed out.</p>
        {reset.isError && (
          <p className="message error" role="alert">
            {reset.error.message}
          </p>
        )}
      </form>
    </section>
  );
}
