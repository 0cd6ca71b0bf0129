// Page layout: what Sift does, the upload zone, then the researcher's files.
import { UploadZone } from './components/UploadZone.tsx';
import { TaskList } from './components/TaskList.tsx';

export function App() {
  return (
    <>
      <header className="site-header">
        <h1>Sift</h1>
        <p className="tagline">Upload a big spreadsheet; Sift cleans it in the background and shows you the rows.</p>
      </header>
      <main className="page">
        <UploadZone />
        <TaskList />
      </main>
    </>
  );
}
