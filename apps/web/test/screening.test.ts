// The screening screens' pure rules: marked runs from the screener's offsets, the keyboard
// shortcuts and where they move, the criteria form's conversions and the server's errors placed
// by field, the export links, the rate, when screening may start, and the PRISMA image size.
import { describe, expect, it } from 'vitest';
import { criteriaFromDraft, draftFromCriteria, sameDraft, serverFieldErrors } from '../src/screening/criteriaDraft.ts';
import { highlightSegments } from '../src/screening/highlight.ts';
import { shortcutFor, stepRecord, stillListed, type KeyPress } from '../src/screening/keyboard.ts';
import { svgSize } from '../src/screening/prismaFlowImage.ts';
import { dualTabs, formatRate, runsInterval, screeningBlocker, screeningExportUrl } from '../src/screening/screeningView.ts';
import type { Criteria, Highlight, ScreeningRun, TaskState } from '../src/trpc.ts';

const title = (start: number, end: number): Highlight => ({ field: 'title', start, end });

describe('highlighted text', () => {
  const text = 'Early mobilisation in adults';

  it('marks the ranges of its field and keeps the rest as plain text', () => {
    const segments = highlightSegments(text, [title(6, 18), { field: 'abstract', start: 0, end: 5 }], 'title');
    expect(segments).toEqual([
      { text: 'Early ', marked: false },
      { text: 'mobilisation', marked: true },
      { text: ' in adults', marked: false },
    ]);
  });

  it('joins overlapping and touching ranges, in any order, and clips ranges past the text', () => {
    const segments = highlightSegments(text, [title(22, 99), title(9, 18), title(6, 12), title(18, 21)], 'title');
    expect(segments).toEqual([
      { text: 'Early ', marked: false },
      { text: 'mobilisation in', marked: true },
      { text: ' ', marked: false },
      { text: 'adults', marked: true },
    ]);
  });

  it('always joins back into the original text', () => {
    const cases: Highlight[][] = [[], [title(0, 0)], [title(-5, 3)], [title(0, text.length)], [title(5, 2)], [title(3, 9), title(3, 9)]];
    for (const highlights of cases) {
      const segments = highlightSegments(text, highlights, 'title');
      expect(segments.map((segment) => segment.text).join('')).toBe(text);
      expect(segments.filter((segment) => segment.text === '')).toEqual([]);
    }
    expect(highlightSegments('', [title(0, 4)], 'title')).toEqual([{ text: '', marked: false }]);
  });
});

describe('keyboard screening', () => {
  const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, altKey: false, typing: false, ...extra });

  it('maps i, e, u to decisions and j, k and the arrows to moves', () => {
    expect(shortcutFor(press('i'))).toEqual({ kind: 'decide', decision: 'include' });
    expect(shortcutFor(press('E'))).toEqual({ kind: 'decide', decision: 'exclude' });
    expect(shortcutFor(press('u'))).toEqual({ kind: 'decide', decision: 'uncertain' });
    expect(shortcutFor(press('j'))).toEqual({ kind: 'move', step: 1 });
    expect(shortcutFor(press('ArrowDown'))).toEqual({ kind: 'move', step: 1 });
    expect(shortcutFor(press('k'))).toEqual({ kind: 'move', step: -1 });
    expect(shortcutFor(press('ArrowUp'))).toEqual({ kind: 'move', step: -1 });
    expect(shortcutFor(press('z'))).toEqual({ kind: 'undo' });
    expect(shortcutFor(press('x'))).toBeNull();
    expect(shortcutFor(press('Enter'))).toBeNull();
  });

  it('leaves typing and browser shortcuts alone', () => {
    expect(shortcutFor(press('i', { typing: true }))).toBeNull();
    expect(shortcutFor(press('ArrowDown', { typing: true }))).toBeNull();
    expect(shortcutFor(press('e', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('u', { metaKey: true }))).toBeNull();
    expect(shortcutFor(press('j', { altKey: true }))).toBeNull();
  });

  it('moves within the page, then across pages, and stops at either end', () => {
    const at = (offset: number, index: number, pageLength = 50) => ({ offset, index, pageLength, pageSize: 50, total: 120 });
    expect(stepRecord(at(0, 3), 1)).toEqual({ offset: 0, index: 4 });
    expect(stepRecord(at(0, 3), -1)).toEqual({ offset: 0, index: 2 });
    expect(stepRecord(at(0, 49), 1)).toEqual({ offset: 50, index: 0 });
    expect(stepRecord(at(50, 0), -1)).toEqual({ offset: 0, index: 49 });
    expect(stepRecord(at(100, 19, 20), 1)).toEqual({ offset: 100, index: 19 });
    expect(stepRecord(at(0, 0), -1)).toEqual({ offset: 0, index: 0 });
    expect(stepRecord({ offset: 0, index: 0, pageLength: 0, pageSize: 50, total: 0 }, 1)).toEqual({ offset: 0, index: 0 });
  });

  it('knows whether a decided record stays in the filtered list', () => {
    expect(stillListed(undefined, 'exclude')).toBe(true);
    expect(stillListed('reviewed', 'include')).toBe(true);
    expect(stillListed('include', 'include')).toBe(true);
    expect(stillListed('uncertain', 'include')).toBe(false);
    expect(stillListed('conflict', 'uncertain')).toBe(false);
    expect(stillListed('undecided', 'uncertain')).toBe(true);
    expect(stillListed('undecided', 'exclude')).toBe(false);
  });
});

describe('criteria form', () => {
  const criteria: Criteria = {
    population: 'Adults in intensive care',
    intervention: 'Early mobilisation',
    comparator: 'Usual care',
    outcomes: 'Delirium',
    designs: ['rct', 'cohort'],
    include: ['adults aged 18 or over', 'ICU stay over 24 hours'],
    exclude: ['children'],
    yearFrom: 2000,
    yearTo: null,
    languages: ['English', 'French'],
  };

  it('reads saved criteria into the form and back unchanged', () => {
    const draft = draftFromCriteria(criteria);
    expect(draft.include).toBe('adults aged 18 or over\nICU stay over 24 hours');
    expect(draft.languages).toBe('English, French');
    expect(draft.yearTo).toBe('');
    expect(criteriaFromDraft(draft)).toEqual({ criteria });
    expect(sameDraft(draft, draftFromCriteria(criteria))).toBe(true);
    expect(sameDraft(draft, { ...draft, exclude: 'children\nneonates' })).toBe(false);
  });

  it('takes one statement per line and languages separated by commas, dropping blanks', () => {
    const draft = { ...draftFromCriteria(null), include: '  adults \n\n\r\nsepsis\n', exclude: '\n', languages: 'English;German,, \nSpanish', yearFrom: ' 1995 ' };
    const parsed = criteriaFromDraft(draft);
    expect(parsed).toEqual({ criteria: expect.objectContaining({ include: ['adults', 'sepsis'], exclude: [], languages: ['English', 'German', 'Spanish'], yearFrom: 1995, yearTo: null }) });
  });

  it('refuses a year that is not a number before asking the server', () => {
    const parsed = criteriaFromDraft({ ...draftFromCriteria(null), yearFrom: '20x0', yearTo: '2010.5' });
    expect(parsed).toEqual({ errors: { yearFrom: expect.stringContaining('“20x0” is not a year'), yearTo: expect.stringContaining('“2010.5” is not a year') } });
  });

  it('places the server’s validation issues beside their fields', () => {
    const issues = [
      { code: 'custom', path: ['criteria', 'yearFrom'], message: 'yearFrom must not be after yearTo' },
      { code: 'too_big', path: ['criteria', 'include', 2], message: 'Too long' },
      { code: 'too_big', path: ['criteria', 'languages', 0], message: 'Too long' },
      { code: 'invalid_type', path: ['projectId'], message: 'Invalid UUID' },
    ];
    expect(serverFieldErrors('criteria.yearFrom: yearFrom must not be after yearTo; …', issues)).toEqual({
      fields: { yearFrom: 'yearFrom must not be after yearTo', include: 'Line 3: Too long', languages: 'Language 1: Too long' },
      general: 'Invalid UUID',
    });
  });

  it('shows any other refusal as one message', () => {
    expect(serverFieldErrors('Project not found.', undefined)).toEqual({ fields: {}, general: 'Project not found.' });
    expect(serverFieldErrors('Nothing to place.', [])).toEqual({ fields: {}, general: 'Nothing to place.' });
  });
});

describe('screening run', () => {
  it('links each export set and format to the server route', () => {
    expect(screeningExportUrl('p 1', 't/2', 'undecided', 'xlsx')).toBe('/api/projects/p%201/screening/t%2F2/export?set=undecided&format=xlsx');
  });

  it('reads the rate in records per second once there is one', () => {
    expect(formatRate(0, 5000)).toBeNull();
    expect(formatRate(10, null)).toBeNull();
    expect(formatRate(10, 4000)).toBe('2.5 records/s');
    expect(formatRate(12_345, 1000)).toBe('12,345 records/s');
  });

  it('polls the run list only while a run can still change', () => {
    const run = (state: TaskState): ScreeningRun => ({
      criteriaId: '22222222-2222-4222-8222-222222222222',
      criteriaVersion: 1,
      screener: 'builtin',
      task: {
        id: '00000000-0000-4000-8000-000000000000', kind: 'screening', title: 'Screening', state, stage: '', processed: 0, total: 0, percent: null,
        createdAt: '2026-01-01T00:00:00.000Z', startedAt: null, finishedAt: null, elapsedMs: null, etaMs: null, error: null, result: null,
      },
    });
    expect(runsInterval(undefined)).toBe(false);
    expect(runsInterval([])).toBe(false);
    expect(runsInterval([run('ready'), run('cancelled'), run('error')])).toBe(false);
    expect(runsInterval([run('ready'), run('running')])).toBe(2000);
    expect(runsInterval([run('queued')])).toBe(2000);
  });

  it('starts only with saved criteria, records, duplicates found and no run under way', () => {
    const ready = { criteriaSaved: true, records: 5, dedupRunning: false, runActive: false };
    expect(screeningBlocker(ready)).toBeNull();
    expect(screeningBlocker({ ...ready, records: undefined })).toMatch(/loading/i);
    expect(screeningBlocker({ ...ready, criteriaSaved: false })).toMatch(/save the criteria/i);
    expect(screeningBlocker({ ...ready, records: 0 })).toMatch(/import records/i);
    expect(screeningBlocker({ ...ready, dedupRunning: true })).toMatch(/duplicates/i);
    expect(screeningBlocker({ ...ready, runActive: true })).toMatch(/under way/i);
  });
});

describe('PRISMA image size', () => {
  it('reads width and height, else the viewBox', () => {
    expect(svgSize('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="860" height="512.5" viewBox="0 0 10 10"><title>x</title></svg>')).toEqual({ width: 860, height: 512.5 });
    expect(svgSize("<svg viewBox='0 0 400,300'></svg>")).toEqual({ width: 400, height: 300 });
    expect(svgSize('<svg width="100%" height="100%" viewBox="0 0 640 480"></svg>')).toEqual({ width: 640, height: 480 });
  });

  it('says why an image without a size cannot become a PNG', () => {
    expect(() => svgSize('<svg></svg>')).toThrow(/no size/);
    expect(() => svgSize('<html></html>')).toThrow(/not an SVG/);
  });
});

describe('dual screening tabs', () => {
  it("gives everyone their queue, owners also the records awaiting a second reviewer, and a decided record leaves both", () => {
    expect(dualTabs(false).map((tab) => tab.filter)).toEqual(['queue']);
    expect(dualTabs(true).map((tab) => tab.filter)).toEqual(['queue', 'awaiting']);
    expect(stillListed('queue', 'include')).toBe(false);
    expect(stillListed('awaiting', 'exclude')).toBe(false);
  });
});
