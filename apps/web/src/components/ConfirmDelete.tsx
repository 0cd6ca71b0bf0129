// Delete with a second look: the first click says what goes with the item and that it can be
// restored from the trash for a while; only "Move to trash" deletes. Feature-free: the caller
// passes the mutation's state and what to say.
import { useState, type ReactNode } from 'react';
import { routeHash } from '../hooks/useHashRoute.ts';

interface ConfirmDeleteProps {
  /** The button's words, e.g. "Delete this file". */
  label: string;
  /** What goes with it, said before deleting. */
  consequences: ReactNode;
  trashDays: number;
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
}

export function ConfirmDelete({ label, consequences, trashDays, pending, error, onConfirm }: ConfirmDeleteProps) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="button secondary inline-action" onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div className="confirm-delete" role="group" aria-label={label}>
      <p>
        {consequences} It stays in the <a href={routeHash({ page: 'trash' })}>trash</a> for {trashDays} days, and you can restore it from there until then.
      </p>
      <button type="button" className="button danger" onClick={onConfirm} disabled={pending}>
        {pending ? 'Moving…' : 'Move to trash'}
      </button>
      <button type="button" className="button secondary inline-action" onClick={() => setAsking(false)} disabled={pending}>
        Keep it
      </button>
      {error && (
        <p className="message error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
