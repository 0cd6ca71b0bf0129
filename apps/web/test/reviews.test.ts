// The literature review pages' pure rules: the hash routes, which files an upload zone takes,
// when imports are polled and duplicates can be looked for, the records' sort cycle and labels.
import { describe, expect, it } from 'vitest';
import { DATASET_TABS, parseHash, PROJECT_STEPS, routeHash, type Route } from '../src/hooks/useHashRoute.ts';
import { refusalReason } from '../src/hooks/useUpload.ts';
import { SPREADSHEET_EXTENSIONS, spreadsheetRefusal } from '../src/spreadsheets/SpreadsheetsPage.tsx';
import { importsInterval, LITERATURE_EXTENSIONS, literatureRefusal } from '../src/reviews/ImportList.tsx';
import { dedupBlocker } from '../src/reviews/DedupPanel.tsx';
import { formatName, skippedLabel } from '../src/reviews/ImportReport.tsx';
import { headerLabel, withColumn } from '../src/reviews/ColumnMapping.tsx';
import { groupRangeLabel, reasonLabel } from '../src/reviews/DuplicateGroups.tsx';
import { pairStatusLabel } from '../src/reviews/PossibleDuplicates.tsx';
import { nextRecordSort, recordAriaSort, recordRangeLabel } from '../src/paging.ts';
import type { ImportListing, TaskStatus } from '../src/trpc.ts';

const PROJECT = '11111111-1111-4111-8111-111111111111';

function listing(state: TaskStatus['state']): ImportListing {
  return {
    taskId: '00000000-0000-4000-8000-000000000000',
    importId: null,
    fileName: 'pubmed.nbib',
    format: null,
    report: null,
    task: {
      id: '00000000-0000-4000-8000-000000000000',
      kind: 'literature-import',
      title: 'pubmed.nbib',
      state,
      stage: '',
      processed: 0,
      total: 0,
      percent: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      startedAt: null,
      finishedAt: null,
      elapsedMs: null,
      etaMs: null,
      error: null,
      result: null,
    },
  };
}

describe('hash routes', () => {
  it('reads the section, the project and its step from the hash', () => {
    expect(parseHash('')).toEqual({ page: 'sheets' });
    expect(parseHash('#/')).toEqual({ page: 'sheets' });
    expect(parseHash('#/reviews')).toEqual({ page: 'reviews' });
    expect(parseHash('#/reviews/')).toEqual({ page: 'reviews' });
    // A link from before the steps existed opens the first step.
    expect(parseHash(`#/reviews/${PROJECT}`)).toEqual({ page: 'project', projectId: PROJECT, step: 'import' });
    expect(parseHash(`#/reviews/${PROJECT}/screening`)).toEqual({ page: 'project', projectId: PROJECT, step: 'screening' });
    expect(parseHash(`#/projects/${PROJECT}/prisma`)).toEqual({ page: 'project', projectId: PROJECT, step: 'prisma' });
    expect(parseHash(`#/reviews/${PROJECT.toUpperCase()}/people`)).toEqual({ page: 'project', projectId: PROJECT, step: 'people' });
    expect(parseHash(`#/files/${PROJECT}`)).toEqual({ page: 'file', taskId: PROJECT, tab: 'preview' });
    expect(parseHash(`#/files/${PROJECT}/profile`)).toEqual({ page: 'file', taskId: PROJECT, tab: 'profile' });
    expect(parseHash('#/help')).toEqual({ page: 'help' });
  });

  it('reads a mangled or unknown link as not found, without sending it to the server', () => {
    expect(parseHash('#/elsewhere')).toEqual({ page: 'notFound', what: 'page' });
    expect(parseHash('#/reviews/not-a-project')).toEqual({ page: 'notFound', what: 'project' });
    expect(parseHash(`#/reviews/${PROJECT.slice(0, 30)}`)).toEqual({ page: 'notFound', what: 'project' });
    expect(parseHash(`#/reviews/${PROJECT}/conflicts`)).toEqual({ page: 'notFound', what: 'project' });
    expect(parseHash(`#/reviews/${PROJECT}/screening/extra`)).toEqual({ page: 'notFound', what: 'project' });
    expect(parseHash(`#/files/${PROJECT}/chart`)).toEqual({ page: 'notFound', what: 'file' });
    expect(parseHash('#/files/%E0%A4%A')).toEqual({ page: 'notFound', what: 'file' });
    expect(parseHash('#/join')).toEqual({ page: 'notFound', what: 'page' });
  });

  it('reads the sentence an institutional sign-in came back refused with', () => {
    expect(parseHash('#/account?signInError=Uni%20login%20did%20not%20sign%20you%20in%20(a%3Db).')).toEqual({ page: 'account', signInError: 'Uni login did not sign you in (a=b).' });
    expect(parseHash('#/account')).toEqual({ page: 'account' });
  });

  it('writes hashes that read back as the same route', () => {
    const routes: Route[] = [
      { page: 'sheets' },
      { page: 'reviews' },
      { page: 'help' },
      { page: 'trash' },
      ...PROJECT_STEPS.map((step) => ({ page: 'project' as const, projectId: PROJECT, step })),
      ...DATASET_TABS.map((tab) => ({ page: 'file' as const, taskId: PROJECT, tab })),
    ];
    for (const route of routes) expect(parseHash(routeHash(route))).toEqual(route);
    expect(routeHash({ page: 'project', projectId: PROJECT, step: 'screening' })).toBe(`#/reviews/${PROJECT}/screening`);
  });
});

describe('literature uploads', () => {
  const target = { extensions: LITERATURE_EXTENSIONS, notAccepted: literatureRefusal };
  it('takes every export format and refuses other files', () => {
    for (const name of ['a.nbib', 'b.TXT', 'c.ris', 'd.xml', 'e.bib', 'f.csv', 'g.tsv', 'h.xlsx']) {
      expect(refusalReason(new File(['x'], name), undefined, target)).toBeNull();
    }
    expect(refusalReason(new File(['x'], 'notes.docx'), undefined, target)).toContain('not a literature export');
  });

  it('the spreadsheets page takes only spreadsheets', () => {
    const spreadsheets = { extensions: SPREADSHEET_EXTENSIONS, notAccepted: spreadsheetRefusal };
    expect(refusalReason(new File(['x'], 'a.ris'), undefined, spreadsheets)).toContain('not a spreadsheet');
    expect(refusalReason(new File(['x'], 'a.csv'), 0, spreadsheets)).toContain('upload limit');
    for (const name of ['a.xlsx', 'macros.XLSM', 'b.csv', 'c.tsv']) expect(refusalReason(new File(['x'], name), undefined, spreadsheets)).toBeNull();
  });
});

describe('imports and de-duplication', () => {
  it('polls the imports only while one can still change', () => {
    expect(importsInterval(undefined)).toBe(false);
    expect(importsInterval([listing('ready'), listing('error')])).toBe(false);
    expect(importsInterval([listing('ready'), listing('running')])).toBe(1000);
    expect(importsInterval([listing('queued')])).toBe(1000);
  });

  it('finds duplicates only once every import has finished and one is ready', () => {
    expect(dedupBlocker(undefined, false)).not.toBeNull();
    expect(dedupBlocker([], false)).toMatch(/import at least one/i);
    expect(dedupBlocker([listing('ready'), listing('running')], false)).toMatch(/wait/i);
    expect(dedupBlocker([listing('error')], false)).toMatch(/import at least one/i);
    expect(dedupBlocker([listing('ready')], true)).not.toBeNull();
    expect(dedupBlocker([listing('ready'), listing('cancelled')], false)).toBeNull();
  });

  it('names formats, skipped lines and merge reasons in words', () => {
    expect(formatName('medline')).toBe('PubMed (MEDLINE)');
    expect(formatName(null)).toBe('Unknown format');
    expect(skippedLabel(0, 'ris')).toBe('No lines skipped');
    expect(skippedLabel(1, 'ris')).toBe('1 line skipped');
    expect(skippedLabel(3, 'csv')).toBe('3 rows skipped');
    expect(reasonLabel('doi')).toBe('same DOI');
    expect(reasonLabel('title_year_author')).toBe('same title, year and first author');
    expect(reasonLabel('researcher')).toBe('merged by you');
    expect(groupRangeLabel(20, 5, 25)).toBe('Groups 21–25 of 25');
    expect(groupRangeLabel(0, 0, 0)).toBe('No duplicate groups');
  });
});

describe('records table', () => {
  it('cycles a column ascending, descending, then file order; another column starts ascending', () => {
    const asc = nextRecordSort(null, 'year');
    expect(asc).toEqual({ key: 'year', direction: 'asc' });
    const desc = nextRecordSort(asc, 'year');
    expect(desc).toEqual({ key: 'year', direction: 'desc' });
    expect(nextRecordSort(desc, 'year')).toBeNull();
    expect(nextRecordSort(desc, 'title')).toEqual({ key: 'title', direction: 'asc' });
  });

  it('marks only the sorted column for screen readers', () => {
    expect(recordAriaSort({ key: 'year', direction: 'desc' }, 'year')).toBe('descending');
    expect(recordAriaSort({ key: 'year', direction: 'asc' }, 'title')).toBeUndefined();
    expect(recordAriaSort(null, null)).toBeUndefined();
  });

  it('labels the shown range', () => {
    expect(recordRangeLabel(0, 50, 20_000)).toBe('Records 1–50 of 20,000');
    expect(recordRangeLabel(19_950, 50, 20_000)).toBe('Records 19,951–20,000 of 20,000');
    expect(recordRangeLabel(0, 50, 0)).toBe('No records');
    expect(recordRangeLabel(0, 50, undefined)).toBe('Loading records…');
  });
});

describe('column mapping', () => {
  it('shows headers as the file has them, a blank one by its place', () => {
    expect(headerLabel('文章名称', 0)).toBe('文章名称');
    expect(headerLabel('  ', 3)).toBe('Column 4 (no header)');
  });

  it('sets a field to a column or takes it out, leaving the others', () => {
    const mapping = { abstract: 1, year: 3 };
    expect(withColumn(mapping, 'title', 0)).toEqual({ title: 0, abstract: 1, year: 3 });
    expect(withColumn(mapping, 'year', 4)).toEqual({ abstract: 1, year: 4 });
    expect(withColumn(mapping, 'year', null)).toEqual({ abstract: 1 });
    expect(mapping).toEqual({ abstract: 1, year: 3 });
  });
});

describe('possible duplicates', () => {
  it('says what the researcher decided, and whether a merge has taken effect yet', () => {
    expect(pairStatusLabel({ status: 'open', inOneGroup: false })).toBeNull();
    expect(pairStatusLabel({ status: 'kept_apart', inOneGroup: false })).toBe('You kept these apart.');
    expect(pairStatusLabel({ status: 'merged', inOneGroup: true })).toBe('You merged these: they are one duplicate group.');
    expect(pairStatusLabel({ status: 'merged', inOneGroup: false })).toBe('You merged these, but they are not one group yet: de-duplication is still running, or a split you made keeps their groups apart.');
  });
});
