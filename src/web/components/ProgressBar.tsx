/** A determinate progress bar: its width, the percentage in words, and the value for assistive technology. */
export function ProgressBar({ value, label, text, done = false }: { value: number; label: string; text?: string; done?: boolean }) {
  const percent = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div className="progress" data-testid="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text ?? `${percent}%`}
        data-done={done ? 'true' : undefined}
      >
        <div className={done ? 'progress-fill progress-done' : 'progress-fill'} style={{ width: `${percent}%` }} />
      </div>
      <span className="progress-percent" aria-hidden="true">
        {percent}%
      </span>
    </div>
  );
}
