// Resolves the database Sift runs on: DATABASE_URL when set, else the embedded cluster.
// Either way the schema is migrated before anything else touches it.
import { startEmbeddedPostgres } from './embeddedPostgres.ts';
import { migrate } from './migrate.ts';

export interface DatabaseConnection {
  url: string;
  embedded: boolean;
  stop: () => Promise<void>;
}

export async function connectDatabase(options: {
  databaseUrl?: string | undefined;
  dataDir: string;
  embeddedPort: number;
  onLog?: (line: string) => void;
}): Promise<DatabaseConnection> {
  const connection = options.databaseUrl
    ? { url: options.databaseUrl, embedded: false, stop: async () => {} }
    : {
        ...(await startEmbeddedPostgres({ dataDir: options.dataDir, port: options.embeddedPort, onLog: options.onLog })),
        embedded: true,
      };
  await migrate(connection.url);
  return connection;
}
