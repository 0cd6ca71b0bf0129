// End-to-end tests against the real server (embedded Postgres, workers, built web app) on a
// throwaway data folder, in Chromium.
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.SIFT_E2E_PORT ?? 3917);
const PG_PORT = Number(process.env.SIFT_E2E_PG_PORT ?? 5917);
// Specs that act as a second Sift process on the same database (ops.spec.ts) read these.
process.env.SIFT_E2E_PG_PORT = String(PG_PORT);
process.env.SIFT_E2E_ADMIN_TOKEN ??= 'e2e-admin-token-0123456789abcdefghijklmn';
// The server's LLM screener points here; only secondOpinion.spec.ts listens on it (its fake
// OpenAI-compatible server), and no other spec starts an LLM task.
process.env.SIFT_E2E_LLM_PORT ??= String(PORT + 1);

// Playwright loads this file in the runner and again in each worker; the environment carries
// the runner's folder to the workers so one run means one fresh database.
if (!process.env.SIFT_E2E_DATA_DIR) {
  const created = mkdtempSync(path.join(tmpdir(), 'sift-e2e-'));
  // As root, the embedded Postgres runs as another user, which must be able to enter the folder.
  chmodSync(created, 0o755);
  process.env.SIFT_E2E_DATA_DIR = created;
  // The web server has stopped by the time the runner exits; a run's database is hundreds of MB.
  process.on('exit', () => rmSync(created, { recursive: true, force: true }));
}
const dataDir = process.env.SIFT_E2E_DATA_DIR;

const executablePath = process.env.SIFT_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: './e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: '../../.test-results/e2e.json' }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath,
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
        },
      },
    },
  ],
  webServer: {
    command: 'node ../server/src/main.ts',
    url: `http://localhost:${PORT}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    // SIGTERM lets the server stop its workers and the embedded Postgres cleanly.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      SIFT_DATA_DIR: dataDir,
      SIFT_EMBEDDED_PG_PORT: String(PG_PORT),
      SIFT_ADMIN_TOKEN: process.env.SIFT_E2E_ADMIN_TOKEN,
      SIFT_LLM_BASE_URL: `http://127.0.0.1:${process.env.SIFT_E2E_LLM_PORT}/v1`,
      SIFT_LLM_MODELS: 'e2e-model',
      LOG_LEVEL: 'warn',
    },
  },
});
