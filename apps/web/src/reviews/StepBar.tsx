// The project's step bar: one link per step with its count and what waits there, the current
// step marked for screen readers (aria-current) as well as by look.
import { routeHash, PROJECT_STEPS, type ProjectStep } from '../hooks/useHashRoute.ts';
import { isFinished, trpc, type ProjectDetail } from '../trpc.ts';
import { useImports } from './ImportList.tsx';
import { STEP_LABELS, stepLinkName, stepSummary, type StepFacts } from './projectSteps.ts';

function useStepFacts(project: ProjectDetail): StepFacts {
  const projectId = project.id;
  const imports = useImports(projectId);
  const possible = trpc.listPossibleDuplicates.useQuery({ projectId, limit: 1 });
  const screening = trpc.getScreening.useQuery({ projectId });
  const latestRun = screening.data?.runs[0];
  const runSummary = trpc.listScreenedRecords.useQuery({ projectId, taskId: latestRun?.task.id ?? '', limit: 1 }, { enabled: latestRun !== undefined });
  const members = trpc.listMembers.useQuery({ projectId });
  const tasks = imports.data?.map((entry) => entry.task) ?? [];
  return {
    project,
    importsRunning: tasks.filter((task) => !isFinished(task.state)).length,
    importsFailed: tasks.filter((task) => task.state === 'error').length,
    openPossibleDuplicates: possible.data?.open,
    latestRun,
    runCounts: latestRun ? runSummary.data?.counts : undefined,
    members: members.data?.length,
  };
}

export function StepBar({ project, current }: { project: ProjectDetail; current: ProjectStep }) {
  const facts = useStepFacts(project);
  return (
    <nav className="step-bar" aria-label="Project steps">
      <ol>
        {PROJECT_STEPS.map((step, index) => {
          const { count, attention } = stepSummary(step, facts);
          return (
            <li key={step} className={step === 'people' ? 'step-aside' : undefined}>
              <a
                href={routeHash({ page: 'project', projectId: project.id, step })}
                aria-current={step === current ? 'page' : undefined}
                aria-label={stepLinkName(step, index, count, attention)}
              >
                <span className="step-name">
                  {step !== 'people' && <span className="step-number">{index + 1}</span>}
                  {STEP_LABELS[step]}
                </span>
                {count && <span className="step-count">{count}</span>}
                {attention && <span className="step-attention">{attention}</span>}
              </a>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
