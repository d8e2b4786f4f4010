import { Link } from 'react-router-dom';
import { usePlatformLookup } from '../../api/platforms';
import { useAgentNames } from '../../api/directory';
import type { ContactView } from '../../api/types';
import { nameWithId } from '../../filters/directory-names';
import { PlatformMark } from '../../components/PlatformMark';
import { RelativeTime } from '../../components/RelativeTime';
import { SkeletonRows } from '../../components/Skeleton';
import { TableScroll } from '../../components/TableScroll';
import { contactTitle, statusWords } from './describe-contact';

export function ContactsTable({ contacts, loading }: { contacts: ContactView[]; loading: boolean }) {
  const platformOf = usePlatformLookup();
  const agentName = useAgentNames(contacts.map((c) => c.integrationId));
  return (
    <TableScroll label="Contacts">
      <table className="table" data-testid="contacts-table">
        <thead>
          <tr>
            <th scope="col">Reference</th>
            <th scope="col">Subject · integration</th>
            <th scope="col">Channel</th>
            <th scope="col">Status</th>
            <th scope="col" className="col-wide-only">Agent</th>
            <th scope="col">Tags</th>
            <th scope="col">Imported</th>
          </tr>
        </thead>
        <tbody>
          {loading ? <SkeletonRows rows={8} columns={6} /> : null}
          {contacts.map((c) => (
            <tr key={c.id} data-testid="contact-row">
              <td className="nowrap">
                <span className="row" style={{ flexWrap: 'nowrap' }}>
                  <PlatformMark platform={c.platform} small />
                  <Link to={`/contacts/${encodeURIComponent(c.id)}`} className="mono">
                    {c.sourceRef}
                  </Link>
                </span>
              </td>
              <td className="break">
                {contactTitle(c, platformOf(c.platform))}
                {c.integrationName ? <span className="sub">{c.integrationName}</span> : null}
                {c.agent ? (
                  // Where the Agent column does not fit, the agent goes under the subject.
                  <span className="sub col-narrow-only" data-testid="contact-agent-narrow">
                    Agent: {nameWithId(c.agent, agentName(c.integrationId, c.agent))}
                  </span>
                ) : null}
              </td>
              <td>{c.channel ?? '—'}</td>
              <td>{statusWords(c, platformOf(c.platform))}</td>
              <td className="col-wide-only" data-testid="contact-agent">
                <AgentWords name={agentName(c.integrationId, c.agent)} id={c.agent} />
              </td>
              <td>
                <span className="chip-list">
                  {c.tags.slice(0, 3).map((t) => (
                    <span key={t} className="chip">
                      {t}
                    </span>
                  ))}
                  {c.tags.length > 3 ? <span className="muted small">+{c.tags.length - 3}</span> : null}
                </span>
              </td>
              <td className="nowrap">
                <RelativeTime iso={c.importedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The agent's name with the id beneath (the id is what filters and the platform use). */
function AgentWords({ name, id }: { name: string | null; id: string | null }) {
  if (!id) return <>—</>;
  if (!name || name === id) return <span className="mono">{id}</span>;
  return (
    <>
      {name}
      <span className="sub mono">{id}</span>
    </>
  );
}
