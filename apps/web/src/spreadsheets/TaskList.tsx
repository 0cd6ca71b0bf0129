// The researcher's files, as the server lists them (so a reload or a second tab shows the same
// ones). While something is queued or running the list refreshes slowly, to pick up tasks
// started in another tab; each running card polls its own status faster. Literature tasks have
// their own page (a review project), so only spreadsheet tasks show here.
import { isFinished, trpc, type TaskStatus } from '../trpc.ts';
import { LoadError } from '../components/LoadError.tsx';
import { ConfirmDelete } from '../components/ConfirmDelete.tsx';
import { TaskCard } from '../components/TaskCard.tsx';
import { DatasetView } from './DatasetView.tsx';
import { OtherSheets } from './SheetPicker.tsx';

export function listInterval(tasks: TaskStatus[] | undefined): number | false {
  return tasks?.some((task) => !isFinished(task.state)) ? 3000 : false;
}

export function TaskList() {
  const tasks = trpc.listTasks.useQuery({ kind: 'spreadsheet' }, {
    refetchInterval: (query) => listInterval(query.state.data),
  });
  const files = tasks.data;

  return (
    <section className="panel" aria-labelledby="tasks-heading">
      <h2 id="tasks-heading">Your files</h2>
      {tasks.isPending && <p className="muted">Loading your files…</p>}
      <LoadError query={tasks} what="your files" />
      {files?.length === 0 && <p className="muted">No files yet. Upload a spreadsheet to start.</p>}
      {files && files.length > 0 && (
        <ul className="task-list">
          {files.map((task) => (
            <li key={task.id}>
              <TaskCard
                listed={task}
                unit="rows"
                renderReady={(ready) => <DatasetView taskId={ready.id} />}
                renderFailed={(failed) => <OtherSheets taskId={failed.id} />}
              />
              {isFinished(task.state) && <DeleteFile task={task} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A finished file's card can go to the trash, its clean data with it. */
function DeleteFile({ task }: { task: TaskStatus }) {
  const utils = trpc.useUtils();
  const settings = trpc.getSettings.useQuery();
  const remove = trpc.deleteTask.useMutation({ onSuccess: () => utils.listTasks.invalidate() });
  return (
    <ConfirmDelete
      label={`Delete ${task.title}`}
      consequences={<>“{task.title}” and its clean data will disappear from your files.</>}
      trashDays={settings.data?.trashDays ?? 30}
      pending={remove.isPending}
      error={remove.error?.message ?? null}
      onConfirm={() => remove.mutate({ id: task.id })}
    />
  );
}
