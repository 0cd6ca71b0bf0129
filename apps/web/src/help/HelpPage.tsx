// "How Sift works": what Sift does and how, step by step, the keyboard, and where the
// researcher's data is kept and who can see it. Reachable from every page's header and from the
// first-visit note, and readable before signing in.
import { PROJECT_STEPS, routeHash } from '../hooks/useHashRoute.ts';
import { STEP_HELP, STEP_LABELS } from '../reviews/projectSteps.ts';

import { PrivacyNote } from './PrivacyNote.tsx';

export function HelpPage() {
  return (
    <>
      <section className="panel help" aria-labelledby="help-heading">
        <h2 id="help-heading">How Sift works</h2>
        <p>
          Sift is for clinical researchers who work with big spreadsheets and literature searches. You upload a file; Sift reads it in the background and shows real
          progress, so you can close the tab and come back. What it reads is saved once, so it opens at once every time after that.
        </p>
        <h3>Spreadsheets</h3>
        <p>
          <a href={routeHash({ page: 'sheets' })}>Upload</a> an .xlsx, .csv or .tsv file. Each ready file has a <strong>Preview</strong> (sortable, page by page), a{' '}
          <strong>Profile</strong> (each column’s type, missing values, distinct values and range) and an <strong>Export</strong> of the clean rows as CSV or XLSX.
        </p>
        <h3>Systematic reviews</h3>
        <p>
          A <a href={routeHash({ page: 'reviews' })}>review project</a> goes through its steps in order:
        </p>
        <ol className="help-steps">
          {PROJECT_STEPS.map((step) => (
            <li key={step}>
              <strong>{STEP_LABELS[step]}.</strong> {STEP_HELP[step]}
            </li>
          ))}
        </ol>
        <h3>With the keyboard</h3>
        <p>
          Every page works without a mouse: <kbd>Tab</kbd> moves between controls, and the first <kbd>Tab</kbd> offers “Skip to content”. A wide table is one stop: once on
          it, the arrow keys move between cells, <kbd>Home</kbd>/<kbd>End</kbd> go to the row’s ends. In the screening table, <kbd>j</kbd>/<kbd>k</kbd> move between
          records and <kbd>i</kbd>, <kbd>e</kbd>, <kbd>u</kbd> record include, exclude or uncertain.
        </p>
      </section>
      <PrivacyNote />
    </>
  );
}
