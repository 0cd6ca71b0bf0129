// Password reset without email: the operator names the account's email and gets a one-time link
// (valid a day) to hand to the person. Issuing it is written to the audit log; the link is not.
import { useId, useState, type FormEvent } from 'react';
import { trpc } from '../trpc.ts';

export function PasswordResetPanel() {
  const utils = trpc.useUtils();
  const issue = trpc.ops.issuePasswordReset.useMutation({ onSuccess: () => utils.ops.actions.invalidate() });
  const [email, setEmail] = useState('');
  const emailId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    issue.mutate({ email });
  };
  const link = issue.data && new URL(issue.data.path, window.location.origin).toString();
  return (
    <section className="panel" aria-labelledby="reset-heading">
      <h2 id="reset-heading">Password reset link</h2>
      <form className="ops-inline-form" onSubmit={submit}>
        <label htmlFor={emailId}>Account email</label>
        <input id={emailId} type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        <button type="submit" className="button" disabled={issue.isPending}>
          Issue a link
        </button>
      </form>
      {link && (
        <p className="message success" role="status">
          Give this link to the person (it works once, for {issue.data.validHours} hours; using it signs them out everywhere):{' '}
          <code className="reset-link">{link}</code>
        </p>
      )}
      {issue.isError && (
        <p className="message error" role="alert">
          {issue.error.message}
        </p>
      )}
    </section>
  );
}
