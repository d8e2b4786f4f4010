import type { SourceHostPolicy } from '../connectors/source-host-policy.js';
import { intakeWebhookBody, slackWebhookBody, type OutgoingMessage } from './outgoing-message.js';
import { SIGNATURE_HEADER, signatureHeader } from './webhook-signature.js';

/** What one try to send gave: the receiver's status, or why it could not be sent. */
export interface SendResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

/** Any https host; plain http only to a host the operator allowed (`intake source-hosts allow`). */
const anyHost = () => true;

/** Why Intake will not call this webhook URL, or null: the outbound-host policy of sources. */
export async function webhookUrlProblem(url: string, hostPolicy: SourceHostPolicy): Promise<string | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a URL (e.g. https://example.com/hooks/intake)';
  }
  return hostPolicy.check(parsed, anyHost);
}

/**
 * Posts the message to the webhook: Intake's JSON signed with HMAC-SHA256 over `<timestamp>.<body>`,
 * or Slack's body for a Slack incoming webhook. Redirects are not followed (they could lead past
 * the host policy); anything but a 2xx is a failure.
 */
export async function sendWebhook(input: {
  url: string;
  format: 'intake' | 'slack';
  secret: string | null;
  message: OutgoingMessage;
  baseUrl: string | null;
  hostPolicy: SourceHostPolicy;
  now: Date;
  timeoutMs?: number;
}): Promise<SendResult> {
  const problem = await webhookUrlProblem(input.url, input.hostPolicy);
  if (problem) return { ok: false, statusCode: null, error: `Intake will not call this webhook: ${problem}` };
  const body = JSON.stringify(input.format === 'slack' ? slackWebhookBody(input.message, input.baseUrl) : intakeWebhookBody(input.message, input.baseUrl));
  const timestamp = Math.floor(input.now.getTime() / 1000);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Intake-Notifications/1',
    'intake-event-id': input.message.id,
    'idempotency-key': input.message.id,
    'intake-timestamp': String(timestamp),
  };
  if (input.secret && input.format === 'intake') headers[SIGNATURE_HEADER] = signatureHeader(input.secret, timestamp, body);
  try {
    const response = await fetch(input.url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(input.timeoutMs ?? 10_000) });
    const text = await response.text().catch(() => '');
    if (response.status >= 200 && response.status < 300) return { ok: true, statusCode: response.status, error: null };
    const said = text.trim().replace(/\s+/g, ' ').slice(0, 200);
    return { ok: false, statusCode: response.status, error: `the receiver answered HTTP ${response.status}${said ? `: ${said}` : ''}` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${Math.round((input.timeoutMs ?? 10_000) / 1000)} s` : (cause?.code ?? cause?.message ?? (error as Error).message);
    return { ok: false, statusCode: null, error: `could not reach the receiver: ${reason}` };
  }
}
