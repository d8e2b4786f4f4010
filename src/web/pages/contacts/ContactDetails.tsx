import { usePlatform } from '../../api/platforms';
import { useAgentNames } from '../../api/directory';
import type { ContactView } from '../../api/types';
import { nameWithId } from '../../filters/directory-names';
import { RelativeTime } from '../../components/RelativeTime';
import { platformWords } from '../../format/platform-words';
import { statusWords, valueWords } from './describe-contact';

const SHOWN_METADATA = ['subject', 'requester', 'priority'];

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A contact's metadata, tags, custom fields and timestamps. */
export function ContactDetails({ contact }: { contact: ContactView }) {
  const platform = usePlatform(contact.platform);
  const m = contact.metadata;
  const otherMetadata = Object.entries(m).filter(([k]) => !SHOWN_METADATA.includes(k));
  const customFields = Object.entries(contact.customFields);
  const agentName = useAgentNames([contact.integrationId])(contact.integrationId, contact.agent);
  return (
    <div className="stack">
      <section className="card" aria-label="Details" data-testid="contact-details">
        <dl className="facts">
          <Fact label="Subject">{valueWords(m.subject)}</Fact>
          <Fact label="Requester">{valueWords(m.requester)}</Fact>
          <Fact label="Priority">{valueWords(m.priority)}</Fact>
          <Fact label="Channel">{valueWords(contact.channel)}</Fact>
          <Fact label="Agent">{contact.agent ? <span data-testid="contact-agent">{nameWithId(contact.agent, agentName)}</span> : valueWords(contact.agent)}</Fact>
          <Fact label="Status">{statusWords(contact, platform)}</Fact>
          <Fact label="Created"><RelativeTime iso={contact.createdAt} /></Fact>
          <Fact label="Updated"><RelativeTime iso={contact.updatedAt} /></Fact>
          <Fact label="Closed"><RelativeTime iso={contact.closedAt} empty="Not closed" /></Fact>
          <Fact label="Imported"><RelativeTime iso={contact.importedAt} /></Fact>
          <Fact label="Refreshed"><RelativeTime iso={contact.refreshedAt} /></Fact>
          <Fact label="Platform">{platformWords(platform, contact.platform).name} · {contact.sourceAccount}</Fact>
          <Fact label="Integration">{contact.integrationName ?? 'No longer configured'}</Fact>
        </dl>
        <div className="stack-sm">
          <h3>Tags</h3>
          {contact.tags.length ? (
            <div className="chip-list">
              {contact.tags.map((t) => (
                <span key={t} className="chip">
                  {t}
                </span>
              ))}
            </div>
          ) : (
            <p className="muted small">No tags.</p>
          )}
        </div>
      </section>
      <div className="grid-2">
        <section className="card" aria-labelledby="custom-fields-title">
          <h2 id="custom-fields-title">Custom fields</h2>
          {customFields.length ? (
            <dl className="facts">
              {customFields.map(([name, value]) => (
                <Fact key={name} label={name}>{valueWords(value)}</Fact>
              ))}
            </dl>
          ) : (
            <p className="muted small">No custom fields.</p>
          )}
        </section>
        <section className="card" aria-labelledby="more-title">
          <h2 id="more-title">More from the platform</h2>
          {otherMetadata.length ? (
            <dl className="facts">
              {otherMetadata.map(([name, value]) => (
                <Fact key={name} label={name}>{valueWords(value)}</Fact>
              ))}
            </dl>
          ) : (
            <p className="muted small">Nothing else.</p>
          )}
        </section>
      </div>
    </div>
  );
}
