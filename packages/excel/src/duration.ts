// Elapsed time as Sift writes it: "36:00:00", "-01:30:00", hours unbounded, as Excel shows a
// value under [h]:mm:ss. The reader writes it, the profiler types a column of it as durations
// and the XLSX export turns it back into Excel's number of days.

const DURATION_TEXT = /^(-?)(\d+):([0-5]\d):([0-5]\d)$/;

/** "36:00:00" from 129,600 seconds; whole seconds only, as Excel shows them. */
export function durationText(seconds: number): string {
  const total = Math.abs(seconds);
  const hours = Math.floor(total / 3600);
  const time = `${String(hours).padStart(2, '0')}:${String(Math.floor(total / 60) % 60).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
  return seconds < 0 ? `-${time}` : time;
}

/** The signed seconds of "36:00:00" or "-1:30:00"; undefined for any other text. */
export function durationSeconds(text: string): number | undefined {
  const match = DURATION_TEXT.exec(text);
  if (!match) return undefined;
  const seconds = (Number(match[2]) * 60 + Number(match[3])) * 60 + Number(match[4]);
  return match[1] ? -seconds : seconds;
}
