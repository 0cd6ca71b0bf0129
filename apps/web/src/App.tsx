// Page layout: a skip link, what Sift does, who is signed in, the navigation between its sections
// (spreadsheets, literature reviews, help, trash; kept in the URL hash), then the section itself.
// Where the server requires accounts, a browser that is not signed in sees only the sign-in page.
// The operations page has its own layout and is linked from nowhere a researcher looks.
import { useHashRoute, routeHash, type Route } from './hooks/useHashRoute.ts';
import { SpreadsheetsPage } from './spreadsheets/SpreadsheetsPage.tsx';
import { FilePage } from './spreadsheets/FilePage.tsx';
import { ReviewsPage } from './reviews/ReviewsPage.tsx';
import { ProjectPage } from './reviews/ProjectPage.tsx';
import { OpsApp } from './ops/OpsApp.tsx';
import { AccountBar } from './account/AccountBar.tsx';
import { AccountPage } from './account/AccountPage.tsx';
import { ResetPage } from './account/ResetPage.tsx';
import { JoinPage } from './reviews/JoinPage.tsx';
import { TrashPage } from './TrashPage.tsx';
import { HelpPage } from './help/HelpPage.tsx';
import { NotFoundPage } from './components/NotFoundPage.tsx';
import { trpc } from './trpc.ts';

const SECTIONS: { label: string; route: Route; current: (route: Route) => boolean }[] = [
  { label: 'Spreadsheets', route: { page: 'sheets' }, current: (route) => route.page === 'sheets' || route.page === 'file' },
  { label: 'Literature reviews', route: { page: 'reviews' }, current: (route) => route.page === 'reviews' || route.page === 'project' || route.page === 'join' },
  { label: 'How Sift works', route: { page: 'help' }, current: (route) => route.page === 'help' },
  { label: 'Trash', route: { page: 'trash' }, current: (route) => route.page === 'trash' },
];

export function App() {
  const route = useHashRoute();
  if (route.page === 'ops' || route.page === 'opsTask') return <OpsApp route={route} />;
  return <ResearcherApp route={route} />;
}

function ResearcherApp({ route }: { route: Route }) {
  const account = trpc.getAccount.useQuery();
  const mustSignIn = account.data?.signIn === 'required' && !account.data.account && route.page !== 'reset' && route.page !== 'join' && route.page !== 'help';
  return (
    <>
      {/* Keyboard users jump over the header to the page's content. */}
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <header className="site-header">
        <h1>Sift</h1>
        <p className="tagline">
          {route.page === 'reviews' || route.page === 'project'
            ? 'Import your literature searches; Sift reads each export in the background, finds the duplicates and shows you the records.'
            : 'Upload a big spreadsheet; Sift cleans it in the background and shows you the rows.'}
        </p>
        <nav className="site-nav" aria-label="Sections">
          <ul>
            {SECTIONS.map((section) => (
              <li key={section.label}>
                <a href={routeHash(section.route)} aria-current={section.current(route) ? 'page' : undefined}>
                  {section.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <AccountBar />
      </header>
      <main className="page" id="main" tabIndex={-1}>
        {mustSignIn ? <AccountPage signInError={route.page === 'account' ? route.signInError : undefined} /> : <RoutePage route={route} />}
      </main>
    </>
  );
}

/** The skip link's target is inside a hash-routed page: focus it without changing the route's hash. */
function skipToMain(event: { preventDefault: () => void }) {
  event.preventDefault();
  document.getElementById('main')?.focus();
}

function RoutePage({ route }: { route: Route }) {
  switch (route.page) {
    case 'sheets':
      return <SpreadsheetsPage />;
    case 'file':
      return <FilePage key={route.taskId} taskId={route.taskId} tab={route.tab} />;
    case 'reviews':
      return <ReviewsPage />;
    case 'project':
      return <ProjectPage key={route.projectId} projectId={route.projectId} step={route.step} />;
    case 'help':
      return <HelpPage />;
    case 'account':
      return <AccountPage signInError={route.signInError} />;
    case 'reset':
      return <ResetPage token={route.token} />;
    case 'join':
      return <JoinPage token={route.token} />;
    case 'trash':
      return <TrashPage />;
    case 'notFound':
      return <NotFoundPage what={route.what} />;
    case 'ops':
    case 'opsTask':
      return null;
  }
}
