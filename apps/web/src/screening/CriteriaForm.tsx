// The review's eligibility criteria: PICO, the study designs to include, inclusion and exclusion
// statements (one per line), year limits and languages. Saving makes a new version on the server
// (unchanged criteria keep theirs); what the server refuses is shown beside the field concerned.
import { useId, useState, type ReactNode } from 'react';
import { trpc, type CriteriaVersion, type DesignOption } from '../trpc.ts';
import { CriteriaPreview } from './CriteriaPreview.tsx';
import { criteriaFromDraft, draftFromCriteria, FIELD_LABELS, sameDraft, serverFieldErrors, type CriteriaDraft, type DraftField, type FieldErrors } from './criteriaDraft.ts';

const PICO_HINTS = {
  population: 'Who was studied, e.g. adults in intensive care',
  intervention: 'What was done, e.g. early mobilisation',
  comparator: 'Compared with what, e.g. usual care',
  outcomes: 'What was measured, e.g. delirium',
} as const;

export function CriteriaForm({ projectId, saved, designs }: { projectId: string; saved: CriteriaVersion | null; designs: readonly DesignOption[] }) {
  const initial = draftFromCriteria(saved?.criteria ?? null);
  const [draft, setDraft] = useState<CriteriaDraft>(initial);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const utils = trpc.useUtils();
  const save = trpc.saveCriteria.useMutation({ onSuccess: () => utils.getScreening.invalidate({ projectId }) });
  const refused = save.error ? serverFieldErrors(save.error.message, save.error.data && 'issues' in save.error.data ? save.error.data.issues : undefined) : { fields: {}, general: null };
  const errors: FieldErrors = { ...refused.fields, ...localErrors };
  const changed = !sameDraft(draft, initial);
  const parsedDraft = criteriaFromDraft(draft);
  const previewable = 'criteria' in parsedDraft ? parsedDraft.criteria : null;

  const edit = <K extends DraftField>(field: K, value: CriteriaDraft[K]) => {
    setDraft((current) => ({ ...current, [field]: value }));
    setLocalErrors(({ [field]: _cleared, ...rest }) => rest);
  };

  const submit = () => {
    const parsed = criteriaFromDraft(draft);
    if ('errors' in parsed) {
      setLocalErrors(parsed.errors);
      return;
    }
    setLocalErrors({});
    save.mutate({ projectId, criteria: parsed.criteria });
  };

  const field = (name: DraftField, control: (ids: FieldIds) => ReactNode, hint?: string) => (
    <Field name={name} error={errors[name]} hint={hint} control={control} />
  );
  const textArea = (name: 'population' | 'intervention' | 'comparator' | 'outcomes' | 'include' | 'exclude', rows: number) => (ids: FieldIds) => (
    <textarea {...ids} rows={rows} value={draft[name]} onChange={(event) => edit(name, event.target.value)} />
  );
  const textInput = (name: 'yearFrom' | 'yearTo' | 'languages', extra: { inputMode?: 'numeric'; size?: number }) => (ids: FieldIds) => (
    <input {...ids} type="text" {...extra} value={draft[name]} onChange={(event) => edit(name, event.target.value)} />
  );

  return (
    <form
      className="criteria-form"
      aria-labelledby="criteria-heading"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      noValidate
    >
      <h3 id="criteria-heading">Eligibility criteria</h3>
      <p className="muted" role="status">
        {saved ? `Current version: v${saved.version}` : 'No criteria saved yet.'}
        {changed && ' · unsaved changes'}
      </p>
      <fieldset className="criteria-pico">
        <legend>PICO</legend>
        {(['population', 'intervention', 'comparator', 'outcomes'] as const).map((name) => (
          <div key={name}>{field(name, textArea(name, 2), PICO_HINTS[name])}</div>
        ))}
      </fieldset>
      <DesignChoices options={designs} chosen={draft.designs} error={errors.designs} onChange={(designs) => edit('designs', designs)} />
      <div className="criteria-statements">
        {field('include', textArea('include', 4), 'One statement per line, e.g. “adults aged 18 or over”')}
        {field('exclude', textArea('exclude', 4), 'One statement per line, e.g. “children”')}
      </div>
      <div className="criteria-limits">
        {field('yearFrom', textInput('yearFrom', { inputMode: 'numeric', size: 6 }), 'Empty: no lower limit')}
        {field('yearTo', textInput('yearTo', { inputMode: 'numeric', size: 6 }), 'Empty: no upper limit')}
        {field('languages', textInput('languages', { size: 30 }), 'Separated by commas, e.g. English, French. Empty: any language')}
      </div>
      {refused.general && (
        <p className="message error" role="alert">
          Could not save the criteria: {refused.general}
        </p>
      )}
      {Object.keys(errors).length > 0 && !refused.general && (
        <p className="message error" role="alert">
          Could not save the criteria: correct the fields marked above.
        </p>
      )}
      <CriteriaPreview criteria={previewable} />
      <div className="upload-actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save criteria'}
        </button>
      </div>
    </form>
  );
}

interface FieldIds {
  id: string;
  'aria-describedby': string;
  'aria-invalid': boolean;
}

/** A labelled control with its hint and, when the value was refused, the reason. */
function Field({ name, error, hint, control }: { name: DraftField; error: string | undefined; hint: string | undefined; control: (ids: FieldIds) => ReactNode }) {
  const id = useId();
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className="criteria-field">
      <label htmlFor={id}>{FIELD_LABELS[name]}</label>
      {hint && (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      )}
      {control({ id, 'aria-describedby': described, 'aria-invalid': error !== undefined })}
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

function DesignChoices({ options, chosen, error, onChange }: { options: readonly DesignOption[]; chosen: readonly string[]; error: string | undefined; onChange: (designs: CriteriaDraft['designs']) => void }) {
  const errorId = useId();
  return (
    <fieldset className="criteria-designs" aria-describedby={error ? errorId : undefined}>
      <legend>{FIELD_LABELS.designs}</legend>
      <p className="field-hint">None ticked: any design.</p>
      <div className="design-choices">
        {options.map(({ value, label }) => (
          <label key={value}>
            <input
              type="checkbox"
              checked={chosen.includes(value)}
              onChange={(event) => onChange(options.map((option) => option.value).filter((other) => (other === value ? event.target.checked : chosen.includes(other))))}
            />{' '}
            {label}
          </label>
        ))}
      </div>
      {error && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
    </fieldset>
  );
}
