import { Link } from 'react-router-dom';
import { usePlatform } from '../../api/platforms';
import type { ContactView } from '../../api/types';
import { OutcomePill } from '../../components/OutcomePill';
import { PlatformMark } from '../../components/PlatformMark';
import { RelativeTime } from '../../components/RelativeTime';
import { contactTitle, referenceLabel, statusWords } from './describe-contact';

/** A found contact, in one card: enough to recognise it, with a link to all of it. */
export function ContactSummary({ contact }: { contact: ContactView }) {
  const platform = usePlatform(contact.platform);
  return (
    <section className="card" data-testid="found-contact" aria-label={referenceLabel(contact, platform)}>
      <div className="spread">
        <div className="cell-main">
          <PlatformMark platform={contact.platform} />
          <div>
            <Link to={`/contacts/${encodeURIComponent(contact.id)}`} className="name">
              {contactTitle(contact, platform)}
            </Link>
            <span className="sub">
              {referenceLabel(contact, platform)} · {contact.sourceAccount}
            </span>
          </div>
        </div>
        <OutcomePill outcome="imported" />
      </div>
      <dl className="facts">
        <div>
          <dt>Integration</dt>
          <dd data-testid="contact-integration">{contact.integrationName ?? 'No longer configured'}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{statusWords(contact, platform)}</dd>
        </div>
        <div>
          <dt>Channel</dt>
          <dd>{contact.channel ?? '—'}</dd>
        </div>
        <div>
          <dt>Imported</dt>
          <dd>
            <RelativeTime iso={contact.importedAt} />
          </dd>
        </div>
        <div>
          <dt>Refreshed</dt>
          <dd>
            <RelativeTime iso={contact.refreshedAt} />
          </dd>
        </div>
      </dl>
    </section>
  );
}
