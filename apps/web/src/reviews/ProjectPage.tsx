// One review project: its name, question and counts, then the steps in order: import the
// exports (one background task per file, each with its report), find duplicates, review the
// duplicate groups and the possible duplicates, and browse the records; then the people who
// share the project. The import step is for owners; the server refuses what a role may not do,
// with a message that says so.
import { ConfirmDelete } from '../components/ConfirmDelete.tsx';
import { plural } from '../format.ts';
import { navigate, routeHash } from '../hooks/useHashRoute.ts';
import { trpc, type ProjectDetail } from '../trpc.ts';
import { DedupPanel } from './DedupPanel.tsx';
import { DuplicateGroups } from './DuplicateGroups.tsx';
import { ImportList } from './ImportList.tsx';
import { PeoplePanel } from './PeoplePanel.tsx';
import { PossibleDuplicates } from './PossibleDuplicates.tsx';
import { RecordsTable } from './RecordsTable.tsx';
import { ScreeningPanel } from '../screening/ScreeningPanel.tsx';

export function ProjectPage({ projectId }: { projectId: string }) {
  const project = trpc.getProject.useQuery({ projectId });

  if (project.isError) {
    return (
      <section className="panel">
        <p className="message error" role="alert">
          Could not open this project: {project.error.message}
        </p>
        <a href={routeHash({ page: 'reviews' })}>Back to your review projects</a>
      </section>
    );
  }
  if (!project.data) return <p className="muted">Loading the project…</p>;

  return (
    <>
      <ProjectHeader project={project.data} />
      <ImportList projectId={projectId} canImport={project.data.role === 'owner'} />
      <DedupPanel projectId={projectId} />
      <DuplicateGroups projectId={projectId} />
      <PossibleDuplicates projectId={projectId} />
      <RecordsTable projectId={projectId} />
      <ScreeningPanel projectId={projectId} />
      <PeoplePanel project={project.data} />
    </>
  );
}

function ProjectHeader({ project }: { project: ProjectDetail }) {
  const { counts } = project;
  return (
    <section className="panel project-header" aria-labelledby="project-heading">
      <p className="breadcrumb">
        <a href={routeHash({ page: 'reviews' })}>Review projects</a>
      </p>
      <h2 id="project-heading">{project.name}</h2>
      {project.question && <p className="project-question">{project.question}</p>}
      <ul className="project-counts" aria-label="Project counts">
        <li>{plural(counts.imports, 'file imported', 'files imported')}</li>
        <li>{plural(counts.records, 'record', 'records')}</li>
        <li>{plural(counts.duplicateGroups, 'duplicate group', 'duplicate groups')}</li>
        <li>{plural(counts.afterDedup, 'record after removing duplicates', 'records after removing duplicates')}</li>
      </ul>
      {project.role === 'owner' && <DeleteProject project={project} />}
    </section>
  );
}

/** Owners can move the whole project to the trash; it disappears for every member until restored. */
function DeleteProject({ project }: { project: ProjectDetail }) {
  const utils = trpc.useUtils();
  const settings = trpc.getSettings.useQuery();
  const members = trpc.listMembers.useQuery({ projectId: project.id });
  const remove = trpc.deleteProject.useMutation({
    onSuccess: async () => {
      await utils.listProjects.invalidate();
      navigate({ page: 'reviews' });
    },
  });
  const others = (members.data?.length ?? 1) - 1;
  return (
    <ConfirmDelete
      label="Delete this project"
      consequences={
        <>
          “{project.name}” will disappear with its {plural(project.counts.imports, 'imported file', 'imported files')}, {plural(project.counts.records, 'record', 'records')}, duplicate
          groups, criteria, screening runs and every decision{others > 0 ? `, for you and ${plural(others, 'other member', 'other members')}` : ''}.
        </>
      }
      trashDays={settings.data?.trashDays ?? 30}
      pending={remove.isPending}
      error={remove.error?.message ?? null}
      onConfirm={() => remove.mutate({ projectId: project.id })}
    />
  );
}
