// What the model is asked and what it must answer: the chat messages for one record and the
// answer schema (zod for checking, JSON schema for the API's structured output).
import { z } from 'zod';
import { type Criteria, studyDesignLabels } from '../criteria.ts';
import type { ScreeningRecord } from '../screener.ts';

// Only keywords OpenAI's strict structured output accepts (no minLength): a blank reason is
// caught by the refinement, which JSON Schema leaves out.
export const answerSchema = z.strictObject({
  decision: z.enum(['include', 'exclude', 'uncertain']),
  reason: z
    .string()
    .trim()
    .refine((reason) => reason !== '', 'the reason is empty'),
  criterion: z.string().trim().nullable(),
  exclusionReason: z.string().trim().nullable(),
  confidence: z.number().min(0).max(1),
  evidence: z.array(z.string()),
});

export type Answer = z.infer<typeof answerSchema>;

/** The JSON schema for `response_format`, without the `$schema` key some servers refuse. */
export const answerJsonSchema: Record<string, unknown> = (() => {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(answerSchema);
  return schema;
})();

export const SYSTEM_PROMPT = [
  'You screen the title and abstract of one research record for a systematic review, against the eligibility criteria you are given.',
  'Answer "include" when the record may meet the criteria, "exclude" only when it clearly fails one, and "uncertain" when the title and abstract do not say enough.',
  'A missed eligible study is worse than extra work: when in doubt, answer "uncertain", never "exclude".',
  'A record without an abstract is never excluded on its title alone, unless its year, language or publication type fails the criteria.',
  'reason: one or two plain sentences for the researcher, naming what decided it.',
  'criterion: the criterion met or failed: "population", "intervention", "comparator", "outcomes", "design", "year", "language" or "exclusion: <the statement>"; null if none stands out.',
  'exclusionReason: when excluding, a short PRISMA label such as "wrong population", "wrong intervention", "wrong comparator", "wrong outcomes", "wrong study design", "not a primary study" or "exclusion criterion"; otherwise null.',
  'confidence: from 0 to 1, how sure you are of the decision.',
  'evidence: the words of the title or abstract that support the decision, each copied exactly (a few words each, at most five).',
].join('\n');

export function userPrompt(record: ScreeningRecord, criteria: Criteria): string {
  const list = (items: readonly string[]) => (items.length > 0 ? items.map((item) => `\n  - ${item}`).join('') : ' none');
  const years =
    criteria.yearFrom !== null && criteria.yearTo !== null
      ? `${criteria.yearFrom} to ${criteria.yearTo}`
      : criteria.yearFrom !== null
        ? `${criteria.yearFrom} or later`
        : criteria.yearTo !== null
          ? `${criteria.yearTo} or earlier`
          : 'any';
  return [
    'Eligibility criteria',
    `Population: ${criteria.population || 'any'}`,
    `Intervention or exposure: ${criteria.intervention || 'any'}`,
    `Comparator: ${criteria.comparator || 'any'}`,
    `Outcomes: ${criteria.outcomes || 'any'}`,
    `Study designs to include: ${criteria.designs.length > 0 ? criteria.designs.map((design) => studyDesignLabels[design]).join('; ') : 'any'}`,
    `Also required:${list(criteria.include)}`,
    `Exclude:${list(criteria.exclude)}`,
    `Publication years: ${years}`,
    `Languages: ${criteria.languages.length > 0 ? criteria.languages.join(', ') : 'any'}`,
    '',
    'Record',
    `Title: ${record.title ?? '(no title)'}`,
    `Abstract: ${record.abstract ?? '(no abstract)'}`,
    `Year: ${record.year ?? 'unknown'}`,
    `Language: ${record.language ?? 'unknown'}`,
    `Publication type: ${record.publicationType ?? 'unknown'}`,
    `Keywords: ${record.keywords.length > 0 ? record.keywords.join('; ') : 'none'}`,
  ].join('\n');
}
