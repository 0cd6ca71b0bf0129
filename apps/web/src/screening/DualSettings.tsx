// The owner's screening setting beside the people: one reviewer per record, or two independent
// ones (the record is decided when they agree; disagreements become conflicts an owner resolves),
// and whether reviewers see the screener's suggestion. The server refuses, in words, to go back
// to one reviewer while a conflict is open.
import { useId } from 'react';
import { trpc, type ProjectDetail } from '../trpc.ts';

export function DualSettings({ project }: { project: ProjectDetail }) {
  const utils = trpc.useUtils();
  const save = trpc.setScreeningSettings.useMutation({ onSuccess: () => utils.invalidate() });
  const name = useId();
  const { screeningMode, hideScreener } = project.screening;
  return (
    <fieldset className="dual-settings" disabled={save.isPending}>
      <legend>How records are screened</legend>
      <label>
        <input type="radio" name={name} checked={screeningMode === 'single'} onChange={() => save.mutate({ projectId: project.id, screeningMode: 'single' })} /> By one
        reviewer: the newest decision on a record is in force
      </label>
      <label>
        <input type="radio" name={name} checked={screeningMode === 'dual'} onChange={() => save.mutate({ projectId: project.id, screeningMode: 'dual' })} /> By two
        independent reviewers: each screens blind; a record is decided when they agree, and a disagreement is a conflict for an owner to resolve
      </label>
      <label>
        <input type="checkbox" checked={hideScreener} onChange={(event) => save.mutate({ projectId: project.id, hideScreener: event.target.checked })} /> Hide the
        screener’s suggestion (decision, reason, highlighted words) from reviewers
      </label>
      {screeningMode === 'dual' && (
        <p className="muted">Decisions made before count as one reviewer’s: each record they decided waits for a second reviewer.</p>
      )}
      {save.isError && (
        <p className="message error" role="alert">
          {save.error.message}
        </p>
      )}
    </fieldset>
  );
}
