// A review project's heading: its name, question and counts, and (for owners) moving it to the trash.
import { ConfirmDelete } from '../components/ConfirmDelete.tsx';
import { plural } from '../format.ts';
import { navigate, routeHash } from '../hooks/useHashRoute.ts';
import { trpc, type ProjectDetail } from '../trpc.ts';

export function ProjectHeader({ project }: { project: ProjectDetail }) {
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
