// Accessibility on every main page and state the researcher reaches: axe-core finds no serious
// or critical violation; the first Tab offers "Skip to content"; a wide preview is one tab stop
// with arrow-key movement (the grid pattern); keyboard-only screening is explained on the page.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { makeSampleCsv } from '@sift/excel/fixtures';
import { chooseFile, openStep, screenedProject, writeInput, type StepLabel } from './support.ts';

/** Runs axe on the page as it is; fails on serious or critical violations, notes the others. */
async function expectAccessible(page: Page, testInfo: TestInfo, state: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  const others = results.violations.filter((violation) => !serious.includes(violation));
  testInfo.annotations.push({ type: `axe: ${state}`, description: `${results.passes.length} rules passed; serious/critical: ${serious.length}; other: ${others.map((violation) => `${violation.id} (${violation.impact})`).join(', ') || 'none'}` });
  expect(
    serious.map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`),
    `serious or critical axe violations on ${state}`,
  ).toEqual([]);
}

test('every main page has no serious or critical axe violation, and starts with a skip link', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 2, name: 'Welcome to Sift' })).toBeVisible();
  await expectAccessible(page, testInfo, 'spreadsheets, first visit');

  // The first Tab is the skip link, and it moves the focus to the page's content.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();

  // A spreadsheet, its three views, then the list with it.
  await chooseFile(page, await writeInput(testInfo, 'sample.csv', makeSampleCsv()));
  const card = page.getByRole('article', { name: 'sample.csv' });
  await expect(card.getByText('Ready', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expectAccessible(page, testInfo, 'spreadsheets with a ready file');
  for (const view of ['Profile', 'Export', 'Preview']) {
    await card.getByRole('navigation', { name: /^Views of sheet/ }).getByRole('link', { name: view }).click();
    await expect(page).toHaveURL(new RegExp(`/${view.toLowerCase()}$`));
    await expectAccessible(page, testInfo, `spreadsheet ${view.toLowerCase()}`);
  }

  // A screened project, each of its steps.
  await screenedProject(page, testInfo, 'Accessible review');
  for (const step of ['Screening', 'Import', 'Duplicates', 'PRISMA & exports', 'People'] satisfies StepLabel[]) {
    await openStep(page, step);
    await expectAccessible(page, testInfo, `project step ${step}`);
    // Screening by keyboard alone is explained where it is done.
    if (step === 'Screening') await expect(page.locator('#step-help')).toContainText('Keyboard: j/k move, i include, e exclude, u uncertain');
  }

  for (const [hash, heading] of [
    ['#/reviews', 'Your review projects'],
    ['#/help', 'How Sift works'],
    ['#/account', 'Sign in'],
    ['#/trash', 'Trash'],
    ['#/reviews/not-a-project', 'Project not found'],
  ] as const) {
    await page.goto(`/${hash}`);
    await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
    await expectAccessible(page, testInfo, hash);
  }
});

test('a wide preview is one tab stop, moved through with the arrow keys', async ({ page }, testInfo) => {
  const columns = Array.from({ length: 151 }, (_, index) => `C${index + 1}`);
  const csv = [columns.join(','), ...Array.from({ length: 5 }, (_, row) => columns.map((_, col) => String(row * 1000 + col)).join(','))].join('\n');
  await page.goto('/');
  await chooseFile(page, await writeInput(testInfo, 'wide.csv', new TextEncoder().encode(csv)));
  const card = page.getByRole('article', { name: 'wide.csv' });
  const grid = card.getByRole('grid');
  await expect(grid.locator('tbody tr')).toHaveCount(5, { timeout: 60_000 });

  // One element of the whole table is in the tab order.
  const tabbable = await grid.evaluate((table) => [...table.querySelectorAll<HTMLElement>('button, a[href], [tabindex]')].filter((element) => element.tabIndex >= 0).length);
  expect(tabbable).toBe(1);

  // Tab reaches it once; the arrow keys move the focus; Enter on a header sorts by it; Tab leaves.
  await card.getByRole('navigation', { name: /^Views of sheet/ }).getByRole('link', { name: 'Export' }).focus();
  await page.keyboard.press('Tab');
  const rowHeader = grid.getByRole('columnheader', { name: 'Row' });
  await expect(rowHeader).toBeFocused();
  await page.keyboard.press('ArrowRight');
  const first = grid.getByRole('columnheader', { name: 'C1', exact: true });
  await expect(first).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(first).toHaveAttribute('aria-sort', 'ascending');
  await page.keyboard.press('End');
  await expect(grid.getByRole('columnheader', { name: 'C151' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(grid.locator('tbody tr').first().locator('td').last()).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(card.getByLabel('Rows per page')).toBeFocused();
});
