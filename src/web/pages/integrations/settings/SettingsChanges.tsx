import { Callout } from '../../../components/Callout';
import type { Change } from './settings-diff';

/** The confirmation after saving settings: each change, before → after. */
export function SettingsChanges({ changes }: { changes: Change[] }) {
  if (changes.length === 0) {
    return (
      <Callout tone="info" title="Saved: nothing changed" role="status" testId="settings-changes">
        <p>The settings were already like this.</p>
      </Callout>
    );
  }
  return (
    <Callout tone="success" title="Saved. What changed:" role="status" testId="settings-changes">
      <ul className="changes">
        {changes.map((c) => (
          <li key={c.label}>
            <strong>{c.label}:</strong> <span className="before">{c.before}</span> <span aria-hidden="true">→</span>
            <span className="visually-hidden">changed to</span> <span className="after">{c.after}</span>
          </li>
        ))}
      </ul>
      <p className="small muted">Changes apply to contacts read from the next run on.</p>
    </Callout>
  );
}
