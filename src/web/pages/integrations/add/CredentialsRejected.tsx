import type { ApiError } from '../../../api/api-error';
import { Callout } from '../../../components/Callout';

/** Beside the credential fields when the platform refused them on Add. */
export const CHECK_THE_CREDENTIALS = 'Not accepted: check the admin email and the token, then test again';

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
 * in this form (the email and token), not a Reconnect.
 */
export function CredentialsRejected({ error, platformName }: { error: ApiError; platformName: string }) {
  return (
    <Callout tone="danger" title="The platform rejected these credentials" role="alert" testId="form-error">
      <p>{refusal(error.message)}</p>
      <p>
        Nothing was saved: the integration is added only once {platformName} accepts its credentials. Check that the email is an admin's and that the token is
        copied whole and still active (or create a new one in {platformName}), then test the connection again.
      </p>
    </Callout>
  );
}
