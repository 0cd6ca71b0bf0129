// A literature review from start to finish: create a project, import a PubMed and a RIS export
// (each its own background task and report, the RIS one with a truncated last record), find the
// duplicates across them, split one group, and search, filter and sort the records.
import { expect, test } from '@playwright/test';
import { EMBASE_RIS, PUBMED_NBIB, RIS_TRUNCATED_LINE } from './literatureFiles.ts';
import { openStep, progressSeen, recordProgress, stepLink, writeInput } from './support.ts';

const encode = (text: string) => new TextEncoder().encode(text);

test('a review project imports two exports, finds their duplicates and browses the records', async ({ page }, testInfo) => {
  const pubmed = await writeInput(testInfo, 'pubmed-export.nbib', encode(PUBMED_NBIB));
  const embase = await writeInput(testInfo, 'embase-export.ris', encode(EMBASE_RIS));
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await page.goto('/');

  const sections = page.getByRole('navigation', { name: 'Sections' });
  await sections.getByRole('link', { name: 'Literature reviews' }).click();
  await expect(sections.getByRole('link', { name: 'Literature reviews' })).toHaveAttribute('aria-current', 'page');
  await expect(page).toHaveURL(/#\/reviews$/);

  await page.getByLabel('Project name').fill('Delirium in intensive care');
  await page.getByLabel('Review question').fill('Does early mobilisation prevent delirium in ICU adults?');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page).toHaveURL(/#\/reviews\/[0-9a-f-]{36}\/import$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Delirium in intensive care' })).toBeVisible();
  await expect(page.getByText('Does early mobilisation prevent delirium in ICU adults?')).toBeVisible();

  // Both files at once: each is uploaded with its own bar, then imported as its own task.
  await recordProgress(page);
  await page.getByLabel('Literature export files').setInputFiles([pubmed, embase]);
  const pubmedCard = page.getByRole('article', { name: 'pubmed-export.nbib' });
  const embaseCard = page.getByRole('article', { name: 'embase-export.ris' });
  await expect(pubmedCard.getByText('Ready', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(embaseCard.getByText('Ready', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('list', { name: 'Files in this upload' }).getByRole('listitem')).toHaveText([
    'pubmed-export.nbib: uploaded',
    'embase-export.ris: uploaded',
  ]);
  for (const name of ['pubmed-export.nbib', 'embase-export.ris']) {
    expect(await progressSeen(page, `Upload of ${name}`), `the upload bar of ${name}`).not.toEqual([]);
    const processing = await progressSeen(page, `Processing ${name}`);
    testInfo.annotations.push({ type: `progress seen for ${name}`, description: processing.map((value) => value ?? 'indeterminate').join(', ') || 'none' });
  }

  await expect(pubmedCard.getByRole('list', { name: 'Import report for pubmed-export.nbib' }).getByRole('listitem')).toHaveText([
    '4 records read',
    '1 without abstract',
    '1 without DOI',
    '0 without year',
  ]);
  await expect(pubmedCard.getByText('Read as PubMed (MEDLINE).')).toBeVisible();
  await expect(pubmedCard.getByText('No lines skipped.')).toBeVisible();

  await expect(embaseCard.getByRole('list', { name: 'Import report for embase-export.ris' }).getByRole('listitem')).toHaveText([
    '4 records read',
    '3 without abstract',
    '2 without DOI',
    '1 without year',
  ]);
  await embaseCard.getByText('1 line skipped').click();
  const skipped = embaseCard.locator('.skipped tbody tr');
  await expect(skipped).toHaveCount(1);
  await expect(skipped.locator('td').nth(0)).toHaveText(String(RIS_TRUNCATED_LINE));
  await expect(skipped.locator('td').nth(1)).toContainText('The file ends inside this record');

  const counts = page.getByRole('list', { name: 'Project counts' });
  await expect(counts).toContainText('2 files imported');
  await expect(counts).toContainText('8 records');

  // Each finished import starts the de-duplication by itself: two DOI matches and one
  // title + year + first author match, with no click. The step bar counts them too.
  await expect(stepLink(page, 'Duplicates')).toHaveAccessibleName(/^Step 2: Duplicates, 3 groups/, { timeout: 60_000 });
  await openStep(page, 'Duplicates');
  await expect(page).toHaveURL(/#\/reviews\/[0-9a-f-]{36}\/duplicates$/);
  const groupsPanel = page.getByRole('region', { name: 'Duplicate groups' });
  await expect(groupsPanel.getByRole('status')).toHaveText('3 duplicate groups', { timeout: 60_000 });
  await expect(counts).toContainText('3 duplicate groups');
  // Running it again by hand changes nothing.
  await page.getByRole('button', { name: 'Find duplicates' }).click();
  await expect(page.getByRole('region', { name: 'Duplicates' }).getByText('Ready', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(groupsPanel).not.toHaveAttribute('aria-busy');
  await expect(groupsPanel.getByRole('status')).toHaveText('3 duplicate groups');
  await expect(counts).toContainText('5 records after removing duplicates');
  await expect(page.getByRole('region', { name: 'Duplicates' }).getByText('Ready', { exact: true })).toBeVisible();

  const groups = groupsPanel.locator('details.duplicate-group');
  await expect(groups).toHaveCount(3);
  await expect(groups.filter({ hasText: 'Early mobilisation' }).locator('summary')).toContainText('2 records · same DOI');
  const music = groups.filter({ hasText: 'Music therapy' });
  await music.locator('summary').click();
  await expect(music.getByRole('listitem')).toHaveText(['Same title, same year 2018, same first author (brown)']);
  const members = music.locator('tbody tr');
  await expect(members).toHaveCount(2);
  await expect(members.filter({ hasText: 'pubmed-export.nbib' })).toContainText('Brown, Carol');
  await expect(members.filter({ hasText: 'embase-export.ris' })).toContainText('2018');

  const takeOut = music.getByRole('button', { name: 'Take out of this group' });
  await expect(takeOut).toBeDisabled();
  await members.filter({ hasText: 'embase-export.ris' }).getByRole('checkbox').check();
  await takeOut.click();
  await expect(groupsPanel.getByRole('status')).toHaveText('2 duplicate groups');
  await expect(groups).toHaveCount(2);
  await expect(groups.filter({ hasText: 'Music therapy' })).toHaveCount(0);
  // The split undone: de-duplication runs again and the group is back; then split again.
  await groupsPanel.getByRole('button', { name: 'Undo the split' }).click();
  await expect(groupsPanel.getByRole('status')).toHaveText('3 duplicate groups', { timeout: 30_000 });
  await groups.filter({ hasText: 'Music therapy' }).locator('summary').click();
  await groups.filter({ hasText: 'Music therapy' }).locator('tbody tr').filter({ hasText: 'embase-export.ris' }).getByRole('checkbox').check();
  await groups.filter({ hasText: 'Music therapy' }).getByRole('button', { name: 'Take out of this group' }).click();
  await expect(groupsPanel.getByRole('status')).toHaveText('2 duplicate groups');
  await expect(groups.filter({ hasText: 'Music therapy' })).toHaveCount(0);
  await expect(counts).toContainText('6 records after removing duplicates');

  // The records: 8 in file order, then searched, filtered by file and sorted, all on the server.
  await openStep(page, 'Import');
  const records = page.getByRole('region', { name: 'Records', exact: true });
  const rows = records.locator('tbody tr');
  await expect(records.getByText('Records 1–8 of 8')).toBeVisible();
  await records.getByLabel('Search records').fill('probiotics');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Probiotics for preventing ventilator-associated pneumonia in children.');
  await expect(rows.first()).toContainText('Jones, Anna');
  await records.getByLabel('Search records').fill('');
  await expect(rows).toHaveCount(8);

  await records.getByLabel('Source file').selectOption({ label: 'embase-export.ris' });
  await expect(records.getByText('Records 1–4 of 4')).toBeVisible();
  await records.getByRole('button', { name: 'Year' }).click();
  await expect(records.getByRole('columnheader', { name: /Year/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows.locator('td:nth-child(3)')).toHaveText(['2018', '2019', '2021', '—']);
  await records.getByRole('button', { name: 'Year' }).click();
  await expect(records.getByRole('columnheader', { name: /Year/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(rows.locator('td:nth-child(3)')).toHaveText(['2021', '2019', '2018', '—']);

  // A reload keeps the place, and so does the step's link; back and forward move between steps.
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: 'Delirium in intensive care' })).toBeVisible();
  await expect(pubmedCard.getByText('Ready', { exact: true })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/duplicates$/);
  await expect(stepLink(page, 'Duplicates')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('region', { name: 'Duplicate groups' }).getByRole('status')).toHaveText('2 duplicate groups');
  await expect(pubmedCard).toHaveCount(0);
  await page.goForward();
  await expect(page).toHaveURL(/\/import$/);
  await expect(pubmedCard.getByText('Ready', { exact: true })).toBeVisible();
  await sections.getByRole('link', { name: 'Spreadsheets' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Upload a spreadsheet' })).toBeVisible();
  await expect(sections.getByRole('link', { name: 'Spreadsheets' })).toHaveAttribute('aria-current', 'page');
  expect(consoleErrors, 'errors in the browser console').toEqual([]);
});
