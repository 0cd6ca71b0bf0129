// Where the researcher is, kept in the URL hash so a reload, back/forward or a shared link keeps
// the place: "#/" the spreadsheets page, "#/files/<taskId>/<tab>" one spreadsheet (preview,
// profile or export), "#/reviews" the literature reviews, "#/reviews/<projectId>/<step>" one step
// of a review project ("#/projects/…" is read the same way), "#/help" how Sift works, "#/account"
// (with "?signInError=<sentence>" when an institutional sign-in came back refused),
// "#/reset/<token>", "#/join/<token>", "#/trash"; "#/ops" and "#/ops/tasks/<id>" for operators.
// Anything else, or an id that cannot be one, is a "not found" route: the page says so in words
// instead of sending a mangled id to the server. No router library: one hashchange listener.
import { useSyncExternalStore } from 'react';

/** A review project's steps, in the order the work goes. */
export const PROJECT_STEPS = ['import', 'duplicates', 'screening', 'prisma', 'people'] as const;
export type ProjectStep = (typeof PROJECT_STEPS)[number];
/** A ready spreadsheet's views. */
export const DATASET_TABS = ['preview', 'profile', 'export'] as const;
export type DatasetTab = (typeof DATASET_TABS)[number];

export type Route =
  | { page: 'sheets' }
  | { page: 'file'; taskId: string; tab: DatasetTab }
  | { page: 'reviews' }
  | { page: 'project'; projectId: string; step: ProjectStep }
  | { page: 'help' }
  | { page: 'account'; signInError?: string }
  | { page: 'reset'; token: string }
  | { page: 'join'; token: string }
  | { page: 'trash' }
  | { page: 'ops' }
  | { page: 'opsTask'; taskId: string }
  | { page: 'notFound'; what: 'page' | 'project' | 'file' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function oneOf<T extends string>(values: readonly T[], value: string | undefined, fallback: T): T | null {
  if (value === undefined) return fallback;
  return (values as readonly string[]).includes(value) ? (value as T) : null;
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part; // A mangled escape ("%E0%A4%A") is just text that matches nothing.
  }
}

export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decode);
  const [first, second, third, ...rest] = parts;
  switch (first) {
    case undefined:
      return { page: 'sheets' };
    case 'ops':
      return second === 'tasks' && third ? { page: 'opsTask', taskId: third } : { page: 'ops' };
    case 'account': {
      const signInError = new URLSearchParams(query).get('signInError');
      return signInError ? { page: 'account', signInError } : { page: 'account' };
    }
    case 'help':
      return { page: 'help' };
    case 'trash':
      return { page: 'trash' };
    case 'reset':
      return second ? { page: 'reset', token: second } : { page: 'notFound', what: 'page' };
    case 'join':
      return second ? { page: 'join', token: second } : { page: 'notFound', what: 'page' };
    case 'files': {
      const tab = oneOf(DATASET_TABS, third, 'preview');
      if (!second || !UUID.test(second) || !tab || rest.length > 0) return { page: 'notFound', what: 'file' };
      return { page: 'file', taskId: second.toLowerCase(), tab };
    }
    case 'reviews':
    case 'projects': {
      if (!second) return { page: 'reviews' };
      const step = oneOf(PROJECT_STEPS, third, 'import');
      if (!UUID.test(second) || !step || rest.length > 0) return { page: 'notFound', what: 'project' };
      return { page: 'project', projectId: second.toLowerCase(), step };
    }
    default:
      return { page: 'notFound', what: 'page' };
  }
}

export function routeHash(route: Route): string {
  switch (route.page) {
    case 'sheets':
    case 'notFound':
      return '#/';
    case 'file':
      return `#/files/${encodeURIComponent(route.taskId)}/${route.tab}`;
    case 'reviews':
      return '#/reviews';
    case 'project':
      return `#/reviews/${encodeURIComponent(route.projectId)}/${route.step}`;
    case 'help':
      return '#/help';
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
