// The first-visit note: what Sift does in three lines, a link to how it works and to the privacy
// note, until the researcher says "Got it" (remembered in this browser's localStorage).
import { useState } from 'react';
import { routeHash } from '../hooks/useHashRoute.ts';

const KEY = 'sift.welcomeSeen';

function seen(): boolean {
  try {
    return window.localStorage.getItem(KEY) === '1';
  } catch {
    return false; // Storage switched off: the note shows, and "Got it" hides it for this visit.
  }
}

export function WelcomeNote() {
  const [hidden, setHidden] = useState(seen);
  if (hidden) return null;
  const dismiss = () => {
    try {
      window.localStorage.setItem(KEY, '1');
    } catch {
      // Nothing to remember it in; hiding it now is enough.
    }
    setHidden(true);
  };
  return (
    <section className="panel welcome" aria-labelledby="welcome-heading">
      <h2 id="welcome-heading">Welcome to Sift</h2>
      <ol>
        <li>
          <strong>Spreadsheets:</strong> upload a big .xlsx or .csv; Sift reads it in the background and gives you a preview, a profile of every column and a clean export.
        </li>
        <li>
          <strong>Literature reviews:</strong> import your database searches, let Sift find the duplicates and screen the records against your criteria, then export
          the decisions and the PRISMA diagram.
        </li>
        <li>Your files are stored on this Sift server and seen only by you and the people you invite.</li>
      </ol>
      <p>
        <a href={routeHash({ page: 'help' })}>How Sift works, and where your data lives</a>{' '}
        <button type="button" className="button secondary inline-action" onClick={dismiss}>
          Got it
        </button>
      </p>
    </section>
  );
}
