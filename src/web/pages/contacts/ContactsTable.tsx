import { Link } from 'react-router-dom';
import { usePlatformLookup } from '../../api/platforms';
import type { ContactView } from '../../api/types';
import { PlatformMark } from '../../components/PlatformMark';
import { RelativeTime } from '../../components/RelativeTime';
import { SkeletonRows } from '../../components/Skeleton';
import { TableScroll } from '../../components/TableScroll';
import { contactTitle, statusWords } from './describe-contact';

export function ContactsTable({ contacts, loading }: { contacts: ContactView[]; loading: boolean }) {
  const platformOf = usePlatformLookup();
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
              </td>
              <td>{c.channel ?? '—'}</td>
              <td>{statusWords(c, platformOf(c.platform))}</td>
              <td className="col-wide-only">{c.agent ?? '—'}</td>
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
