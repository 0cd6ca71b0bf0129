// The run's PRISMA 2020 flow diagram, from the same queries as the table (so their counts agree),
// with downloads as SVG and as PNG, and any count that does not add up named above it.
import { useEffect, useState } from 'react';
import { trpc } from '../trpc.ts';
import { saveBlob, svgToPng } from './prismaFlowImage.ts';

/** A blob: URL for the text while it is shown; the URL is released when the text changes or the panel goes. */
function useObjectUrl(text: string | undefined, type: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (text === undefined) return;
    const created = URL.createObjectURL(new Blob([text], { type }));
    setUrl(created);
    return () => {
      URL.revokeObjectURL(created);
      setUrl(null);
    };
  }, [text, type]);
  return url;
}

export function PrismaFlowPanel({ projectId, taskId, version, pollMs }: { projectId: string; taskId: string; version: number; pollMs: number | false }) {
  const prisma = trpc.getPrismaFlow.useQuery({ projectId, taskId }, { refetchInterval: pollMs });
  const svg = prisma.data?.svg;
  const svgUrl = useObjectUrl(svg, 'image/svg+xml');
  const [png, setPng] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const fileStem = `prisma-2020-criteria-v${version}`;

  const downloadPng = async () => {
    if (!svg) return;
    setPng({ busy: true, error: null });
    try {
      saveBlob(await svgToPng(svg), `${fileStem}.png`);
      setPng({ busy: false, error: null });
    } catch (error) {
      setPng({ busy: false, error: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <section className="panel" aria-labelledby="prisma-heading">
      <h2 id="prisma-heading">PRISMA 2020 flow diagram</h2>
      {prisma.isError && (
        <p className="message error" role="alert">
          Could not draw the diagram: {prisma.error.message}
        </p>
      )}
      {prisma.data && prisma.data.problems.length > 0 && (
        <div className="message warn" role="alert">
          <p>Some counts do not add up; check them before you publish the diagram:</p>
          <ul>
            {prisma.data.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      {svg && (
        <>
          <div className="downloads" role="group" aria-label="Downloads of the PRISMA diagram">
            {svgUrl && (
              <a className="button secondary" href={svgUrl} download={`${fileStem}.svg`}>
                Download SVG
              </a>
            )}
            <button type="button" className="button secondary" onClick={() => void downloadPng()} disabled={png.busy}>
              {png.busy ? 'Drawing…' : 'Download PNG'}
            </button>
          </div>
          {png.error && (
            <p className="message error" role="alert">
              Could not make the PNG: {png.error}
            </p>
          )}
          {/* Focusable: on a narrow screen the diagram keeps a readable size and pans by scrolling, with the keys too. */}
          <figure className="prisma-figure" aria-label="PRISMA 2020 flow diagram" tabIndex={0}>
            {/*
              Inline, not an <img>: the counts stay real text (found by the page's search, read
              by screen readers, selectable) and the diagram scales with the panel. The server
              writes this SVG itself from numbers and XML-escapes every name in it (file names,
              exclusion reasons), so it carries no markup from the researcher's data.
            */}
            <div className="prisma-svg" dangerouslySetInnerHTML={{ __html: svg }} />
          </figure>
        </>
      )}
    </section>
  );
}
