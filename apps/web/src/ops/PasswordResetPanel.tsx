// Password reset: the operator names the account's email and gets a one-time link (valid a day),
// mailed to that address when the server sends mail (SIFT_SMTP_URL) and shown here to hand over
// either way. Issuing it is written to the audit log; the link is not.
import { useId, useState, type FormEvent } from 'react';
import { trpc } from '../trpc.ts';

const MAILED = {
  sent: 'Mailed to the account’s email. You can also give the person this link.',
  failed: 'The mail server did not take the message (the server log says why): give this link to the person yourself.',
  off: 'This server sends no mail (SIFT_SMTP_URL is not set): give this link to the person.',
} as const;

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
          {MAILED[issue.data.mailed]} It works once, for {issue.data.validHours} hours; using it signs them out everywhere:{' '}
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
