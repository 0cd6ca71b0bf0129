// The literature reviews page: the researcher's review projects (each opens its own page) and a
// form to start a new one with a name and, optionally, the review question.
import { useId, useState, type FormEvent } from 'react';
import { WelcomeNote } from '../help/WelcomeNote.tsx';
import { LoadError } from '../components/LoadError.tsx';
import { navigate, routeHash } from '../hooks/useHashRoute.ts';
import { trpc } from '../trpc.ts';

export function ReviewsPage() {
  const projects = trpc.listProjects.useQuery();
  return (
    <>
      <WelcomeNote />
      <NewProjectForm />
      <section className="panel" aria-labelledby="projects-heading">
        <h2 id="projects-heading">Your review projects</h2>
        {projects.isPending && <p className="muted">Loading your projects…</p>}
        <LoadError query={projects} what="your projects" />
        {projects.data?.length === 0 && <p className="muted">No projects yet. Create one to start importing your searches.</p>}
        {projects.data && projects.data.length > 0 && (
          <ul className="project-list">
            {projects.data.map((project) => (
              <li key={project.id}>
                <a href={routeHash({ page: 'project', projectId: project.id, step: 'import' })}>{project.name}</a>
                {project.question && <p className="muted">{project.question}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function NewProjectForm() {
  const [name, setName] = useState('');
  const [question, setQuestion] = useState('');
  const nameId = useId();
  const questionId = useId();
  const utils = trpc.useUtils();
  const create = trpc.createProject.useMutation({
    onSuccess: async (project) => {
      await utils.listProjects.invalidate();
      navigate({ page: 'project', projectId: project.id, step: 'import' });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) create.mutate({ name: name.trim(), question: question.trim() });
  };

  return (
    <section className="panel" aria-labelledby="new-project-heading">
      <h2 id="new-project-heading">New review project</h2>
      <form className="project-form" onSubmit={submit}>
        <label htmlFor={nameId}>Project name</label>
        <input id={nameId} value={name} onChange={(event) => setName(event.target.value)} required maxLength={200} />
        <label htmlFor={questionId}>
          Review question <span className="muted">(optional)</span>
        </label>
        <textarea id={questionId} value={question} onChange={(event) => setQuestion(event.target.value)} rows={2} maxLength={2000} />
        <div>
          <button type="submit" className="button" disabled={create.isPending || !name.trim()}>
            {create.isPending ? 'Creating…' : 'Create project'}
          </button>
        </div>
        {create.isError && (
          <p className="message error" role="alert">
            Could not create the project: {create.error.message}
          </p>
        )}
      </form>
    </section>
  );
}
