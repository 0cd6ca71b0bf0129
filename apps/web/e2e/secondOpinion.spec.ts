// The LLM as a second opinion, in the browser: a built-in run of a small project, "Ask for a
// second opinion" answered by a fake OpenAI-compatible server (the one the server's
// SIFT_LLM_BASE_URL points at in this suite), its conflicts under the Conflict tab with both
// opinions, one settled by the researcher's decision, and undo bringing it back.
import { expect, test } from '@playwright/test';
import { completion, startFakeOpenAi, titleIn } from '@sift/screening/testing';
import { openStep, screenedProject } from './support.ts';

test('ask the LLM for a second opinion, see its conflicts beside the screener, settle one and undo it', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  // Half the titles are includes to the model, half excludes, so some answers disagree with the screener.
  const llm = await startFakeOpenAi(
    ({ body }) => {
      const decision = titleIn(body).length % 2 === 0 ? 'include' : 'exclude';
      return { body: completion({ decision, reason: `The model says ${decision}.`, criterion: 'population', exclusionReason: decision === 'exclude' ? 'wrong population' : null, confidence: 0.8, evidence: [] }) };
    },
    { port: Number(process.env.SIFT_E2E_LLM_PORT) },
  );
  try {
    await screenedProject(page, testInfo, 'Second opinion');

    // Once the run is ranked, the panel says what it will ask about: the uncertain records and the lower half of the ranking.
    const second = page.getByRole('region', { name: 'Second opinion from the LLM' });
    await expect(second.getByText(/^e2e-model will be asked about \d+ records/)).toBeVisible({ timeout: 30_000 });
    await expect(second).not.toContainText('not ranked yet', { timeout: 30_000 });
    await second.getByRole('button', { name: 'Ask for a second opinion' }).click();
    await expect(second.getByRole('article', { name: /^Second opinion · Second opinion/ }).getByText('Ready', { exact: true })).toBeVisible({ timeout: 60_000 });
    await expect(second.getByRole('list', { name: 'Second opinions so far' })).toContainText(/[1-9]\d* conflicts? with the screener/);
    expect(llm.requests.length).toBeGreaterThan(0);

    // The Conflict tab lists them, each with the screener's decision and the LLM's, and its reason.
    const review = page.getByRole('region', { name: 'Review the decisions' });
    const tabs = review.getByRole('group', { name: 'Show records by decision' });
    const conflictTab = tabs.getByRole('button', { name: /^Conflict \d+$/ });
    await expect(conflictTab).toHaveText(/^Conflict [1-9]\d*$/, { timeout: 15_000 });
    const conflicts = Number((await conflictTab.locator('.tab-count').textContent()) ?? '0');
    await conflictTab.click();
    const rows = review.getByRole('region', { name: 'Screened records' }).locator('tbody tr.screened-row');
    await expect(rows).toHaveCount(conflicts);
    const first = rows.first();
    await expect(first).toContainText('the screener and the second opinion disagree');
    await expect(first).toContainText('second opinion:');
    await expect(first).toContainText(/Second opinion \(llm:e2e-model\): The model says (include|exclude)\./);

    // Deciding settles it (the decision wins); undo brings the conflict back.
    await first.getByRole('button', { name: 'Include' }).click();
    await expect(conflictTab).toHaveText(`Conflict ${conflicts - 1}`);
    await review.getByRole('button', { name: /^Undo last decision \(1\)$/ }).click();
    await expect(conflictTab).toHaveText(`Conflict ${conflicts}`);

    await openStep(page, 'PRISMA & exports');
    const prisma = page.getByRole('figure', { name: 'PRISMA 2020 flow diagram' });
    await expect(prisma).toContainText(/awaiting/i);
  } finally {
    await llm.close();
  }
});
