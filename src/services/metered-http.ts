import type { SourceHttpClient } from '../connectors/source-http-client.js';
import type { SourceUsage } from '../core/run.js';
import type { IntakeServices } from './intake-services.js';

/** The shared source client, also counting what one run costs at the source into `usage`. */
export function meteredHttp(services: IntakeServices, usage: SourceUsage): SourceHttpClient {
  return services.http.withObserver({
    onResponse: ({ status }) => {
      usage.requests += 1;
      if (status === 429) usage.throttled += 1;
    },
    onRateLimitWait: ({ waitedMs }) => {
      usage.rateLimitedMs += waitedMs;
    },
  });
}

export function emptyUsage(): SourceUsage {
  return { requests: 0, throttled: 0, rateLimitedMs: 0 };
}
