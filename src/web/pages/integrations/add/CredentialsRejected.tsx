import type { ApiError } from '../../../api/api-error';
import type { CredentialVariant, PlatformView } from '../../../api/platforms';
import { Callout } from '../../../components/Callout';

/**
 * The first sentence of the platform's answer: what it refused and why. The rest is advice written
 * for an integration that exists ("Reconnect the integration…"); on Add none exists yet.
 */
function refusal(message: string): string {
  const cause = message.replace(/^The credentials were not saved: /, '');
  const end = cause.search(/\.\s/);
  return end === -1 ? cause : cause.slice(0, end + 1);
}

/**
 * The platform refused the credentials of a new integration: nothing was saved, and the fix is
 * in this form (the credential fields), not a Reconnect.
 */
export function CredentialsRejected({ error, platform, fields, variant }: { error: ApiError; platform: PlatformView; fields: string; variant: CredentialVariant | null }) {
  return (
    <Callout tone="danger" title="The platform rejected these credentials" role="alert" testId="form-error">
      <p>{refusal(error.message)}</p>
      <p>
        Nothing was saved: the integration is added only once {platform.name} accepts its credentials. Check {fields}: copied whole, still active, and of the
        right account (or create new ones in {platform.name}), then test the connection again.
      </p>
      {variant?.help ? <p>{variant.help}</p> : null}
    </Callout>
  );
}
