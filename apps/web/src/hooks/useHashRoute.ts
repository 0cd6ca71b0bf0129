// Where the researcher is, kept in the URL hash so a reload or a shared link keeps the place:
// "#/" (or nothing) is the spreadsheets page, "#/reviews" the literature reviews, and
// "#/reviews/<projectId>" one review project; "#/account" signing in or the account (with
// "?signInError=<sentence>" when an institutional sign-in came back refused), "#/reset/<token>"
// a password reset link, "#/join/<token>" an invitation to a project, "#/trash" deleted work; "#/ops" the operations page and "#/ops/tasks/<id>" one task there
// (operators only: /ops leads here). No router library: one hashchange listener.
import { useSyncExternalStore } from 'react';

export type Route =
  | { page: 'sheets' }
  | { page: 'reviews' }
  | { page: 'project'; projectId: string }
  | { page: 'account'; signInError?: string }
  | { page: 'reset'; token: string }
  | { page: 'join'; token: string }
  | { page: 'trash' }
  | { page: 'ops' }
  | { page: 'opsTask'; taskId: string };

export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'ops') return parts[1] === 'tasks' && parts[2] ? { page: 'opsTask', taskId: parts[2] } : { page: 'ops' };
  if (parts[0] === 'account') {
    const signInError = new URLSearchParams(query).get('signInError');
    return signInError ? { page: 'account', signInError } : { page: 'account' };
  }
  if (parts[0] === 'trash') return { page: 'trash' };
  if (parts[0] === 'reset' && parts[1]) return { page: 'reset', token: parts[1] };
  if (parts[0] === 'join' && parts[1]) return { page: 'join', token: parts[1] };
  if (parts[0] !== 'reviews') return { page: 'sheets' };
  return parts[1] ? { page: 'project', projectId: parts[1] } : { page: 'reviews' };
}

export function routeHash(route: Route): string {
  switch (route.page) {
    case 'sheets':
      return '#/';
    case 'reviews':
      return '#/reviews';
    case 'project':
      return `#/reviews/${encodeURIComponent(route.projectId)}`;
    case 'account':
      return '#/account';
    case 'reset':
      return `#/reset/${encodeURIComponent(route.token)}`;
    case 'trash':
      return '#/trash';
    case 'join':
      return `#/join/${encodeURIComponent(route.token)}`;
    case 'ops':
      return '#/ops';
    case 'opsTask':
      return `#/ops/tasks/${encodeURIComponent(route.taskId)}`;
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const currentHash = () => window.location.hash;

export function useHashRoute(): Route {
  return parseHash(useSyncExternalStore(subscribe, currentHash));
}

export function navigate(route: Route): void {
  window.location.hash = routeHash(route);
}
