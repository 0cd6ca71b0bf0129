// One review project: its name, question and counts, then the steps in order: import the
// exports (one background task per file, each with its report), find duplicates, review the
// duplicate groups and the possible duplicates, and browse the records.
import { plural } from '../format.ts';
import { routeHash } from '../hooks/useHashRoute.ts';
import { trpc, type ProjectDetail } from '../trpc.ts';
import { DedupPanel } from './DedupPanel.tsx';
import { DuplicateGroups } from './DuplicateGroups.tsx';
import { ImportList } from './ImportList.tsx';
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
      <ImportList projectId={projectId} />
      <DedupPanel projectId={projectId} />
      <DuplicateGroups projectId={projectId} />
      <PossibleDuplicates projectId={projectId} />
      <RecordsTable projectId={projectId} />
      <ScreeningPanel projectId={projectId} />
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
    </section>
  );
}
