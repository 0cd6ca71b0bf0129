// Builds the template database once per run: Sift's migrations plus pg-boss's schema.
import { PgBoss } from 'pg-boss';
import { setupTestServer } from '@sift/db/testing';

export default function setup() {
  return setupTestServer(async (templateUrl) => {
    const boss = new PgBoss({ connectionString: templateUrl, supervise: false, schedule: false });
    await boss.start();
    await boss.stop({ graceful: false });
  });
}
