// Screening from start to finish: a project with a PubMed and a RIS export (duplicates removed),
// criteria written (a refused pair of years shown beside its field, then saved), a screening run
// followed to the end, one decision overridden from the keyboard and marked as the researcher's
// with its audit trail, the RIS export carrying the decisions, and a PRISMA diagram whose counts
// are the table's. Criteria changed and screened again leave the first run's decisions readable.
import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { EMBASE_RIS, PUBMED_NBIB } from './literatureFiles.ts';
import { openStep, progressSeen, recordProgress, writeInput } from './support.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

async function tabCount(tabs: Locator, label: string): Promise<number> {
  const text = await tabs.getByRole('button', { name: new RegExp(`^${label} \\d+$`) }).locator('.tab-count').textContent();
  return Number(text);
}

async function download(page: Page, link: Locator): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return readFile(await file.path());
}

test('a project is screened, one decision overridden, exported as RIS and drawn as a PRISMA diagram that agrees with the table', async ({ page }, testInfo) => {
  const pubmed = await writeInput(testInfo, 'pubmed-export.nbib', encode(PUBMED_NBIB));
  const embase = await writeInput(testInfo, 'embase-export.ris', encode(EMBASE_RIS));
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`);
  });

  await page.goto('/#/reviews');
  await page.getByLabel('Project name').fill('Mobilisation and delirium');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Mobilisation and delirium' })).toBeVisible();
  await page.getByLabel('Literature export files').setInputFiles([pubmed, embase]);
  await expect(page.getByRole('article', { name: 'embase-export.ris' }).getByText('Ready', { exact: true })).toBeVisible({ timeout: 60_000 });
  await openStep(page, 'Duplicates');
  await expect(page.getByRole('region', { name: 'Duplicate groups' }).getByRole('status')).toHaveText('3 duplicate groups', { timeout: 60_000 });
  await expect(page.getByRole('list', { name: 'Project counts' })).toContainText('5 records after removing duplicates');

  await openStep(page, 'Screening');
  await expect(page).toHaveURL(/\/screening$/);
  // The criteria: the server refuses years in the wrong order, beside the year field.
  const screening = page.getByRole('region', { name: 'Screening', exact: true });
  const start = screening.getByRole('button', { name: 'Start screening' });
  await expect(screening.getByText('No criteria saved yet.')).toBeVisible();
  await expect(start).toBeDisabled();
  await screening.getByLabel('Population').fill('Critically ill adults in intensive care');
  await screening.getByLabel('Intervention').fill('Early mobilisation');
  await screening.getByLabel('Comparator').fill('Usual care');
  await screening.getByLabel('Outcomes').fill('Delirium');
  await screening.getByRole('checkbox', { name: 'Randomised controlled trial' }).check();
  await screening.getByLabel('Exclusion statements').fill('children\nanimal studies');
  await screening.getByLabel('Published from (year)').fill('2020');
  await screening.getByLabel('Published until (year)').fill('2010');
  await screening.getByRole('button', { name: 'Save criteria' }).click();
  const yearFrom = screening.getByLabel('Published from (year)');
  await expect(yearFrom).toHaveAttribute('aria-invalid', 'true');
  await expect(yearFrom).toHaveAccessibleDescription(/must not be after/);
  await screening.getByLabel('Published from (year)').fill('2000');
  await screening.getByLabel('Published until (year)').fill('');
  await screening.getByRole('button', { name: 'Save criteria' }).click();
  await expect(screening.getByText('Current version: v1')).toBeVisible();
  await expect(yearFrom).toHaveAttribute('aria-invalid', 'false');
  // Before the run: what each criterion will match and what a match does.
  await screening.getByText('What these criteria will match').click();
  const preview = screening.locator('.criteria-preview');
  await expect(preview).toContainText('Intervention: “Early mobilisation”');
  await expect(preview).toContainText('Exclusion statement: “children”');
  await expect(preview).toContainText('Kinds of publication: an animal study');

  // A run, followed live to the end.
  await recordProgress(page);
  await expect(start).toBeEnabled();
  await start.click();
  const runCard = screening.getByRole('article', { name: /^Screening · Mobilisation and delirium · criteria v1$/ });
  await expect(runCard.getByText('Ready', { exact: true })).toBeVisible({ timeout: 60_000 });
  testInfo.annotations.push({
    type: 'screening progress seen',
    description: (await progressSeen(page, 'Processing Screening · Mobilisation and delirium · criteria v1')).map((value) => value ?? 'indeterminate').join(', ') || 'none',
  });
  await expect(screening.getByRole('list', { name: 'Decisions so far' })).toContainText('5 of 5 records screened');

  // The table: five records, the criteria beside them.
  const review = page.getByRole('region', { name: 'Review the decisions' });
  const tabs = review.getByRole('group', { name: 'Show records by decision' });
  const table = review.getByRole('region', { name: 'Screened records' });
  const rows = table.locator('tbody tr.screened-row');
  await expect(review.getByText('Records 1–5 of 5')).toBeVisible();
  await expect(rows).toHaveCount(5);
  expect(await tabCount(tabs, 'All')).toBe(5);
  await expect(review.getByRole('complementary', { name: 'Criteria v1' })).toContainText('Early mobilisation');
  const byDecision = { include: await tabCount(tabs, 'Include'), exclude: await tabCount(tabs, 'Exclude'), uncertain: await tabCount(tabs, 'Uncertain'), conflict: await tabCount(tabs, 'Conflict') };
  expect(byDecision.include + byDecision.exclude + byDecision.uncertain + byDecision.conflict).toBe(5);
  await expect(table.locator('mark').first()).toBeVisible();

  // Override the first record from the keyboard: i when the screener did not include it, else e.
  const first = rows.first();
  const firstTitle = (await first.locator('.screened-title-text').textContent()) ?? '';
  const machine = ((await first.locator('.decision-cell .decision').first().textContent()) ?? '').toLowerCase();
  const decision = machine === 'include' ? 'exclude' : 'include';
  await first.locator('td.reason').click();
  await page.keyboard.press(decision === 'include' ? 'i' : 'e');
  const overridden = rows.filter({ hasText: firstTitle });
  await expect(overridden.locator('.decision-cell')).toContainText('your decision');
  await expect(overridden.locator('.decision-cell')).toContainText(`screener: ${machine.charAt(0).toUpperCase()}${machine.slice(1)}`);
  await expect(overridden.getByRole('button', { name: decision === 'include' ? 'Include' : 'Exclude' })).toHaveAttribute('aria-pressed', 'true');
  await expect(rows.nth(1)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('k');
  await expect(rows.first()).toHaveAttribute('aria-current', 'true');
  await expect.poll(() => tabCount(tabs, 'Reviewed by you')).toBe(1);
  // The status line said what was decided and which record came next; z undoes it, back to the screener's.
  const status = review.locator('.review-status [role="status"]');
  await expect(status).toContainText(`“${firstTitle}”`);
  await expect(status).toContainText('Press z to undo');
  await page.keyboard.press('z');
  await expect(status).toContainText(`Undid ${decision} on “${firstTitle}”`);
  await expect.poll(() => tabCount(tabs, 'Reviewed by you')).toBe(0);
  await expect(overridden.locator('.decision-cell')).not.toContainText('your decision');
  // Decided again, so the rest of the flow has the researcher's decision.
  await page.keyboard.press(decision === 'include' ? 'i' : 'e');
  await page.keyboard.press('k');
  await expect.poll(() => tabCount(tabs, 'Reviewed by you')).toBe(1);
  byDecision[decision] += 1;
  byDecision[machine as keyof typeof byDecision] -= 1;
  await expect.poll(() => tabCount(tabs, 'Include')).toBe(byDecision.include);
  await expect.poll(() => tabCount(tabs, 'Exclude')).toBe(byDecision.exclude);

  // Its audit trail, and the tab of the researcher's decisions.
  await overridden.getByRole('button', { name: 'Show abstract and history' }).click();
  await expect(review.getByRole('list', { name: 'Review history' }).getByRole('listitem')).toHaveText([
    new RegExp(`${machine} → ${decision} by you \\(no account\\) \\(criteria v1\\)$`, 'i'),
    new RegExp(`${machine} → ${decision} by you \\(no account\\) \\(criteria v1\\) · undone`, 'i'),
  ]);
  await tabs.getByRole('button', { name: /^Reviewed by you/ }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(firstTitle);
  await tabs.getByRole('button', { name: /^All/ }).click();
  await expect(rows).toHaveCount(5);

  // What the table counts, read before moving to the next step, where the diagram must agree.
  const tableCounts = { all: await tabCount(tabs, 'All'), include: await tabCount(tabs, 'Include'), exclude: await tabCount(tabs, 'Exclude') };
  await openStep(page, 'PRISMA & exports');
  // The RIS export of all records carries every decision, the researcher's marked as theirs.
  const exports = page.getByRole('region', { name: 'Exports', exact: true });
  const ris = (await download(page, exports.getByRole('link', { name: 'Download all screened records as RIS' }))).toString('utf8');
  const risRecords = ris.split('ER  - ').filter((record) => record.includes('TY  - '));
  expect(risRecords).toHaveLength(5);
  for (const record of risRecords) expect(record).toContain('N1  - Sift screening:');
  const exportedOverride = risRecords.find((record) => record.includes(`TI  - ${firstTitle}`));
  expect(exportedOverride, 'the overridden record in the RIS file').toContain(`N1  - Sift screening: ${decision}. the researcher's decision`);
  const included = (await download(page, exports.getByRole('link', { name: 'Download included records as RIS' }))).toString('utf8');
  expect(included.split('ER  - ').filter((record) => record.includes('TY  - '))).toHaveLength(byDecision.include);

  // The PRISMA diagram counts what the table counts.
  const prisma = page.getByRole('region', { name: 'PRISMA 2020 flow diagram' });
  const figure = prisma.getByRole('figure', { name: 'PRISMA 2020 flow diagram' });
  await expect(figure).toContainText(`Records screened (n = ${tableCounts.all})`);
  await expect(figure).toContainText(`Records included (n = ${tableCounts.include})`);
  await expect(figure).toContainText(`Records excluded (n = ${tableCounts.exclude})`);
  await expect(figure).toContainText(`Duplicate records removed (n = 3)`);
  await expect(prisma.getByRole('alert')).toHaveCount(0);
  const box = await figure.locator('svg').boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(300);
  const svg = (await download(page, prisma.getByRole('link', { name: 'Download SVG' }))).toString('utf8');
  expect(svg).toContain(`Records screened (n = 5)`);
  const png = await download(page, prisma.getByRole('button', { name: 'Download PNG' }));
  expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  expect(png.readUInt32BE(16), 'PNG width: the diagram at twice its size').toBe(2 * Number(/width="(\d+)"/.exec(svg)?.[1]));

  // New criteria, a second run: the first run and its decisions stay one click away.
  await openStep(page, 'Screening');
  await screening.getByLabel('Exclusion statements').fill('children\nanimal studies\nconference abstracts');
  await expect(screening.getByText('Current version: v1 · unsaved changes')).toBeVisible();
  await screening.getByRole('button', { name: 'Save criteria' }).click();
  await expect(screening.getByText('Current version: v2')).toBeVisible();
  await start.click();
  await expect(screening.getByRole('article', { name: /criteria v2$/ }).getByText('Ready', { exact: true })).toBeVisible({ timeout: 60_000 });
  const runs = screening.getByRole('group', { name: 'Screening runs' });
  await expect(runs.getByRole('radio')).toHaveCount(2);
  await expect(review.getByRole('complementary', { name: 'Criteria v2' })).toBeVisible();
  await runs.getByRole('radio', { name: /^Criteria v1/ }).check();
  await expect(review.getByRole('complementary', { name: 'Criteria v1' })).toContainText('the current criteria are v2');
  await expect(rows.filter({ hasText: firstTitle }).locator('.decision-cell')).toContainText('your decision');
  // The browser logs the one refused save (HTTP 400) itself; nothing else may fail.
  expect(consoleErrors.filter((error) => error.includes('/trpc/saveCriteria')), 'the refused save').toHaveLength(1);
  expect(consoleErrors.filter((error) => !error.includes('/trpc/saveCriteria')), 'errors in the browser console').toEqual([]);
});
