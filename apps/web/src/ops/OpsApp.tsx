// The operations page: its own layout and its own tRPC client, which sends the operator's admin
// token with every call. What it shows depends on the server: off (no SIFT_ADMIN_TOKEN; it says how
// to turn it on), a sign-in form (no or a wrong token), or the overview and task pages.
import { useRef, useState, type FormEvent } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { httpBatchLink } from '@trpc/client';
import { routeHash, type Route } from '../hooks/useHashRoute.ts';
import { trpc } from '../trpc.ts';
import { loadCredentials, opsHeaders, signIn, signOut, type OpsCredentials } from './opsSession.ts';
import { OpsOverview } from './OpsOverview.tsx';
import { OpsTaskPage } from './OpsTaskPage.tsx';

type OpsRoute = Extract<Route, { page: 'ops' | 'opsTask' }>;

export function OpsApp({ route }: { route: OpsRoute }) {
  const [credentials, setCredentials] = useState(loadCredentials);
  // The client reads the latest credentials on each request, so signing in needs no new client.
  const current = useRef(credentials);
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: true } } }));
  const [client] = useState(() => trpc.createClient({ links: [httpBatchLink({ url: '/trpc', maxItems: 20, headers: () => opsHeaders(current.current) })] }));

  const changeCredentials = (next: OpsCredentials | null) => {
    current.current = next;
    setCredentials(next);
    void queryClient.resetQueries();
  };

  return (
    <trpc.Provider client={client} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        <header className="site-header">
          <h1>Sift operations</h1>
          <p className="tagline">Queues, workers, failed tasks and the cache, for the person who runs Sift.</p>
        </header>
        <main className="page">
          <OpsGate route={route} credentials={credentials} onChange={changeCredentials} />
        </main>
      </QueryClientProvider>
    </trpc.Provider>
  );
}

function OpsGate({ route, credentials, onChange }: { route: OpsRoute; credentials: OpsCredentials | null; onChange: (next: OpsCredentials | null) => void }) {
  const session = trpc.ops.session.useQuery();
  if (session.isPending) return <p className="muted">Checking access…</p>;
  if (session.isError) {
    const code = session.error.data?.code;
    if (code === 'FORBIDDEN') {
      return (
        <section className="panel" aria-labelledby="ops-off-heading">
          <h2 id="ops-off-heading">The operations page is off</h2>
          <p className="message warn">{session.error.message}</p>
        </section>
      );
    }
    if (code === 'UNAUTHORIZED') return <SignInForm stale={credentials !== null} onSignedIn={onChange} />;
    return (
      <p className="message error" role="alert">
        Could not reach the server: {session.error.message}{' '}
        <button type="button" className="button secondary" onClick={() => void session.refetch()}>
          Try again
        </button>
      </p>
    );
  }

  const leave = async () => {
    await signOut();
    onChange(null);
  };
  return (
    <>
      <nav className="ops-toolbar" aria-label="Operations">
        <a href={routeHash({ page: 'ops' })}>Overview</a>
        <a href="/ops/queues/" target="_blank" rel="noreferrer">
          pg-boss dashboard ↗
        </a>
        <span className="muted">Signed in as {session.data.operator}</span>
        <button type="button" className="button secondary" onClick={() => void leave()}>
          Sign out
        </button>
      </nav>
      {route.page === 'opsTask' ? <OpsTaskPage key={route.taskId} taskId={route.taskId} /> : <OpsOverview />}
    </>
  );
}

function SignInForm({ stale, onSignedIn }: { stale: boolean; onSignedIn: (credentials: OpsCredentials) => void }) {
  const [operator, setOperator] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(stale ? 'The token this tab remembered is no longer accepted. Sign in again.' : null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const credentials = { token: token.trim(), operator: operator.trim() };
    try {
      await signIn(credentials);
      onSignedIn(credentials);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="ops-sign-in-heading">
      <h2 id="ops-sign-in-heading">Sign in</h2>
      <form className="project-form" onSubmit={(event) => void submit(event)}>
        <label htmlFor="ops-operator">Your name</label>
        <input id="ops-operator" value={operator} onChange={(event) => setOperator(event.target.value)} required maxLength={80} autoComplete="name" />
        <p className="muted">Recorded with every action you take here.</p>
        <label htmlFor="ops-token">Admin token</label>
        <input id="ops-token" type="password" value={token} onChange={(event) => setToken(event.target.value)} required autoComplete="current-password" />
        <p className="muted">The server's SIFT_ADMIN_TOKEN. This tab keeps it until you close it or sign out.</p>
        <div>
          <button type="submit" className="button" disabled={busy || !token.trim() || !operator.trim()}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
        {error && (
          <p className="message error" role="alert">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
