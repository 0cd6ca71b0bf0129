// The misfires of issue 15, each written from its description: a rule that fired on the wrong
// evidence, or criteria rewritten without the researcher seeing it.
import { describe, expect, it } from 'vitest';
import { createBuiltinScreener, type Criteria, describeCriteria, type ScreeningDecision, type ScreeningRecord } from '../src/index.ts';

const base: Criteria = {
  population: 'chronic pain',
  intervention: 'opioids (morphine, oxycodone)',
  comparator: '',
  outcomes: '',
  designs: ['rct'],
  include: [],
  exclude: [],
  yearFrom: null,
  yearTo: null,
  languages: [],
};

let counter = 0;
function record(title: string, abstract: string | null): ScreeningRecord {
  counter++;
  return { id: `m${counter}`, title, abstract, year: null, language: null, publicationType: null, keywords: [] };
}

async function screen(item: ScreeningRecord, criteria: Criteria): Promise<ScreeningDecision> {
  const [decision] = await createBuiltinScreener().screen([item], criteria);
  return decision as ScreeningDecision;
}

describe('exclusion statements', () => {
  it('"cancer pain" does not fire on "pain" or on "chronic non-cancer pain"', async () => {
    const criteria = { ...base, exclude: ['cancer pain'] };
    const item = record('Randomised trial of oral morphine for chronic non-cancer pain', 'Adults with chronic non-cancer pain were randomised to oral morphine or placebo for 6 weeks. Pain scores fell.');
    const decision = await screen(item, criteria);
    expect(decision.decision).not.toBe('exclude');
    expect(decision.reason).not.toContain('cancer pain');
    const terms = describeCriteria(criteria).fields.find((field) => field.field === 'exclude')?.concepts.flatMap((concept) => concept.terms.map((term) => term.text));
    expect(terms).toEqual(['cancer pain']);
  });

  it('"cancer pain" still excludes a title about cancer pain', async () => {
    const decision = await screen(record('Oral morphine for cancer pain: a randomised trial', 'Patients with cancer pain were randomised to oral morphine or placebo.'), { ...base, exclude: ['cancer pain'] });
    expect(decision).toMatchObject({ decision: 'exclude', criterion: 'exclusion: cancer pain' });
  });

  it('"pregnant women with hypertension" stays one exclusion', async () => {
    const criteria = { ...base, population: 'hypertension', intervention: 'calcium channel blockers', exclude: ['pregnant women with hypertension'] };
    const exclusion = describeCriteria(criteria).fields.filter((field) => field.field === 'exclude');
    expect(exclusion).toHaveLength(1);
    expect(exclusion[0]?.concepts.map((concept) => concept.label)).toEqual(['pregnant women with hypertension']);
    const trial = 'Patients were randomised to nifedipine or placebo for 12 weeks; blood pressure fell.';
    expect((await screen(record('Nifedipine in hypertension: a randomised trial', `Adults with hypertension. ${trial}`), criteria)).decision).not.toBe('exclude');
    expect((await screen(record('Nifedipine in pregnant women: a randomised trial', `Pregnant women with hypertension. ${trial}`), criteria)).decision).not.toBe('exclude');
    expect(await screen(record('Nifedipine in pregnant women with hypertension: a randomised trial', trial), criteria)).toMatchObject({ decision: 'exclude', criterion: 'exclusion: pregnant women with hypertension' });
  });

  it('"hip osteoarthritis" does not exclude "knee and hip osteoarthritis"', async () => {
    const criteria = { ...base, population: 'knee osteoarthritis', intervention: 'exercise therapy', exclude: ['hip osteoarthritis'] };
    const decision = await screen(record('Exercise therapy for knee and hip osteoarthritis: a randomised trial', 'Patients with knee or hip osteoarthritis were randomised to exercise therapy or usual care.'), criteria);
    expect(decision.decision).not.toBe('exclude');
    expect(decision.reason).toContain('hip osteoarthritis');
  });

  it('an exclusion phrase met only in the abstract marks the record likely irrelevant, never excludes it', async () => {
    const decision = await screen(record('Oral morphine: a randomised trial', 'Patients with cancer pain were randomised to oral morphine or placebo.'), { ...base, exclude: ['cancer pain'] });
    expect(decision.decision).toBe('uncertain');
    expect(decision.reason).toMatch(/^Likely (ir)?relevant: .*"cancer pain", which the criteria exclude/);
  });
});

describe('designs', () => {
  const antipsychotics: Criteria = { ...base, population: 'schizophrenia', intervention: 'atypical antipsychotics (olanzapine, risperidone)', designs: ['rct', 'cohort'] };

  it('a double-blind crossover trial whose abstract says "case reports" is not a case report', async () => {
    const item = record('Olanzapine versus risperidone in schizophrenia', 'Case reports have suggested weight gain with olanzapine. In this double-blind crossover trial, 40 patients with schizophrenia received olanzapine and risperidone for 8 weeks each.');
    const decision = await screen(item, antipsychotics);
    expect(decision.decision).not.toBe('exclude');
    expect(decision.reason).not.toContain('case report');
  });

  it('a randomised PK study whose background mentions "a 44-year-old woman" is not a case report', async () => {
    const item = record('Pharmacokinetics of olanzapine in schizophrenia', 'Toxicity was described in a 44-year-old woman. We randomised 24 patients with schizophrenia to two olanzapine doses and measured plasma concentrations.');
    const decision = await screen(item, antipsychotics);
    expect(decision.decision).not.toBe('exclude');
    expect(decision.reason).not.toContain('case report');
  });

  it('a title saying "systematic review" is never called a narrative review', async () => {
    const item = record('A systematic review of the use of atypical antipsychotics in autism', 'This article reviews the trials of risperidone and olanzapine in autism. In this review we searched MEDLINE.');
    for (const designs of [['rct', 'systematic-review'], ['rct']] as Criteria['designs'][]) {
      const decision = await screen(item, { ...antipsychotics, population: 'autism', designs });
      expect(decision.reason).not.toContain('narrative review');
    }
    expect((await screen(item, { ...antipsychotics, population: 'autism', designs: ['rct', 'systematic-review'] })).decision).not.toBe('exclude');
  });

  it('"Response to methylphenidate ..." (an original study) is never called a comment', async () => {
    const criteria = { ...base, population: 'ADHD', intervention: 'methylphenidate' };
    const decision = await screen(record('Response to methylphenidate in children with ADHD and comorbid anxiety', 'Children with ADHD were randomised to methylphenidate or placebo for 4 weeks.'), criteria);
    expect(decision.decision).not.toBe('exclude');
    expect(decision.reason).not.toContain('comment');
    // A response to a letter still is one.
    expect(await screen(record('Response to the letter by Smith et al.', 'We thank Dr Smith for the comments.'), criteria)).toMatchObject({ decision: 'exclude', exclusionReason: 'not a primary study' });
  });
});

describe('criteria compile faithfully', () => {
  it('"… in children" in one part of the population does not make the review children-only', async () => {
    const criteria = { ...base, population: 'schizophrenia, bipolar disorder, autism or disruptive behavior disorders in children', intervention: 'atypical antipsychotics (olanzapine, risperidone)' };
    const preview = describeCriteria(criteria);
    expect(preview.ageGroups).toEqual([]);
    const population = preview.fields.find((field) => field.field === 'population');
    expect(population?.concepts.map((concept) => [concept.label, concept.ageGroup])).toEqual([
      ['schizophrenia', null],
      ['bipolar disorder', null],
      ['autism', 'children'],
      ['disruptive behavior disorders', 'children'],
    ]);
    const adults = await screen(record('Olanzapine in adults with schizophrenia: a randomised trial', 'Adults with schizophrenia were randomised to olanzapine or placebo.'), criteria);
    expect(adults.decision).toBe('include');
    const autism = await screen(record('Risperidone in adults with autism: a randomised trial', 'Adults with autism were randomised to risperidone or placebo.'), criteria);
    expect(autism.reason).toContain('about adults');
  });

  it('"adults with …" at the head still limits the whole population', () => {
    expect(describeCriteria({ ...base, population: 'adults with osteoarthritis, rheumatoid arthritis' }).ageGroups).toEqual(['adults']);
  });

  it('"drugs for ADHD" does not become "ADHD"', async () => {
    const criteria = { ...base, population: 'children', intervention: 'drugs for ADHD', designs: [] };
    const intervention = describeCriteria(criteria).fields.find((field) => field.field === 'intervention');
    expect(intervention?.concepts.map((concept) => concept.label)).toEqual(['drugs for ADHD']);
    const parts = intervention?.concepts[0]?.allOf ?? [];
    expect(parts.map((part) => part.label)).toEqual(['drugs', 'ADHD']);
    expect(parts[0]?.terms).toContainEqual({ text: 'medication', added: true });
    const untreated = await screen(record('Prevalence of ADHD in school children', 'We surveyed 2,000 school children for ADHD symptoms.'), criteria);
    const treated = await screen(record('Drug treatment of ADHD in school children', 'Children with ADHD received stimulant medication for 12 weeks.'), criteria);
    expect(untreated.reason).toMatch(/does not (clearly )?mention the intervention/);
    expect(treated.decision).toBe('include');
    expect(treated.relevance).toBeGreaterThan(untreated.relevance as number);
  });

  it('drug code names and "5-HT1B/1D agonists" match when the criteria name them', async () => {
    const criteria = { ...base, population: 'migraine', intervention: '311C90, MK-462, 5-HT1B/1D agonists' };
    const abstract = 'Patients with migraine were randomised to the drug or placebo.';
    for (const title of ['311C90 for acute migraine: a randomised trial', 'Oral 311c90 in migraine', 'MK-462 in migraine', 'MK 462 in migraine', 'Selective 5-HT1B/1D agonists for migraine', '5-HT(1B/1D) agonists in migraine']) {
      expect((await screen(record(title, abstract), criteria)).reason, title).toMatch(/^Included: .*the intervention/);
    }
    // Pieces of a code scattered through a text are not the code.
    const scattered = await screen(record('Migraine: a randomised trial in 311 patients', 'Vitamin C was given to 90 patients with migraine.'), criteria);
    expect(scattered.reason).toMatch(/does not mention the intervention/);
  });
});
