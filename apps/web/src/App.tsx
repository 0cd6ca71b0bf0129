// Page layout: what Sift does, who is signed in, the navigation between its two sections
// (spreadsheets and literature reviews, kept in the URL hash), then the section itself. Where the
// server requires accounts, a browser that is not signed in sees only the sign-in page. The
// operations page has its own layout and is linked from nowhere a researcher looks.
import { useHashRoute, routeHash, type Route } from './hooks/useHashRoute.ts';
import { SpreadsheetsPage } from './spreadsheets/SpreadsheetsPage.tsx';
import { ReviewsPage } from './reviews/ReviewsPage.tsx';
import { ProjectPage } from './reviews/ProjectPage.tsx';
import { OpsApp } from './ops/OpsApp.tsx';
import { AccountBar } from './account/AccountBar.tsx';
import { AccountPage } from './account/AccountPage.tsx';
import { ResetPage } from './account/ResetPage.tsx';
import { JoinPage } from './reviews/JoinPage.tsx';
import { TrashPage } from './TrashPage.tsx';
import { trpc } from './trpc.ts';

const SECTIONS: { label: string; route: Route; current: (route: Route) => boolean }[] = [
  { label: 'Spreadsheets', route: { page: 'sheets' }, current: (route) => route.page === 'sheets' },
  { label: 'Literature reviews', route: { page: 'reviews' }, current: (route) => route.page === 'reviews' || route.page === 'project' || route.page === 'join' },
  { label: 'Trash', route: { page: 'trash' }, current: (route) => route.page === 'trash' },
];

export function App() {
  const route = useHashRoute();
  if (route.page === 'ops' || route.page === 'opsTask') return <OpsApp route={route} />;
  return <ResearcherApp route={route} />;
}

function ResearcherApp({ route }: { route: Route }) {
  const account = trpc.getAccount.useQuery();
  const mustSignIn = account.data?.signIn === 'required' && !account.data.account && route.page !== 'reset' && route.page !== 'join';
  return (
    <>
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
      <main className="page">
        {mustSignIn ? (
          <AccountPage signInError={route.page === 'account' ? route.signInError : undefined} />
        ) : (
          <>
            {route.page === 'sheets' && <SpreadsheetsPage />}
            {route.page === 'reviews' && <ReviewsPage />}
            {route.page === 'project' && <ProjectPage key={route.projectId} projectId={route.projectId} />}
            {route.page === 'account' && <AccountPage signInError={route.signInError} />}
            {route.page === 'reset' && <ResetPage token={route.token} />}
            {route.page === 'join' && <JoinPage token={route.token} />}
            {route.page === 'trash' && <TrashPage />}
          </>
        )}
      </main>
    </>
  );
}
