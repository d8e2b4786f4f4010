import type { PlatformView } from '../../../api/types';
import { PlatformMark } from '../../../components/PlatformMark';

const DESCRIPTIONS: Record<string, string> = {
  zendesk: 'Tickets from a Zendesk Support account, read with the incremental export.',
  sandbox: 'A simulated help desk inside Intake: no account needed, new tickets every few seconds.',
};

/** The platform to import from, as a group of radio buttons. */
export function PlatformChoice({ platforms, value, onChange }: { platforms: PlatformView[]; value: string; onChange: (id: string) => void }) {
  return (
    <fieldset className="group">
      <legend>Platform</legend>
      <div className="platform-choices">
        {platforms.map((p) => (
          <label key={p.id} className={p.id === value ? 'platform-choice selected' : 'platform-choice'}>
            <input type="radio" name="platform" value={p.id} checked={p.id === value} onChange={() => onChange(p.id)} />
            <PlatformMark platform={p.id} />
            <span>
              <strong>{p.name}</strong>
              <span className="sub">{DESCRIPTIONS[p.id] ?? `Contacts identified by ${p.referenceName}.`}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
