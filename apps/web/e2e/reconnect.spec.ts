// A Postgres restart, seen in the browser: while the database is down the task card keeps its
// last known progress and says it is reconnecting; once the database is back the task finishes
// by itself, with no reload. This spec runs its own server process on its own embedded cluster,
// which it stops and starts (the shared e2e server's database must stay up for the other specs).
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { startEmbeddedPostgres } from '@sift/db';
import { chooseFile, makeMixedCsv, progressValue, writeInput } from './support.ts';

const serverEntry = fileURLToPath(new URL('../../server/src/main.ts', import.meta.url));
const APP_PORT = Number(process.env.SIFT_E2E_RESTART_PORT ?? 3918);
const PG_PORT = Number(process.env.SIFT_E2E_RESTART_PG_PORT ?? 5918);

test('through a database restart the page keeps the last progress, says it is reconnecting, then finishes', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sift-e2e-restart-'));
  await chmod(dataDir, 0o755); // as root, the embedded Postgres runs as another user
  const pgDir = path.join(dataDir, 'pg');
  let cluster = await startEmbeddedPostgres({ dataDir: pgDir, port: PG_PORT });
  const server = spawn(process.execPath, [serverEntry], {
    env: { ...process.env, PORT: String(APP_PORT), DATABASE_URL: cluster.url, SIFT_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
  const serverExited = new Promise((resolve) => server.once('exit', resolve));
  try {
    await expect.poll(() => fetch(`http://localhost:${APP_PORT}/healthz`).then((response) => response.status, () => 0), { timeout: 60_000 }).toBe(200);
    const file = await writeInput(testInfo, 'restart.csv', makeMixedCsv(40_000, 151));
    await page.goto(`http://localhost:${APP_PORT}/`);
    await chooseFile(page, file);
    const card = page.getByRole('article', { name: 'restart.csv' });
    const bar = 'Processing restart.csv';
    await expect.poll(() => progressValue(page, bar), { timeout: 60_000 }).toBeGreaterThan(0);

    await cluster.stop();
    await expect(card.getByText(/Reconnecting… showing the last known progress/)).toBeVisible({ timeout: 30_000 });
    const shownWhileDown = await progressValue(page, bar);
    expect(shownWhileDown).toBeGreaterThan(0); // the bar stays, with the last progress the server reported

    cluster = await startEmbeddedPostgres({ dataDir: pgDir, port: PG_PORT });
    await expect(card.getByText('40,000 rows × 151 columns')).toBeVisible({ timeout: 150_000 });
    await expect(card.getByText(/Reconnecting/)).toHaveCount(0);
  } finally {
    server.kill('SIGTERM');
    await serverExited;
    await cluster.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
