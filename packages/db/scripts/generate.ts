// Runs `prisma generate` offline: the CLI insists on a schema-engine path even though
// generating the client never uses it, so point it at any existing file when none is set.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
// From the repo root: generator commands in schema.prisma are resolved against the working directory.
const result = spawnSync('prisma', ['generate', '--schema', 'prisma/schema.prisma'], {
  cwd: fileURLToPath(new URL('../../../', import.meta.url)),
  env,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
process.exit(result.status ?? 1);
