// A determinate or indeterminate progress bar with its visible label. Screen readers get the
// same label text as sighted users through aria-valuetext.
interface ProgressBarProps {
  /** 0-100, or null while the total is unknown (the bar then pulses instead of filling). */
  percent: number | null;
  label: string;
  name: string;
}

export function ProgressBar({ percent, label, name }: ProgressBarProps) {
  const clamped = percent === null ? null : Math.min(100, Math.max(0, percent));
  return (
    <div className="progress">
      <div
        className={clamped === null ? 'progress-track indeterminate' : 'progress-track'}
        role="progressbar"
        aria-label={name}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={clamped ?? undefined}
        aria-valuetext={label}
      >
        <div className="progress-fill" style={clamped === null ? undefined : { width: `${clamped}%` }} />
      </div>
      <p className="progress-label">{label}</p>
    </div>
  );
}
