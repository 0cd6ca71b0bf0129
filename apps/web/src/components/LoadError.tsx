// "Could not load …": what every page and table says when a query fails, in the same words
// and as an alert, so a screen reader announces it.

/** The failure of `query`, or nothing while it has not failed; `what` completes "Could not load …". */
export function LoadError({ query, what }: { query: { isError: boolean; error: { message: string } | null }; what: string }) {
  if (!query.isError) return null;
  return (
    <p className="message error" role="alert">
      Could not load {what}: {query.error?.message}
    </p>
  );
}
