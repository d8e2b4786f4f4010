import type { PlatformView } from '../../../api/platforms';
import { PlatformMark } from '../../../components/PlatformMark';

/**
 * The platform to import from, as a group of radio buttons: each with its mark, name and what
 * Intake reads there (the name names the button; the summary describes it).
 */
export function PlatformChoice({ platforms, value, onChange }: { platforms: PlatformView[]; value: string; onChange: (id: string) => void }) {
  return (
    <fieldset className="group">
      <legend>Platform</legend>
      <div className="platform-choices">
        {platforms.map((p) => (
          <label key={p.id} className={p.id === value ? 'platform-choice selected' : 'platform-choice'} data-testid="platform-choice">
            <input type="radio" name="platform" value={p.id} checked={p.id === value} onChange={() => onChange(p.id)} aria-labelledby={`platform-name-${p.id}`} aria-describedby={`platform-summary-${p.id}`} />
            <PlatformMark platform={p.id} />
            <span>
              <strong id={`platform-name-${p.id}`}>{p.name}</strong>
              <span className="sub" id={`platform-summary-${p.id}`}>
                {p.presentation.summary}
              </span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
