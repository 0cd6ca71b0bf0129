// `node apps/server/src/healthcheck.ts [port]`: the compose health check. Asks /healthz (the process
// answers) and then /readyz (database, migrations, workers) on this machine, and prints the
// failing answer, which `docker inspect` keeps, before exiting 1.
const port = process.argv[2] ?? process.env.PORT ?? '3000';

for (const path of ['/healthz', '/readyz']) {
  const answer = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2500) }).then(
    async (response) => ({ ok: response.ok, text: `${response.status} ${await response.text()}` }),
    (error: Error) => ({ ok: false, text: error.message }),
  );
  if (!answer.ok) {
    console.log(`${path}: ${answer.text}`);
    process.exit(1);
  }
}
