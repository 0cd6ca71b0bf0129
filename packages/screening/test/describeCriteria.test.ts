// describeCriteria: what each criterion will match, as the preview before a run shows it.
import { describe, expect, it } from 'vitest';
import { type Criteria, describeCriteria } from '../src/index.ts';

const criteria: Criteria = {
  population: 'adults with type 2 diabetes',
  intervention: 'SGLT2 inhibitors (empagliflozin)',
  comparator: 'placebo',
  outcomes: 'HbA1c',
  designs: ['rct', 'cohort'],
  include: ['kidney outcomes'],
  exclude: ['case reports and editorials', 'type 1 diabetes'],
  yearFrom: 2010,
  yearTo: null,
  languages: ['English'],
};

describe('describeCriteria', () => {
  const preview = describeCriteria(criteria);

  it('lists every PICO field and every statement, in order', () => {
    expect(preview.fields.map((field) => [field.field, field.statement])).toEqual([
      ['population', null],
      ['intervention', null],
      ['comparator', null],
      ['outcomes', null],
      ['include', 0],
      ['exclude', 0],
      ['exclude', 1],
    ]);
    for (const field of preview.fields) expect(field.effect).not.toBe('');
  });

  it('gives each concept its own words first, then the synonyms added, marked as added', () => {
    const population = preview.fields[0];
    expect(population?.concepts.map((concept) => concept.label)).toEqual(['type 2 diabetes']);
    const terms = population?.concepts[0]?.terms ?? [];
    expect(terms[0]).toEqual({ text: 'type 2 diabetes', added: false });
    expect(terms).toContainEqual({ text: 'T2DM', added: true });
    expect(terms.slice(1).every((term) => term.added)).toBe(true);
    expect(population?.concepts[0]?.siblings).toContain('type 1 diabetes');
    const intervention = preview.fields[1];
    expect(intervention?.concepts.map((concept) => concept.label)).toEqual(['SGLT2 inhibitors', 'empagliflozin']);
    expect(intervention?.concepts[0]?.terms).toContainEqual({ text: 'dapagliflozin', added: true });
  });

  it('shows the age groups, the designs and the kinds of publication an exclusion names', () => {
    expect(preview.ageGroups).toEqual(['adults']);
    expect(preview.designs).toEqual([
      { design: 'rct', label: 'Randomised controlled trial' },
      { design: 'cohort', label: 'Cohort study' },
    ]);
    expect(preview.fields[5]?.kinds.map((item) => item.kind)).toEqual(['case-report', 'editorial']);
    expect(preview.fields[5]?.concepts).toEqual([]);
  });

  it('keeps a topical exclusion whole, adding synonyms only for a known term that is the whole phrase', () => {
    const exclusion = preview.fields[6];
    expect(exclusion?.concepts).toHaveLength(1);
    expect(exclusion?.concepts[0]?.terms[0]).toEqual({ text: 'type 1 diabetes', added: false });
    expect(exclusion?.concepts[0]?.terms).toContainEqual({ text: 'T1DM', added: true });
  });
});
