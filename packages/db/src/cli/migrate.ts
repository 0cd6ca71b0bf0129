// `npm run migrate -w @sift/db`: applies pending migrations to DATABASE_URL.
import { migrate } from '../migrate.ts';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL to the database to migrate (npm start migrates the embedded one itself).');
  process.exit(1);
}
const { applied } = await migrate(url);
console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
