// Screening in ranked order with a stopping rule, in the browser: a small project ranked by
// relevance from its criteria, the order changing after the researcher's decisions (the ranking
// learns again every five), one decision undone, the stopping test's random sample screened until
// the test passes, the rule applied, and PRISMA naming the records it excluded and the recall claim.
import { expect, test } from '@playwright/test';
import { openStep, screenedProject } from './support.ts';

test('screen in ranked order, see the order learn, undo, and stop by the stopping rule with PRISMA saying so', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await screenedProject(page, testInfo, 'Ranked screening');
  const stopping = page.getByRole('region', { name: 'What to read next, and when to stop' });
  await expect(stopping.getByText(/Ranked by relevance from the criteria and 0 include\/exclude decisions/)).toBeVisible({ timeout: 30_000 });

  // Ranked order: each record says which of its words raised it.
  const review = page.getByRole('region', { name: 'Review the decisions' });
  await review.getByLabel('Sort by').selectOption({ label: 'Most likely relevant first' });
  const rows = review.getByRole('region', { name: 'Screened records' }).locator('tbody tr.screened-row');
  await expect(rows.first().locator('.relevance-why')).toContainText('Relevance rank 1: raised by');
  const titles = () => rows.locator('.screened-title-text').allTextContents();
  const before = await titles();

  // Five decisions: the three at the bottom are included, the top two excluded; the ranking learns again.
  const count = before.length;
  for (const index of [count - 1, count - 2, count - 3]) await rows.nth(index).getByRole('button', { name: 'Include' }).click();
  for (const index of [0, 1]) await rows.nth(index).getByRole('button', { name: 'Exclude' }).click();
  await expect(stopping.getByText(/Ranked by relevance from the criteria and 5 include\/exclude decisions/)).toBeVisible({ timeout: 30_000 });
  await expect.poll(titles, { timeout: 30_000 }).not.toEqual(before);

  // Undo the last one: the status line says so and the record is the screener's again.
  await review.getByRole('button', { name: /^Undo last decision \(5\)$/ }).click();
  await expect(review.locator('.review-status [role="status"]')).toContainText('Undid exclude');
  await expect(review.getByRole('button', { name: /^Undo last decision \(4\)$/ })).toBeVisible();

  // The stopping test: start it, screen its random sample until it passes, apply the rule.
  await stopping.getByLabel('Recall target').selectOption({ label: '80 %' });
  await stopping.getByLabel('Confidence').selectOption({ label: '90 %' });
  await stopping.getByRole('button', { name: 'Start the stopping test' }).click();
  const testStatus = stopping.locator('.stopping-test [role="status"]');
  await expect(testStatus).toContainText('Stopping test for recall ≥ 80 % at 90 % confidence');
  await review.getByRole('group', { name: 'Show records by decision' }).getByRole('button', { name: /^Random sample \d+$/ }).click();
  for (let screened = 0; screened < count && !(await testStatus.textContent())?.includes('The test has passed'); screened++) {
    const first = rows.first().locator('.screened-title-text');
    const title = await first.textContent();
    await rows.first().getByRole('button', { name: 'Exclude' }).click();
    await expect(rows.first().locator('.screened-title-text')).not.toHaveText(title ?? '');
    await expect.poll(async () => (await testStatus.textContent()) ?? '').toMatch(/random sample screened/);
  }
  await expect(testStatus).toContainText('The test has passed', { timeout: 15_000 });
  await stopping.getByRole('button', { name: /^Exclude the \d+ records? nobody read by the stopping rule$/ }).click();
  await expect(stopping.getByText(/^Stopping rule applied: recall ≥ 80 % at 90 % confidence/)).toBeVisible();

  await openStep(page, 'PRISMA & exports');
  const prisma = page.getByRole('figure', { name: 'PRISMA 2020 flow diagram' });
  await expect(prisma).toContainText(/by a stopping rule, not read \(n = [1-9]\d*\)/, { timeout: 15_000 });
  // The diagram wraps long lines into separate text lines, so the claim's words may touch.
  await expect(prisma).toContainText(/recall\s*≥\s*80 % at 90 %\s*confidence/);
});
