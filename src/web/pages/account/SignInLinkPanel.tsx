import type { SignInLinkView } from '../../api/types';
import { Callout } from '../../components/Callout';
import { CopyField } from '../../components/CopyField';
import { formatDateTime } from '../../format/relative-time';

/** A one-time sign-in link, shown once: copy it and send it to the user. */
export function SignInLinkPanel({ email, link, onDone }: { email: string; link: SignInLinkView; onDone: () => void }) {
  return (
    <Callout tone="success" title={`Sign-in link for ${email}`} role="status" testId="sign-in-link">
      <p>
        Send this link to {email}. It works once, lets them choose a password, and expires {formatDateTime(link.expiresAt)}. It is shown only now.
      </p>
      <CopyField label="One-time sign-in link" value={link.url} />
      <div>
        <button type="button" className="btn btn-sm" onClick={onDone}>
          Done
        </button>
      </div>
    </Callout>
  );
}
