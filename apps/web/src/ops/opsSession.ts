// The operator's sign-in for this tab: the admin token and their name (for the audit log), kept in
// sessionStorage so a reload keeps them and closing the tab forgets them. Signing in also asks the
// server for the cookie that lets this browser open pg-boss's dashboard, which is plain pages and
// links that cannot send the token themselves.
const STORAGE_KEY = 'sift-ops-credentials';

export interface OpsCredentials {
  token: string;
  operator: string;
}

export function loadCredentials(): OpsCredentials | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<OpsCredentials> | null;
    return stored?.token ? { token: stored.token, operator: stored.operator ?? '' } : null;
  } catch {
    return null;
  }
}

/** The headers every ops request carries; none before sign-in, so the server can say whether ops is on at all. */
export function opsHeaders(credentials: OpsCredentials | null): Record<string, string> {
  if (!credentials) return {};
  return { authorization: `Bearer ${credentials.token}`, 'x-sift-operator': encodeURIComponent(credentials.operator) };
}

/** Checks the token with the server, opens the dashboard for this browser, and remembers both for the tab. */
export async function signIn(credentials: OpsCredentials): Promise<void> {
  const response = await fetch('/api/ops/session', { method: 'POST', headers: opsHeaders(credentials) });
  if (response.status === 401) throw new Error('The server did not accept that admin token.');
  if (!response.ok) {
    const { error } = (await response.json().catch(() => ({}))) as { error?: string };
    throw new Error(error ?? `The server answered ${response.status}.`);
  }
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(credentials));
}

export async function signOut(): Promise<void> {
  sessionStorage.removeItem(STORAGE_KEY);
  await fetch('/api/ops/session', { method: 'DELETE' }).catch(() => {}); // the tab forgets the token either way
}
