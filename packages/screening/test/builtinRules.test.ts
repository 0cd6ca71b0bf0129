// Exact behaviour of the built-in screener's rules, one record at a time.
import { describe, expect, it } from 'vitest';
import { checkHardCriteria, contentHash, createBuiltinScreener, type Criteria, criteriaSchema, type ScreeningDecision, type ScreeningRecord } from '../src/index.ts';

const criteria: Criteria = {
  population: 'adults with type 2 diabetes',
  intervention: 'SGLT2 inhibitors',
  comparator: 'placebo',
  outcomes: 'HbA1c',
  designs: ['rct'],
  include: [],
  exclude: ['pregnant women'],
  yearFrom: 2010,
  yearTo: 2024,
  languages: ['English'],
};

let counter = 0;
function record(fields: Partial<ScreeningRecord>): ScreeningRecord {
  counter++;
  return { id: `r${counter}`, title: 'Empagliflozin in adults with type 2 diabetes', abstract: null, year: 2018, language: 'English', publicationType: null, keywords: [], ...fields };
}

async function screen(item: ScreeningRecord, use: Criteria = criteria): Promise<ScreeningDecision> {
  const [decision] = await createBuiltinScreener().screen([item], use);
  return decision as ScreeningDecision;
}

/** The words each highlight points at. */
function highlighted(item: ScreeningRecord, decision: ScreeningDecision): string[] {
  return decision.highlights.map((highlight) => (highlight.field === 'title' ? (item.title as string) : (item.abstract as string)).slice(highlight.start, highlight.end));
}

const TRIAL = 'Adults with type 2 diabetes were randomised to empagliflozin 10 mg or placebo for 24 weeks. HbA1c fell by 0.7%.';

describe('negation', () => {
  it.each([
    ['non-randomised', 'In this non-randomised study, adults with type 2 diabetes received empagliflozin for 24 weeks. HbA1c fell by 0.7%.'],
    ['not randomised', 'Adults with type 2 diabetes were not randomised; all received empagliflozin for 24 weeks. HbA1c fell by 0.7%.'],
    ['nonrandomised', 'In this nonrandomised study, adults with type 2 diabetes received empagliflozin for 24 weeks. HbA1c fell by 0.7%.'],
    ['without randomisation', 'Adults with type 2 diabetes received empagliflozin without randomisation for 24 weeks. HbA1c fell by 0.7%.'],
  ])('"%s" does not make a randomised trial', async (_words, abstract) => {
    const decision = await screen(record({ title: 'Empagliflozin for 24 weeks in type 2 diabetes', abstract }));
    expect(decision).toMatchObject({ decision: 'exclude', criterion: 'design', exclusionReason: 'wrong study design' });
    expect(decision.reason).toMatch(/^Excluded: a non-randomised trial/);
  });

  it('"randomised" alone does', async () => {
    const decision = await screen(record({ title: 'Empagliflozin for 24 weeks in type 2 diabetes', abstract: TRIAL }));
    expect(decision).toMatchObject({ decision: 'include', criterion: 'population, intervention, design' });
  });

  it('"no patients with diabetes" does not count as the population', async () => {
    const item = record({ title: 'Empagliflozin and kidney function: a randomised trial', abstract: 'No patients with type 2 diabetes were enrolled; adults with chronic kidney disease were randomised to empagliflozin or placebo.' });
    const decision = await screen(item);
    expect(decision.decision).toBe('uncertain');
    expect(decision.reason).toContain('does not mention the population');
    expect(highlighted(item, decision)).not.toContain('type 2 diabetes');
  });

  it('"no significant difference" is not a negation of what follows', async () => {
    const item = record({ title: 'Empagliflozin versus placebo: a randomised trial', abstract: 'There was no significant difference in hypoglycaemia between empagliflozin and placebo in adults with type 2 diabetes.' });
    expect((await screen(item)).decision).toBe('include');
  });
});

describe('abbreviations, synonyms and spelling', () => {
  it('reads words that are also names of object properties as plain words', async () => {
    const item = record({ title: 'The constructor and toString of a class constructor: empagliflozin in type 2 diabetes', abstract: `__proto__ valueOf hasOwnProperty. ${TRIAL}` });
    expect((await screen(item)).decision).toBe('include');
  });

  it('matches T2DM and a drug of the class to the written-out criteria', async () => {
    const item = record({ title: 'Dapagliflozin in T2DM: an RCT', abstract: 'Patients with T2DM were randomized to dapagliflozin or placebo. HbA1c decreased.' });
    const decision = await screen(item);
    expect(decision.decision).toBe('include');
    expect(highlighted(item, decision)).toEqual(expect.arrayContaining(['Dapagliflozin', 'T2DM', 'RCT']));
  });

  it('matches "SGLT-2", "type II diabetes" and US spelling', async () => {
    const item = record({ title: 'An SGLT-2 inhibitor in type II diabetes: a randomized trial', abstract: 'Patients with type II diabetes were randomized to an SGLT-2 inhibitor or placebo; glycated hemoglobin fell.' });
    expect((await screen(item)).decision).toBe('include');
  });

  it('matches abbreviations in capitals only', async () => {
    const mi: Criteria = { ...criteria, population: 'myocardial infarction', intervention: 'aspirin', exclude: [], designs: [] };
    const upper = await screen(record({ title: 'Aspirin after MI', abstract: 'Patients were given aspirin after MI and followed for a year.' }), mi);
    expect(upper.decision).toBe('include');
    const lower = await screen(record({ title: 'Aspirin dosing in mi clinics', abstract: 'Patients were given aspirin in mi clinics and followed for a year.' }), mi);
    expect(lower.decision).not.toBe('include');
  });
});

describe('records without an abstract', () => {
  it('are uncertain even when the title points elsewhere', async () => {
    const decision = await screen(record({ title: 'Metformin in adults with type 2 diabetes', abstract: null }));
    expect(decision).toMatchObject({ decision: 'uncertain', exclusionReason: null });
    expect(decision.reason).toContain('no abstract');
  });

  it('are uncertain even when the title names an exclusion', async () => {
    const decision = await screen(record({ title: 'Empagliflozin in pregnant women with type 2 diabetes', abstract: '   ' }));
    expect(decision.decision).toBe('uncertain');
    expect(decision.reason).toContain('"pregnant women", which the criteria exclude');
  });

  it('are excluded by a hard criterion', async () => {
    expect(await screen(record({ title: 'Empagliflozin in type 2 diabetes', year: 2008 }))).toMatchObject({ decision: 'exclude', criterion: 'year' });
    expect(await screen(record({ title: 'Erratum: Empagliflozin in type 2 diabetes' }))).toMatchObject({ decision: 'exclude', criterion: 'design', exclusionReason: 'not a primary study' });
    expect(await screen(record({ title: 'Empagliflozin in type 2 diabetes', publicationType: 'Case Reports' }))).toMatchObject({ decision: 'exclude', exclusionReason: 'wrong study design' });
  });
});

describe('highlights', () => {
  it('point at the matched words of the original strings (UTF-16 offsets)', async () => {
    const item = record({ title: '😀 [Empagliflozin] in Type 2 Diabetes — an RCT', abstract: `Ünïcode prefix 📈. ${TRIAL}` });
    const decision = await screen(item);
    expect(highlighted(item, decision)).toEqual(['Empagliflozin', 'Type 2 Diabetes', 'RCT', 'Adults', 'type 2 diabetes', 'randomised', 'empagliflozin', 'placebo', 'HbA1c']);
    for (const highlight of decision.highlights) expect(highlight.end).toBeGreaterThan(highlight.start);
  });

  it('stay right in a text whose lower case is longer than itself', async () => {
    const item = record({ title: 'İstanbul: a nonrandomised study of empagliflozin in T2DM', abstract: 'İn İstanbul, adults with type 2 diabetes received empagliflozin without randomisation.' });
    const decision = await screen(item);
    expect(decision).toMatchObject({ decision: 'exclude', criterion: 'design' });
    expect(highlighted(item, decision)).toContain('nonrandomised');
    expect(highlighted(item, decision)).toContain('empagliflozin');
  });

  it('point into a Chinese title', async () => {
    const item = record({ title: '恩格列净治疗2型糖尿病的随机对照试验', abstract: '目的 观察恩格列净治疗2型糖尿病的疗效。方法 患者随机分组。', language: 'Chinese' });
    const decision = await screen(item, { ...criteria, languages: [] });
    expect(decision.decision).toBe('include');
    expect(highlighted(item, decision).slice(0, 3)).toEqual(['恩格列净', '2型糖尿病', '随机']);
  });
});

describe('hard criteria', () => {
  it('exclude records outside the year range, naming it', async () => {
    expect(await screen(record({ year: 2025, abstract: TRIAL }))).toMatchObject({ decision: 'exclude', criterion: 'year', exclusionReason: 'outside the year range', reason: 'Excluded: published in 2025; the criteria ask for 2010 to 2024.' });
    expect((await screen(record({ year: null, abstract: TRIAL }))).decision).toBe('include');
  });

  it('match languages by name or ISO code, case-insensitively', async () => {
    for (const language of ['eng', 'EN', 'English', 'english; Chinese']) expect((await screen(record({ language, abstract: TRIAL }))).decision).toBe('include');
    expect(await screen(record({ language: 'chi', abstract: TRIAL }))).toMatchObject({ decision: 'exclude', criterion: 'language', reason: 'Excluded: written in Chinese; the criteria ask for English.' });
    expect((await screen(record({ language: 'zh', abstract: TRIAL }), { ...criteria, languages: ['Chinese', 'eng'] })).decision).toBe('include');
  });

  it('read the language of a Chinese title when the record names none', async () => {
    const decision = await screen(record({ title: '恩格列净治疗2型糖尿病', language: null, abstract: null }));
    expect(decision).toMatchObject({ decision: 'exclude', criterion: 'language' });
    expect(decision.reason).toContain('the title is in Chinese');
  });

  it('exclude publications that are no study, whatever designs the criteria name', async () => {
    const any: Criteria = { ...criteria, designs: [] };
    expect(await screen(record({ publicationType: 'Editorial', abstract: TRIAL }), any)).toMatchObject({ decision: 'exclude', exclusionReason: 'not a primary study' });
    expect((await screen(record({ title: 'Letter: empagliflozin in type 2 diabetes', abstract: TRIAL }), any)).decision).not.toBe('exclude');
  });

  it('exclude a systematic review unless the criteria ask for one', async () => {
    const review = record({ title: 'SGLT2 inhibitors in type 2 diabetes: a systematic review and meta-analysis', abstract: 'We searched MEDLINE and Embase for randomised trials of SGLT2 inhibitors in adults with type 2 diabetes.' });
    expect(await screen(review)).toMatchObject({ decision: 'exclude', criterion: 'design', exclusionReason: 'not a primary study' });
    expect((await screen(review, { ...criteria, designs: ['rct', 'systematic-review'] })).decision).toBe('include');
  });

  it('exclude animal studies named in an exclusion statement', async () => {
    const decision = await screen(record({ title: 'Empagliflozin in db/db mice', abstract: 'Mice received empagliflozin.' }), { ...criteria, designs: [], exclude: ['animal studies'] });
    expect(decision).toMatchObject({ decision: 'exclude', criterion: 'exclusion: animal studies', exclusionReason: 'exclusion criterion' });
  });

  it('are exported for other screeners', () => {
    expect(checkHardCriteria(record({ year: 2018 }), criteria)).toBeNull();
    expect(checkHardCriteria(record({ year: 1999 }), criteria)).toMatchObject({ criterion: 'year', exclusionReason: 'outside the year range' });
  });
});

describe('topic', () => {
  // Topic alone never excludes: these two were 'exclude' before recall came first (issue 15).
  it('marks a trial of another intervention in the population likely irrelevant, not excluded', async () => {
    const decision = await screen(record({ title: 'Sitagliptin in type 2 diabetes: a randomised trial', abstract: 'Adults with type 2 diabetes were randomised to sitagliptin or placebo.' }));
    expect(decision).toMatchObject({ decision: 'uncertain', criterion: 'intervention', exclusionReason: null });
    expect(decision.reason).toMatch(/^Likely irrelevant: .*does not mention the intervention \(SGLT2 inhibitors\)/);
  });

  it('marks a record about another age group likely irrelevant, not excluded', async () => {
    const decision = await screen(record({ title: 'Empagliflozin in adolescents with type 2 diabetes: a randomised trial', abstract: 'Adolescents aged 10-17 years with type 2 diabetes were randomised to empagliflozin or placebo.' }));
    expect(decision).toMatchObject({ decision: 'uncertain', criterion: 'population', exclusionReason: null });
    expect(decision.reason).toMatch(/^Likely irrelevant: .*about children \("adolescents"\)/);
  });

  it('orders a record that matches the topic above one that does not, with relevance and confidence', async () => {
    const near = await screen(record({ title: 'Empagliflozin in type 2 diabetes', abstract: 'Adults with type 2 diabetes received empagliflozin for 24 weeks. HbA1c fell by 0.7%.' }));
    const far = await screen(record({ title: 'Sitagliptin in type 2 diabetes: a randomised trial', abstract: 'Adults with type 2 diabetes were randomised to sitagliptin or placebo.' }));
    expect(near.reason).toMatch(/^Likely relevant: /);
    expect(near.relevance).toBeGreaterThan(far.relevance as number);
    expect(near.confidence).toBeGreaterThan(far.confidence);
  });

  it('excludes a record that mentions an exclusion in its title', async () => {
    const decision = await screen(record({ title: 'Empagliflozin in pregnant women with type 2 diabetes', abstract: TRIAL }));
    expect(decision).toMatchObject({ decision: 'exclude', criterion: 'exclusion: pregnant women', exclusionReason: 'exclusion criterion' });
  });

  it('says uncertain when the design is not stated', async () => {
    const decision = await screen(record({ title: 'Empagliflozin in type 2 diabetes', abstract: 'Adults with type 2 diabetes received empagliflozin for 24 weeks. HbA1c fell by 0.7%.' }));
    expect(decision).toMatchObject({ decision: 'uncertain', criterion: 'design' });
  });
});

describe('screen()', () => {
  it('keeps the order of the records and names itself', async () => {
    const items = [record({ abstract: TRIAL }), record({ year: 1990 }), record({ abstract: null })];
    const decisions = await createBuiltinScreener().screen(items, criteria);
    expect(decisions.map((decision) => [decision.recordId, decision.decision, decision.screener])).toEqual([
      [items[0]?.id, 'include', 'builtin@1'],
      [items[1]?.id, 'exclude', 'builtin@1'],
      [items[2]?.id, 'uncertain', 'builtin@1'],
    ]);
  });

  it('decides the same record the same way every time', async () => {
    const item = record({ abstract: TRIAL });
    expect(await screen(item)).toEqual(await screen({ ...item }));
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(createBuiltinScreener().screen([record({})], criteria, { signal: controller.signal })).rejects.toThrow('cancelled');
  });

  it('refuses criteria that are not valid, naming the problem', async () => {
    await expect(createBuiltinScreener().screen([record({})], { ...criteria, yearFrom: 2020, yearTo: 2010 })).rejects.toThrow(/yearFrom must not be after yearTo/);
  });
});

describe('criteriaSchema', () => {
  it('names both years when they are the wrong way round', () => {
    const result = criteriaSchema.safeParse({ ...criteria, yearFrom: 2020, yearTo: 2010 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['yearFrom'], message: expect.stringMatching(/yearFrom.*yearTo/) });
  });

  it('trims free text and refuses unknown designs', () => {
    expect(criteriaSchema.parse({ ...criteria, population: '  adults  ' }).population).toBe('adults');
    expect(criteriaSchema.safeParse({ ...criteria, designs: ['anecdote'] }).success).toBe(false);
  });
});

describe('contentHash', () => {
  it('changes with the text the screener reads, not with the id', () => {
    const item = record({ abstract: TRIAL });
    expect(contentHash(item)).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash({ ...item, id: 'other' })).toBe(contentHash(item));
    expect(contentHash({ ...item, abstract: `${TRIAL} More.` })).not.toBe(contentHash(item));
    expect(contentHash({ ...item, keywords: ['x'] })).not.toBe(contentHash(item));
  });
});
