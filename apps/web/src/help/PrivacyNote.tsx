// Where a researcher's data lives and who can see it, in plain words: shown on the help page and
// beside the first upload.
import { routeHash } from '../hooks/useHashRoute.ts';
import { trpc } from '../trpc.ts';

export function PrivacyNote() {
  const settings = trpc.getSettings.useQuery();
  const account = trpc.getAccount.useQuery();
  const trashDays = settings.data?.trashDays ?? 30;
  return (
    <section className="panel privacy" aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">Your data and who can see it</h2>
      <ul>
        <li>
          Files you upload and what Sift reads from them are stored in this Sift server’s own PostgreSQL database, run by your institution or whoever set up this
          server. Nothing is sent to other services, except the titles and abstracts of a project when you choose the language-model screener (only offered when
          the operator configured one).
        </li>
        <li>
          Only you see your files and projects, and the people you invite to a project, with the role you give them (viewer, reviewer or owner).{' '}
          {account.data?.account
            ? 'You are signed in, so your work follows your account.'
            : 'Without an account, your work is tied to this browser: clearing its cookies loses it.'}
        </li>
        <li>
          The server’s operator can see task names, states and errors on an operations page, to keep Sift running.
        </li>
        <li>
          Deleted files and projects stay in the <a href={routeHash({ page: 'trash' })}>trash</a> for {trashDays} days, then are removed for good; an upload no task
          uses is removed after a day.
        </li>
      </ul>
    </section>
  );
}
