// The trash: deleted files, imports and projects, when each will be purged for good, and a way to
// restore each as it was.
import { LoadError } from './components/LoadError.tsx';
import { formatAge } from './format.ts';
import { trpc } from './trpc.ts';

export function TrashPage() {
  const trash = trpc.listTrash.useQuery();
  const utils = trpc.useUtils();
  const restore = trpc.restoreFromTrash.useMutation({ onSuccess: () => utils.invalidate() });
  return (
    <section className="panel" aria-labelledby="trash-heading">
      <h2 id="trash-heading">Trash</h2>
      <LoadError query={trash} what="the trash" />
      {trash.data?.length === 0 && <p className="muted">Nothing in the trash. Deleted files, imports and projects wait here before they are removed for good.</p>}
      {trash.data && trash.data.length > 0 && (
        <ul className="member-list" aria-label="Deleted items">
          {trash.data.map((item) => (
            <li key={item.id}>
              <strong>{item.name}</strong> · {item.kind === 'project' ? 'review project' : item.kind === 'import' ? `imported into “${item.projectName}”` : 'file'}{' '}
              <span className="muted">
                deleted {formatAge(item.deletedAt)}; removed for good on {new Date(item.purgeAt).toLocaleDateString()}
              </span>
              <button type="button" className="button secondary inline-action" onClick={() => restore.mutate({ kind: item.kind, id: item.id })} disabled={restore.isPending}>
                Restore {item.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {restore.isError && (
        <p className="message error" role="alert">
          {restore.error.message}
        </p>
      )}
    </section>
  );
}
