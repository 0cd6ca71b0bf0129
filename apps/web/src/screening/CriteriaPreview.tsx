// "What these criteria will match": the criteria being written, compiled as the built-in screener
// will use them (the server's describeCriteria), shown before a run: per field and statement its
// concepts, the words each matches with the synonyms Sift added marked, and what a match does.
// Edit the criteria above and the preview follows once typing pauses.
import { useDebouncedValue } from '../hooks/useDebouncedValue.ts';
import { trpc, type Criteria, type CriteriaPreview as Preview } from '../trpc.ts';

type Concept = Preview['fields'][number]['concepts'][number];

const FIELD_NAMES: Record<Preview['fields'][number]['field'], string> = {
  population: 'Population',
  intervention: 'Intervention',
  comparator: 'Comparator',
  outcomes: 'Outcomes',
  include: 'Inclusion statement',
  exclude: 'Exclusion statement',
};

export function CriteriaPreview({ criteria }: { criteria: Criteria | null }) {
  const settled = useDebouncedValue(criteria, 400);
  const preview = trpc.previewCriteria.useQuery({ criteria: settled! }, { enabled: settled !== null });
  return (
    <details className="criteria-preview">
      <summary>What these criteria will match</summary>
      {criteria === null && <p className="muted">Correct the fields marked above to see what the criteria will match.</p>}
      {preview.isError && <p className="message error" role="alert">Could not preview the criteria: {preview.error.message}</p>}
      {preview.data && (
        <>
          <p className="muted">Words in <em>italics</em> were added by Sift (synonyms and abbreviations); the others are yours. A negated mention (“no children”) never counts.</p>
          {preview.data.ageGroups.length > 0 && <p>The whole population is limited to: {preview.data.ageGroups.join(', ')}.</p>}
          <dl>
            {preview.data.fields.map((field) => (
              <div key={`${field.field}-${field.statement ?? ''}`} className="preview-field">
                <dt>
                  {FIELD_NAMES[field.field]}: “{field.text}”
                </dt>
                <dd>
                  <p className="muted">{field.effect}</p>
                  {field.kinds.length > 0 && <p>Kinds of publication: {field.kinds.map((kind) => kind.label).join(', ')}</p>}
                  <ul>
                    {field.concepts.map((concept, index) => (
                      <ConceptLine key={index} concept={concept} />
                    ))}
                  </ul>
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </details>
  );
}

function ConceptLine({ concept }: { concept: Concept }) {
  return (
    <li>
      <strong>{concept.label}</strong>
      {concept.ageGroup && ` (only for ${concept.ageGroup})`}:{' '}
      {concept.terms.map((term, index) => (
        <span key={index}>
          {index > 0 && ', '}
          {term.added ? <em className="term-added">{term.text}</em> : term.text}
        </span>
      ))}
      {concept.allOf.length > 0 && (
        <>
          {' '}— all of:
          <ul>
            {concept.allOf.map((part, index) => (
              <ConceptLine key={index} concept={part} />
            ))}
          </ul>
        </>
      )}
      {concept.siblings.length > 0 && <span className="muted"> · a record about {concept.siblings.join(' or ')} instead is marked likely irrelevant</span>}
    </li>
  );
}
