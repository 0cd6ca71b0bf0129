// One spreadsheet on its own page (#/files/<taskId>/<tab>): its card with the chosen view, a way
// back to the list, and a page in words when the link leads to no file of this researcher.
import { ErrorPage, NotFoundPage } from '../components/NotFoundPage.tsx';
import { TaskCard } from '../components/TaskCard.tsx';
import { routeHash, type DatasetTab } from '../hooks/useHashRoute.ts';
import { useTaskStatus } from '../hooks/useTaskStatus.ts';
import { DatasetView } from './DatasetView.tsx';
import { OtherSheets } from './SheetPicker.tsx';

export function FilePage({ taskId, tab }: { taskId: string; tab: DatasetTab }) {
  const status = useTaskStatus(taskId, { enabled: true });
  if (status.isError) {
    const code = status.error.data?.code;
    if (code === 'NOT_FOUND' || code === 'BAD_REQUEST') return <NotFoundPage what="file" />;
    return <ErrorPage what="this file" message={status.error.message} onRetry={() => void status.refetch()} />;
  }
  if (!status.data) return <p className="muted">Loading the file…</p>;
  if (status.data.kind !== 'spreadsheet') return <NotFoundPage what="file" />;
  return (
    <>
      <p className="breadcrumb">
        <a href={routeHash({ page: 'sheets' })}>Your files</a>
      </p>
      {/* The page's heading for screen readers; the card below shows the same name. */}
      <h2 className="visually-hidden">{status.data.title}</h2>
      <TaskCard
        listed={status.data}
        unit="rows"
        renderReady={(ready) => <DatasetView taskId={ready.id} tab={tab} />}
        renderFailed={(failed) => <OtherSheets taskId={failed.id} />}
      />
    </>
  );
}
