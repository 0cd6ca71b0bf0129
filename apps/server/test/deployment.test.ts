import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configSchema, loadConfig } from '../src/config.ts';

interface ComposeService {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

const compose = parse(await readFile(new URL('../../../docker-compose.yml', import.meta.url), 'utf8')) as { services: Record<string, ComposeService> };
const settingNames = Object.keys(configSchema.shape);
/** What `${NAME:?message}` / `${NAME:-default}` become when compose runs with SIFT_SESSION_SECRET set. */
const interpolate = (value: string) =>
  value.replace(/\$\{(\w+)(?::[?-]([^}]*))?\}/g, (_match, name: string, fallback?: string) =>
    name === 'SIFT_SESSION_SECRET' ? 'x'.repeat(40) : (fallback ?? ''),
  );

describe('docker-compose.yml', () => {
  it('runs Postgres, the app and a separate worker service', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'postgres', 'worker']);
    expect(compose.services.postgres?.image).toMatch(/^postgres:\d+/);
    expect(compose.services.app?.command).toEqual(['node', 'apps/server/src/main.ts']);
    expect(compose.services.worker?.command).toEqual(['node', 'apps/server/src/worker.ts']);
  });

  it.each(['app', 'worker'])('%s: every variable is a Sift setting, and together they pass config validation', (name) => {
    const service = compose.services[name]!;
    const environment = Object.fromEntries(Object.entries(service.environment ?? {}).map(([key, value]) => [key, interpolate(String(value))]));
    for (const key of Object.keys(environment)) expect(settingNames).toContain(key);
    const config = loadConfig(environment);
    expect(new URL(config.DATABASE_URL!).hostname).toBe('postgres');
    expect(service.depends_on?.postgres?.condition).toBe('service_healthy');
  });

  it('the app leaves work to the worker service', () => {
    const app = compose.services.app!;
    expect(loadConfig(Object.fromEntries(Object.entries(app.environment ?? {}).map(([k, v]) => [k, interpolate(v)]))).SIFT_WORKERS).toBe(false);
  });

  it.each([
    ['app', 'PORT'],
    ['worker', 'SIFT_WORKER_HEALTH_PORT'],
  ] as const)('%s: its health check runs the healthcheck script (/healthz, then /readyz) on the port it serves them on', (name, portSetting) => {
    const service = compose.services[name]!;
    const config = loadConfig(Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(v)])));
    expect(service.healthcheck?.test).toEqual(['CMD', 'node', 'apps/server/src/healthcheck.ts', String(config[portSetting])]);
  });

  it('the operations page stays off unless SIFT_ADMIN_TOKEN is given', () => {
    const app = compose.services.app!.environment!;
    expect(app.SIFT_ADMIN_TOKEN).toBe('${SIFT_ADMIN_TOKEN:-}');
    expect(loadConfig(Object.fromEntries(Object.entries(app).map(([k, v]) => [k, interpolate(v)]))).SIFT_ADMIN_TOKEN).toBeUndefined();
  });

  it('Postgres credentials match the URL the services use', () => {
    const postgres = compose.services.postgres!.environment!;
    const url = new URL(compose.services.app!.environment!.DATABASE_URL!);
    expect([url.username, url.password, url.pathname.slice(1)]).toEqual([postgres.POSTGRES_USER, postgres.POSTGRES_PASSWORD, postgres.POSTGRES_DB]);
  });
});

describe('configuration', () => {
  it('has defaults for everything, so a bare `npm start` works', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, SIFT_UPLOAD_LIMIT_MB: 100, SIFT_PARSE_MEMORY_MB: 2048, SIFT_WORKERS: true, SIFT_WORKER_CONCURRENCY: 2 });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('takes the memory of a parse thread in whole MB, and refuses one too small to read anything', () => {
    expect(loadConfig({ SIFT_PARSE_MEMORY_MB: '512' }).SIFT_PARSE_MEMORY_MB).toBe(512);
    expect(() => loadConfig({ SIFT_PARSE_MEMORY_MB: '16' })).toThrow(/SIFT_PARSE_MEMORY_MB/);
    expect(() => loadConfig({ SIFT_PARSE_MEMORY_MB: '1.5GB' })).toThrow(/SIFT_PARSE_MEMORY_MB/);
  });

  it('refuses an admin token too short to resist guessing, and says how to make one', () => {
    expect(() => loadConfig({ SIFT_ADMIN_TOKEN: 'letmein' })).toThrow(/SIFT_ADMIN_TOKEN must be at least 32 characters; `openssl rand -hex 32`/);
    expect(loadConfig({ SIFT_ADMIN_TOKEN: 'a'.repeat(32) }).SIFT_ADMIN_TOKEN).toBe('a'.repeat(32));
  });

  it('explains every invalid setting at once', () => {
    expect(() => loadConfig({ PORT: 'eighty', SIFT_UPLOAD_LIMIT_MB: '-1', SIFT_WORKERS: 'maybe' })).toThrow(
      /PORT[\s\S]*SIFT_UPLOAD_LIMIT_MB[\s\S]*SIFT_WORKERS/,
    );
  });
});
