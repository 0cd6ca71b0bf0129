// One review project, read as its steps: Import → Duplicates → Screening → PRISMA & exports, and
// People. Each step has its own URL (#/reviews/<id>/<step>), so back/forward and shared links
// land on the same step; the step bar counts each step and says what waits there. A project that
// cannot be opened shows a page in words, never the server's raw answer.
import type { ProjectDetail } from '../trpc.ts';
import { routeHash, type ProjectStep } from '../hooks/useHashRoute.ts';
import { NotFoundPage, ErrorPage } from '../components/NotFoundPage.tsx';
import { DedupPanel } from './DedupPanel.tsx';
import { DuplicateGroups } from './DuplicateGroups.tsx';
import { FullTexts } from './FullTexts.tsx';
import { ImportList } from './ImportList.tsx';
import { useFollowedProject } from './useFollowedProject.ts';
import { PeoplePanel } from './PeoplePanel.tsx';
import { PossibleDuplicates } from './PossibleDuplicates.tsx';
import { RecordsTable } from './RecordsTable.tsx';
import { ScreeningPanel } from '../screening/ScreeningPanel.tsx';
import { PrismaStep } from './PrismaStep.tsx';
import { ProjectHeader } from './ProjectHeader.tsx';
import { StepBar } from './StepBar.tsx';
import { STEP_HELP } from './projectSteps.ts';

export function ProjectPage({ projectId, step }: { projectId: string; step: ProjectStep }) {
  const project = useFollowedProject(projectId);

  if (project.isError) {
    const code = project.error.data?.code;
    if (code === 'NOT_FOUND' || code === 'BAD_REQUEST' || code === 'FORBIDDEN') return <NotFoundPage what="project" />;
    return <ErrorPage what="this project" message={project.error.message} onRetry={() => void project.refetch()} />;
  }
  if (!project.data) return <p className="muted">Loading the project…</p>;

  return (
    <>
      <ProjectHeader project={project.data} />
      <StepBar project={project.data} current={step} />
      <p className="step-help" id="step-help">
        {STEP_HELP[step]} <a href={routeHash({ page: 'help' })}>How Sift works</a>
      </p>
      {/* The import list stays mounted on every step, so an upload under way survives a move to another step. */}
      <div className="step-part" hidden={step !== 'import'}>
        <ImportList projectId={projectId} canImport={project.data.role === 'owner'} />
      </div>
      <StepContent project={project.data} step={step} />
    </>
  );
}

function StepContent({ project, step }: { project: ProjectDetail; step: ProjectStep }) {
  const projectId = project.id;
  switch (step) {
    case 'import':
      return <RecordsTable projectId={projectId} />;
    case 'duplicates':
      return (
        <>
          <DedupPanel projectId={projectId} />
          <DuplicateGroups projectId={projectId} />
          <PossibleDuplicates projectId={projectId} />
        </>
      );
    case 'screening':
      return (
        <>
          <ScreeningPanel projectId={projectId} />
          <FullTexts project={project} />
        </>
      );
    case 'prisma':
      return <PrismaStep projectId={projectId} />;
    case 'people':
      return <PeoplePanel project={project} />;
  }
}
