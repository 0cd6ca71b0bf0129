import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configSchema, loadConfig, oidcSettings } from '../src/config.ts';

interface ComposeService {
  image?: string;
  build?: string;
  pull_policy?: string;
  restart?: string;
  deploy?: { resources?: { limits?: { memory?: string } } };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

// Compose reads YAML merge keys (`<<: *llm`), which the yaml package follows only when asked.
const compose = parse(await readFile(new URL('../../../docker-compose.yml', import.meta.url), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const dockerfile = await readFile(new URL('../../../Dockerfile', import.meta.url), 'utf8');
const settingNames = Object.keys(configSchema.shape);
/** The .env the README asks for: the required values only. */
const dotEnv: Record<string, string> = { SIFT_SESSION_SECRET: 'x'.repeat(40), POSTGRES_PASSWORD: 'a1b2c3d4e5f6' };
/** What `${NAME:?message}` / `${NAME:-default}` become when compose runs with that .env. */
const interpolate = (value: string) =>
  value.replace(/\$\{(\w+)(?::[?-]([^}]*))?\}/g, (_match, name: string, fallback?: string) => dotEnv[name] ?? fallback ?? '');
const environmentOf = (name: string) =>
  Object.fromEntries(Object.entries(compose.services[name]?.environment ?? {}).map(([key, value]) => [key, interpolate(String(value))]));
const memoryBytes = (limit: string) => {
  const [, amount, unit] = /^(\d+(?:\.\d+)?)([kmg])b?$/i.exec(limit) ?? [];
  return Number(amount) * 1024 ** ({ k: 1, m: 2, g: 3 }[unit!.toLowerCase() as 'k' | 'm' | 'g']);
};

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

  it('a deployed server refuses work without an account', () => {
    expect(loadConfig(environmentOf('app')).SIFT_SIGN_IN).toBe('required');
  });

  it('the operations page stays off unless SIFT_ADMIN_TOKEN is given', () => {
    const app = compose.services.app!.environment!;
    expect(app.SIFT_ADMIN_TOKEN).toBe('${SIFT_ADMIN_TOKEN:-}');
    expect(loadConfig(Object.fromEntries(Object.entries(app).map(([k, v]) => [k, interpolate(v)]))).SIFT_ADMIN_TOKEN).toBeUndefined();
  });

  it('Postgres credentials match the URL the services use, and the password comes from the .env file, not this one', () => {
    const postgres = environmentOf('postgres');
    for (const service of ['app', 'worker']) {
      const url = new URL(environmentOf(service).DATABASE_URL!);
      expect([url.username, url.password, url.pathname.slice(1)]).toEqual([postgres.POSTGRES_USER, postgres.POSTGRES_PASSWORD, postgres.POSTGRES_DB]);
    }
    expect(compose.services.postgres!.environment!.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
    expect(compose.services.app!.environment!.DATABASE_URL).toContain('${POSTGRES_PASSWORD:?');
  });

  it('every service restarts after a crash or a reboot, and has a memory limit', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect([name, service.restart]).toEqual([name, 'unless-stopped']);
      expect(memoryBytes(service.deploy?.resources?.limits?.memory ?? '')).toBeGreaterThan(0);
    }
    // The worker's limit holds its parse threads at their configured heap, with room for the process.
    const worker = loadConfig(environmentOf('worker'));
    const threads = worker.SIFT_WORKER_CONCURRENCY * worker.SIFT_PARSE_MEMORY_MB * 1024 ** 2;
    expect(memoryBytes(compose.services.worker!.deploy!.resources!.limits!.memory!)).toBeGreaterThanOrEqual(threads + 512 * 1024 ** 2);
  });

  it('builds one image, once, and runs both app and worker from it as a non-root user', () => {
    const { app, worker } = compose.services;
    expect(app?.build).toBe('.');
    expect(worker?.build).toBeUndefined();
    expect(worker?.image).toBe(app?.image);
    expect(worker?.pull_policy).toBe('never');
    const user = /^USER\s+(\S+)/m.exec(dockerfile)?.[1];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    expect(dockerfile.indexOf('USER')).toBeGreaterThan(dockerfile.lastIndexOf('RUN '));
  });

  it('passes the LLM settings to the worker, which screens, exactly as to the app, which offers the screener', () => {
    const llm = (name: string) => Object.fromEntries(Object.entries(compose.services[name]!.environment!).filter(([key]) => key.startsWith('SIFT_LLM_')));
    expect(Object.keys(llm('worker')).sort()).toEqual(['SIFT_LLM_API_KEY', 'SIFT_LLM_BASE_URL', 'SIFT_LLM_MODELS']);
    expect(llm('worker')).toEqual(llm('app'));
    expect(loadConfig({ ...environmentOf('worker'), SIFT_LLM_BASE_URL: 'https://llm.example/v1' }).SIFT_LLM_BASE_URL).toBe('https://llm.example/v1');
    expect(loadConfig(environmentOf('worker')).SIFT_LLM_BASE_URL).toBeUndefined();
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

  it('takes SIFT_TRUST_PROXY as hops or addresses and CIDRs, and SIFT_PUBLIC_URL as an origin', () => {
    expect(loadConfig({ SIFT_TRUST_PROXY: '1' }).SIFT_TRUST_PROXY).toBe(1);
    expect(loadConfig({ SIFT_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1' }).SIFT_TRUST_PROXY).toEqual(['10.0.0.0/8', '127.0.0.1', '::1']);
    expect(() => loadConfig({ SIFT_TRUST_PROXY: 'everyone' })).toThrow(/SIFT_TRUST_PROXY takes a number of proxy hops/);
    expect(loadConfig({ SIFT_TRUST_PROXY: '' }).SIFT_TRUST_PROXY).toBeUndefined();
    expect(loadConfig({ SIFT_PUBLIC_URL: 'https://sift.example.org/' }).SIFT_PUBLIC_URL).toBe('https://sift.example.org');
  });

  it('turns institutional sign-in on with an issuer, and then asks for its client by name', () => {
    expect(oidcSettings(loadConfig({}))).toBeNull();
    expect(oidcSettings(loadConfig({ SIFT_OIDC_ISSUER: '' }))).toBeNull();
    expect(() => loadConfig({ SIFT_OIDC_ISSUER: 'https://login.example.edu' })).toThrow(
      /SIFT_OIDC_CLIENT_ID is needed with SIFT_OIDC_ISSUER: register Sift as a client[\s\S]*SIFT_OIDC_CLIENT_SECRET is needed/,
    );
    expect(() => loadConfig({ SIFT_OIDC_ISSUER: 'login.example.edu' })).toThrow(/SIFT_OIDC_ISSUER takes the provider's issuer URL/);
    const settings = oidcSettings(loadConfig({ SIFT_OIDC_ISSUER: 'https://login.example.edu/realms/staff', SIFT_OIDC_CLIENT_ID: 'sift', SIFT_OIDC_CLIENT_SECRET: 's3cret' }));
    expect(settings).toMatchObject({ clientId: 'sift', clientSecret: 's3cret', name: 'your institution' });
    expect(settings?.issuer.href).toBe('https://login.example.edu/realms/staff');
  });

  it('explains every invalid setting at once', () => {
    expect(() => loadConfig({ PORT: 'eighty', SIFT_UPLOAD_LIMIT_MB: '-1', SIFT_WORKERS: 'maybe' })).toThrow(
      /PORT[\s\S]*SIFT_UPLOAD_LIMIT_MB[\s\S]*SIFT_WORKERS/,
    );
  });
});
