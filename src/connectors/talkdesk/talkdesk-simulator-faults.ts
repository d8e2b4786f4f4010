import type { FaultAnswers, RetryAfterFault, SimulatorFault } from '../simulation/simulator-faults.js';
import type { SimulatorServer } from '../simulation/simulator-server.js';

/**
 * Faults the Talkdesk simulator can inject: the toolkit's (docs/platforms/simulators.md), a 429
 * with Retry-After, and its own: the next report jobs fail (`job_failed`) or are forgotten as if
 * expired (`job_expired`). The paged request is a report-file download with calls in it.
 */
export type TalkdeskFault = RetryAfterFault | SimulatorFault | { kind: 'job_failed'; count?: number } | { kind: 'job_expired'; count?: number };
export type TalkdeskFaultScope = 'file' | 'all';

export function talkdeskFaultAnswers(server: SimulatorServer<TalkdeskFault, TalkdeskFaultScope>, sample: () => unknown[], onThrottled: () => void): FaultAnswers<TalkdeskFault> {
  return {
    send: (res, status, type, body) => server.send(res, status, type, body),
    countCutOff: (status) => server.count(status),
    rateLimited(res, fault) {
      res.setHeader('retry-after', String(fault.retryAfterSeconds));
      server.json(res, 429, { code: '0000429', message: 'Too Many Requests', description: 'Rate limit exceeded' });
      onThrottled();
    },
    serverError: (res, status) => server.json(res, status, { code: `0000${status}`, message: 'Service Unavailable', description: 'The service is temporarily unavailable' }),
    pageBody: () => JSON.stringify({ type: 'calls', version: 'v1', entries: sample(), total: sample().length }),
    malformedJson: '{"type":"calls","version":"v1","entries":[{"call_id": "0a1b",, "type": }],"total":',
    truncatedJson: '{"type":"calls","version":"v1","entries":[{"call_id":"0a1b2c3d4e5f60718293a4b5c6d7e8f9","type":"inbound","start_at":"2025-03-01T09:00:00Z"',
    htmlPage: '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Talkdesk is temporarily unavailable</h1></body></html>',
  };
}
