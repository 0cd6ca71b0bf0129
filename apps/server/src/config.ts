// Every setting Sift reads from the environment, validated once at start. The README's
// configuration table lists these; a test checks docker-compose.yml against this schema.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const flag = z.enum(['on', 'off', 'true', 'false', '1', '0']).transform((value) => ['on', 'true', '1'].includes(value));
/** An optional setting that a compose file may pass through empty (`${NAME:-}`): empty means unset. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/**
 * Which proxies may say who the client is (X-Forwarded-For/-Proto/-Host): a number of hops, or
 * comma-separated addresses and CIDRs; Fastify's `trustProxy`. Never "all": any client could then
 * pose as any address.
 */
const trustProxy = z
  .string()
  .trim()
  .transform((value, context) => {
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
    const address = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)(\/\d{1,3})?$/i;
    if (!entries.length || entries.some((entry) => !address.test(entry))) {
      context.addIssue({ code: 'custom', message: 'SIFT_TRUST_PROXY takes a number of proxy hops (e.g. 1) or comma-separated addresses and CIDRs (e.g. 10.0.0.0/8,127.0.0.1)' });
      return z.NEVER;
    }
    return entries;
  });

/** SIFT_OIDC_*: an institution's OpenID Connect provider; every part named when the issuer is set. */
const oidcFields = {
  SIFT_OIDC_ISSUER: optional(z.url({ protocol: /^https?$/, error: 'SIFT_OIDC_ISSUER takes the provider\'s issuer URL, e.g. https://login.example.edu/realms/staff' })),
  SIFT_OIDC_CLIENT_ID: optional(z.string().trim().min(1)),
  SIFT_OIDC_CLIENT_SECRET: optional(z.string().min(1)),
  SIFT_OIDC_NAME: z.string().trim().min(1).max(60).default('your institution'),
};

/** SIFT_SMTP_URL and SIFT_MAIL_FROM: where Sift's mail (reset links, invitations) goes out, and from whom. */
const mailFields = {
  SIFT_SMTP_URL: optional(
    z.url({ protocol: /^smtps?$/, error: 'SIFT_SMTP_URL takes the mail server as smtp://user:password@host:587 (STARTTLS) or smtps://user:password@host:465 (TLS)' }),
  ),
  SIFT_MAIL_FROM: optional(
    z.string().trim().regex(/^([^<>@]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, 'SIFT_MAIL_FROM takes an address, e.g. sift@example.org or "Sift <sift@example.org>"'),
  ),
};

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.url().optional(),
  SIFT_DATA_DIR: z.string().default(path.join(repoRoot, '.data')),
  SIFT_EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(5488),
  SIFT_UPLOAD_LIMIT_MB: z.coerce.number().positive().default(100),
  SIFT_MAX_TASKS_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  SIFT_MAX_UPLOAD_MB_PER_HOUR: z.coerce.number().positive().default(2000),
  SIFT_MAX_WRITES_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  SIFT_ADDRESS_LIMIT_FACTOR: z.coerce.number().int().min(1).default(4),
  SIFT_STORAGE_LIMIT_GB: z.coerce.number().positive().default(50),
  SIFT_UPLOAD_RETENTION_HOURS: z.coerce.number().positive().default(24),
  SIFT_TRASH_DAYS: z.coerce.number().positive().default(30),
  SIFT_UPLOAD_IDLE_SECONDS: z.coerce.number().positive().default(30),
  SIFT_TRUST_PROXY: optional(trustProxy),
  SIFT_PUBLIC_URL: optional(z.url().transform((url) => new URL(url).origin)),
  SIFT_PARSE_MEMORY_MB: z.coerce.number().int().min(64).default(2048),
  SIFT_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  SIFT_WORKERS: flag.default(true),
  SIFT_SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).default(10),
  SIFT_SIGN_IN: z.enum(['optional', 'required']).default('optional'),
  SIFT_SESSION_SECRET: z.string().min(32, 'SIFT_SESSION_SECRET must be at least 32 characters').optional(),
  SIFT_WEB_DIST: z.string().default(path.join(repoRoot, 'apps/web/dist')),
  SIFT_ADMIN_TOKEN: optional(z.string().min(32, 'SIFT_ADMIN_TOKEN must be at least 32 characters; `openssl rand -hex 32` makes one')),
  SIFT_WORKER_HEALTH_PORT: optional(z.coerce.number().int().min(1).max(65535)),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SIFT_LLM_BASE_URL: optional(z.url()),
  SIFT_LLM_API_KEY: optional(z.string().min(1)),
  SIFT_LLM_MODELS: z
    .string()
    .default('gpt-4o-mini')
    .transform((value) => value.split(',').map((model) => model.trim()).filter(Boolean))
    .pipe(z.union([z.tuple([z.string()]), z.tuple([z.string(), z.string()])], { error: 'SIFT_LLM_MODELS takes one model, or two comma-separated models that must agree' })),
  ...oidcFields,
  ...mailFields,
}).superRefine((config, context) => {
  if (config.SIFT_SMTP_URL && !config.SIFT_MAIL_FROM) {
    context.addIssue({ code: 'custom', path: ['SIFT_MAIL_FROM'], message: 'SIFT_MAIL_FROM is needed with SIFT_SMTP_URL: the address Sift\'s mail comes from, e.g. "Sift <sift@example.org>"' });
  }
  if (!config.SIFT_OIDC_ISSUER) return;
  for (const name of ['SIFT_OIDC_CLIENT_ID', 'SIFT_OIDC_CLIENT_SECRET'] as const) {
    if (!config[name]) context.addIssue({ code: 'custom', path: [name], message: `${name} is needed with SIFT_OIDC_ISSUER: register Sift as a client at the provider (redirect URI <SIFT_PUBLIC_URL>/api/auth/oidc/callback) and set what it gives you` });
  }
});

export type Config = z.infer<typeof configSchema>;

/** The LLM screener's endpoint, when SIFT_LLM_BASE_URL is set. */
export function llmSettings(config: Config) {
  return config.SIFT_LLM_BASE_URL ? { baseUrl: config.SIFT_LLM_BASE_URL, apiKey: config.SIFT_LLM_API_KEY, models: config.SIFT_LLM_MODELS } : null;
}

/** The institutional sign-in, when SIFT_OIDC_ISSUER is set (the schema made sure its client is too). */
export function oidcSettings(config: Config) {
  const { SIFT_OIDC_ISSUER: issuer, SIFT_OIDC_CLIENT_ID: clientId, SIFT_OIDC_CLIENT_SECRET: clientSecret } = config;
  return issuer && clientId && clientSecret ? { issuer: new URL(issuer), clientId, clientSecret, name: config.SIFT_OIDC_NAME } : null;
}

export type OidcSettings = NonNullable<ReturnType<typeof oidcSettings>>;

/** The mail server, when SIFT_SMTP_URL is set (the schema made sure SIFT_MAIL_FROM is too). */
export function mailSettings(config: Config) {
  return config.SIFT_SMTP_URL && config.SIFT_MAIL_FROM ? { url: config.SIFT_SMTP_URL, from: config.SIFT_MAIL_FROM } : null;
}

export type MailSettings = NonNullable<ReturnType<typeof mailSettings>>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return parsed.data;
}
