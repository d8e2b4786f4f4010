import { describe, expect, it } from 'vitest';
import type { NotificationEvent } from '../core/notification-event.js';
import { webhookFormat } from '../core/notification-subscription.js';
import { digestMessage, emailContent, singleMessage, slackWebhookBody } from './outgoing-message.js';

const event = (id: string, state: 'open' | 'resolved', first: boolean): NotificationEvent => ({
  id,
  workspaceId: 'w1',
  integrationId: 'i1',
  type: state === 'open' ? 'integration.failure' : 'integration.recovered',
  incidentId: 'inc1',
  occurredAt: '2025-03-10T12:00:00.000Z',
  payload: {
    title: state === 'open' ? 'Support is failing' : 'Resolved: Support is importing again',
    message: 'What happened.',
    category: state === 'open' ? 'auth_revoked' : null,
    fix: state === 'open' ? 'Reconnect.' : null,
    integration: { id: 'i1', name: 'Support', platform: 'zendesk' },
    incident: { id: 'inc1', kind: 'health', state, title: 'Support has a problem', first },
    path: '/integrations/i1',
    detail: {},
  },
});

describe('outgoing messages', () => {
  const subscription = { id: 's1', name: 'Team' };

  it('threads an incident’s emails: the opening message is the root every later one replies to', () => {
    const opened = emailContent(singleMessage(event('e1', 'open', true)), subscription, 'intake.example', 'https://intake.example');
    const resolved = emailContent(singleMessage(event('e2', 'resolved', false)), subscription, 'intake.example', 'https://intake.example');
    expect(opened).toMatchObject({ subject: '[Intake] Support has a problem', messageId: '<incident.inc1.s1@intake.example>', inReplyTo: null, references: [] });
    expect(resolved).toMatchObject({ subject: 'Re: [Intake] Support has a problem', messageId: '<e2.s1@intake.example>', inReplyTo: opened.messageId, references: [opened.messageId] });
    expect(opened.text).toContain('What to do: Reconnect.');
    expect(opened.text).toContain('Open in Intake: https://intake.example/integrations/i1');
  });

  it('gives a digest one id made from its events, whatever their order', () => {
    expect(digestMessage([event('a', 'open', true), event('b', 'open', true)]).id).toBe(digestMessage([event('b', 'open', true), event('a', 'open', true)]).id);
  });

  it('shapes Slack’s body for a Slack incoming-webhook URL', () => {
    expect(webhookFormat('https://hooks.slack.com/services/T000/B000/XXXX')).toBe('slack');
    expect(webhookFormat('https://example.com/hooks/intake')).toBe('intake');
    const body = slackWebhookBody(singleMessage(event('e1', 'open', true)), 'https://intake.example');
    expect(body.text).toBe('*<https://intake.example/integrations/i1|Support is failing>*\nWhat happened.\n_What to do:_ Reconnect.');
    expect(body.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: body.text } }]);
  });
});
