// The operations page in a browser: sign in with the admin token, find a failed task, retry it,
// and watch it complete. The failing task is a test-only kind run by this test process, which
// joins the server's database as a second Sift process would (`npm run worker`): the server's
// ops page lists and retries it like any other.
import { expect, test } from '@playwright/test';
import { z } from 'zod';
import { startEmbeddedPostgres } from '@sift/db';
import { defineTaskKind, startTaskLayer, type TaskLayer } from '@sift/tasks';
import { until } from '@sift/tasks/testing';

const owner = 'e2e-researcher';

/** Fails its first two attempts (its retries used up, it is dead-lettered), succeeds after that. */
const flakyTask = defineTaskKind({
  name: 'e2e-flaky',
  input: z.object({}),
  queue: { retryLimit: 1, retryDelaySeconds: 1, expireInSeconds: 60, heartbeatSeconds: 10 },
  prepare: async () => ({ title: 'Nightly re-index' }),
  run: async ({ attempt }) => {
    if (attempt <= 2) throw new Error('the search index was locked by a backup');
    return { reindexed: true };
  },
});

let layer: TaskLayer;

test.beforeAll(async () => {
  // The server started the embedded cluster; this finds it listening and shares it.
  const { url } = await startEmbeddedPostgres({ dataDir: process.env.SIFT_E2E_DATA_DIR!, port: Number(process.env.SIFT_E2E_PG_PORT) });
  layer = await startTaskLayer(url, { kinds: [flakyTask], workers: { pollingIntervalSeconds: 1 }, processName: 'e2e-flaky-worker' });
});
test.afterAll(() => layer?.stop(1000));

test('an operator signs in with the admin token, finds a failed task, retries it and sees it complete', async ({ page }) => {
  const { id } = await layer.tasks.create(owner, { kind: 'e2e-flaky', input: {} });
  await until(() => layer.tasks.status(owner, id), (status) => status?.state === 'error');

  await page.goto('/ops');
  await expect(page).toHaveURL(/#\/ops$/);
  await page.getByLabel('Your name').fill('Dana');
  await page.getByLabel('Admin token').fill('not-the-token-not-the-token-not-the-token');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('The server did not accept that admin token.');

  await page.getByLabel('Admin token').fill(process.env.SIFT_E2E_ADMIN_TOKEN!);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Signed in as Dana')).toBeVisible();
  await expect(page.getByRole('row', { name: /e2e-flaky/ }).first()).toBeVisible(); // its queue

  const failed = page.getByRole('table', { name: 'Failed tasks' });
  const row = failed.getByRole('row', { name: /Nightly re-index/ });
  await expect(row).toContainText('dead-lettered');
  await expect(row).toContainText(owner);
  await row.getByRole('link', { name: 'Nightly re-index' }).click();

  await expect(page.getByRole('heading', { name: 'Nightly re-index' })).toBeVisible();
  await expect(page.getByText('Failed', { exact: true })).toBeVisible();
  await expect(page.locator('pre.stack').first()).toContainText('the search index was locked by a backup');
  await page.getByRole('button', { name: 'Retry this task' }).click();
  await expect(page.getByText('Ready', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Retry this task' })).toHaveCount(0);

  await page.getByRole('link', { name: '← Overview' }).click();
  const audit = page.getByRole('table', { name: 'Operator actions' });
  await expect(audit.getByRole('row', { name: /retry-task/ })).toContainText('Dana');
  await expect(audit.getByRole('row', { name: /retry-task/ })).toContainText(id);
});

test("researchers' pages do not lead to it, and pg-boss's dashboard needs the sign-in", async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByRole('link', { name: /operations|ops/i })).toHaveCount(0);
  const dashboard = await page.request.get('/ops/queues/');
  expect(dashboard.status()).toBe(401);

  await page.goto('/#/ops');
  await page.getByLabel('Your name').fill('Dana');
  await page.getByLabel('Admin token').fill(process.env.SIFT_E2E_ADMIN_TOKEN!);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const [dashboardPage] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: /pg-boss dashboard/ }).click()]);
  // The overview lists only the five busiest queues; the Queues page lists every one.
  await dashboardPage.getByRole('link', { name: 'Queues', exact: true }).click();
  await expect(dashboardPage.getByText('e2e-flaky').first()).toBeVisible();
});
