// Builds the web app into dist/ (served by apps/server) and, in dev, proxies the API to the
// server so the browser sees one origin and the session cookie just works.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const apiUrl = process.env.SIFT_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/trpc': apiUrl,
      '/api': apiUrl,
      '/healthz': apiUrl,
      '/readyz': apiUrl,
      '/ops/queues': apiUrl,
    },
  },
});
