import { LRUCache } from 'lru-cache';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { MappedRecord } from '../core/ports.js';

export interface LiveCheckPolicy {
  /** How long the source's answer about one reference is reused. */
  cacheSeconds: number;
  /** Source lookups one caller may cause per minute; beyond it the diagnosis answers from the ledger alone. */
  perCallerPerMinute: number;
  /** How long a diagnosis waits for its live check to be taken and answered before it answers without it. */
  waitSeconds: number;
}

export const DEFAULT_LIVE_CHECK_POLICY: LiveCheckPolicy = Object.freeze({ cacheSeconds: 30, perCallerPerMinute: 20, waitSeconds: 20 });

/** What the source said about one reference: the record, that it does not know it, its error — or nothing in time. */
export type LookedUp =
  | { kind: 'found'; record: MappedRecord }
  | { kind: 'not_found' }
  | { kind: 'error'; category: string; message: string }
  | { kind: 'unanswered'; message: string };

export type LiveLookup = { kind: 'answered'; answer: LookedUp } | { kind: 'refused'; retryAt: Date };

/**
 * Diagnosis asks a source about one conversation with the integration's stored credentials, so a
 * reader could otherwise make Intake call the source without limit. Answers are reused for a short
 * while per (integration, reference), concurrent asks for the same reference share one request, and
 * each caller may cause only so many lookups a minute. The requests themselves still draw from the
 * source account's rate budget like every other request.
 */
export class LiveChecks {
  readonly #answers: LRUCache<string, LookedUp, () => Promise<LookedUp>>;
  readonly #perCaller: RateLimiterMemory;

  constructor(readonly policy: LiveCheckPolicy = DEFAULT_LIVE_CHECK_POLICY) {
    this.#answers = new LRUCache<string, LookedUp, () => Promise<LookedUp>>({
      max: 5_000,
      ttl: policy.cacheSeconds * 1000,
      fetchMethod: async (_key, _stale, { context }) => context(),
    });
    this.#perCaller = new RateLimiterMemory({ points: policy.perCallerPerMinute, duration: 60 });
  }

  /** The source's answer for this reference: reused when fresh, else asked — if the caller has room. */
  async lookUp(integrationId: string, sourceRef: string, callerKey: string, ask: () => Promise<LookedUp>): Promise<LiveLookup> {
    const key = `${integrationId}\u0000${sourceRef}`;
    const cached = this.#answers.get(key);
    if (cached) return { kind: 'answered', answer: cached };
    try {
      await this.#perCaller.consume(callerKey);
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return { kind: 'refused', retryAt: new Date(Date.now() + refusal.msBeforeNext) };
      throw refusal;
    }
    const answer = await this.#answers.fetch(key, { context: ask });
    // Only what the source said is reused: an error or a check nobody took is asked again next time.
    if (answer!.kind === 'error' || answer!.kind === 'unanswered') this.#answers.delete(key);
    return { kind: 'answered', answer: answer! };
  }
}
