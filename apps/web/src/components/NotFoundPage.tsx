// What a link that leads nowhere, or a page that could not load, shows: a sentence in words and
// the way back, never the server's raw answer.
import { routeHash } from '../hooks/useHashRoute.ts';

const NOT_FOUND: Record<'page' | 'project' | 'file', { title: string; text: string; back: { label: string; hash: string } }> = {
  page: {
    title: 'This page does not exist',
    text: 'The link may be mistyped or cut short.',
    back: { label: 'Go to your spreadsheets', hash: routeHash({ page: 'sheets' }) },
  },
  project: {
    title: 'Project not found',
    text: 'This review project does not exist, was moved to the trash, or is not shared with you. If someone sent you the link, check that it arrived whole, or ask them to invite you.',
    back: { label: 'Back to your review projects', hash: routeHash({ page: 'reviews' }) },
  },
  file: {
    title: 'File not found',
    text: 'This spreadsheet does not exist, was moved to the trash, or belongs to someone else. Check that the link arrived whole.',
    back: { label: 'Back to your spreadsheets', hash: routeHash({ page: 'sheets' }) },
  },
};

export function NotFoundPage({ what }: { what: 'page' | 'project' | 'file' }) {
  const page = NOT_FOUND[what];
  return (
    <section className="panel" aria-labelledby="not-found-heading">
      <h2 id="not-found-heading">{page.title}</h2>
      <p>{page.text}</p>
      <p>
        <a href={page.back.hash}>{page.back.label}</a> · <a href={routeHash({ page: 'trash' })}>Look in the trash</a>
      </p>
    </section>
  );
}

/** A load that failed for another reason (the server restarting, the database busy): retrying can help. */
export function ErrorPage({ what, message, onRetry }: { what: string; message: string; onRetry: () => void }) {
  return (
    <section className="panel" aria-labelledby="error-page-heading">
      <h2 id="error-page-heading">Could not open {what}</h2>
      <p className="message error" role="alert">
        {message}
      </p>
      <button type="button" className="button secondary" onClick={onRetry}>
        Try again
      </button>
    </section>
  );
}
