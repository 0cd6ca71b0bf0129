// An owner deletes one imported file (an accidental second import, say): the confirmation says
// how many records and decisions go with it, then its records leave the project for every member
// and the duplicates are found again; the trash restores it with every decision.
import { ConfirmDelete } from '../components/ConfirmDelete.tsx';
import { plural } from '../format.ts';
import { trpc } from '../trpc.ts';

/** A failed read that saved nothing is only its card: the person who started it deletes that. */
export function DeleteFailedImport({ taskId, fileName }: { taskId: string; fileName: string }) {
  const utils = trpc.useUtils();
  const settings = trpc.getSettings.useQuery();
  const remove = trpc.deleteTask.useMutation({ onSuccess: () => utils.invalidate() });
  return (
    <ConfirmDelete
      label={`Delete ${fileName}`}
      consequences={<>The card of “{fileName}”, which was not read, will disappear from this project.</>}
      trashDays={settings.data?.trashDays ?? 30}
      pending={remove.isPending}
      error={remove.error?.message ?? null}
      onConfirm={() => remove.mutate({ id: taskId })}
    />
  );
}

export function DeleteImport({ importId, fileName }: { importId: string; fileName: string }) {
  const utils = trpc.useUtils();
  const settings = trpc.getSettings.useQuery();
  const remove = trpc.deleteImport.useMutation({ onSuccess: () => utils.invalidate() });
  return (
    <ConfirmDelete
      label={`Delete ${fileName}`}
      consequences={<WhatGoes importId={importId} fileName={fileName} />}
      trashDays={settings.data?.trashDays ?? 30}
      pending={remove.isPending}
      error={remove.error?.message ?? null}
      onConfirm={() => remove.mutate({ importId })}
    />
  );
}

/** Read when the owner asks to delete, so the counts are those of that moment. */
function WhatGoes({ importId, fileName }: { importId: string; fileName: string }) {
  const deletion = trpc.describeImportDeletion.useQuery({ importId });
  if (!deletion.data) return <>“{fileName}” will leave this project for every member.</>;
  const { records, decisions } = deletion.data;
  return (
    <>
      “{fileName}” will leave this project for every member with its {plural(records, 'record', 'records')}
      {decisions > 0 ? ` and ${plural(decisions, 'screening decision', 'screening decisions')} made on them` : ''}: the records table, duplicates,
      screening and PRISMA will count without them, and duplicates are found again. A decision that also covers a copy in another file stays in force there.
    </>
  );
}
