import { describe, expect, it } from 'vitest';
import { FaultQueue, fromContractFault, renameField, type RetryAfterFault, type SimulatorFault } from './simulator-faults.js';

type Fault = RetryAfterFault | SimulatorFault;

/** Takes `n` requests through the queue; answers the kinds that hit, '-' for none. */
function hits(queue: FaultQueue<Fault, 'page'>, requests: Array<'paged' | 'other'>, revoke = () => {}): string[] {
  return requests.map((r) => queue.take(r === 'paged', revoke)?.kind ?? '-');
}

describe('the fault queue', () => {
  it('hits as many requests as the count says, in the order faults were injected, then clears them', () => {
    const queue = new FaultQueue<Fault, 'page'>('page');
    queue.inject({ kind: 'server_error', count: 2 });
    queue.inject({ kind: 'html_page', count: 1 });
    expect(hits(queue, ['paged', 'paged', 'paged', 'paged'])).toEqual(['server_error', 'server_error', 'html_page', '-']);
    expect(queue.active).toEqual([]);
  });

  it('keeps a fault without a count until cleared', () => {
    const queue = new FaultQueue<Fault, 'page'>('page');
    queue.inject({ kind: 'malformed_json' });
    expect(hits(queue, ['paged', 'paged', 'paged'])).toEqual(['malformed_json', 'malformed_json', 'malformed_json']);
    queue.clear();
    expect(hits(queue, ['paged'])).toEqual(['-']);
  });

  it('hits only the paged request in the paged scope, and every request in scope all', () => {
    const queue = new FaultQueue<Fault, 'page'>('page');
    queue.inject({ kind: 'server_error', count: 1 });
    expect(hits(queue, ['other', 'paged'])).toEqual(['-', 'server_error']);
    queue.inject({ kind: 'server_error', count: 1 }, 'all');
    expect(hits(queue, ['other', 'paged'])).toEqual(['server_error', '-']);
  });

  it('revokes every credential once, when the paged request after `requests` more arrives', () => {
    const queue = new FaultQueue<Fault, 'page'>('page');
    let revoked = 0;
    queue.inject({ kind: 'revoke_after', requests: 2 });
    expect(queue.active).toEqual([{ fault: { kind: 'revoke_after', requests: 2 }, scope: 'page', remaining: 2 }]);
    hits(queue, ['paged', 'other', 'paged'], () => (revoked += 1));
    expect(revoked).toBe(0);
    hits(queue, ['paged', 'paged'], () => (revoked += 1));
    expect(revoked).toBe(1);
    expect(queue.active).toEqual([]);
  });

  it('lets `afterPagedRequests` paged requests through first, other requests not counted, and clear drops it', () => {
    const queue = new FaultQueue<Fault, 'page'>('page');
    queue.inject({ kind: 'server_error', count: 1 }, 'page', { afterPagedRequests: 2 });
    expect(queue.active).toEqual([]);
    expect(hits(queue, ['paged', 'other', 'paged', 'paged', 'paged'])).toEqual(['-', '-', '-', 'server_error', '-']);

    queue.inject({ kind: 'server_error', count: 1 }, 'page', { afterPagedRequests: 1 });
    queue.clear();
    expect(hits(queue, ['paged', 'paged', 'paged'])).toEqual(['-', '-', '-']);
  });
});

describe('faults from the contract suite', () => {
  it('are the same on a simulator, but the renamed field, which renames the field the platform names', () => {
    expect(fromContractFault({ kind: 'renamed_field', count: 2 }, { from: 'via', to: 'via_info' })).toEqual({ kind: 'rename_field', from: 'via', to: 'via_info', count: 2 });
    expect(fromContractFault({ kind: 'rate_limited', retryAfterSeconds: 5 }, { from: 'via', to: 'via_info' })).toEqual({ kind: 'rate_limited', retryAfterSeconds: 5 });
  });
});

describe('a renamed field', () => {
  it('moves the field to its new name, last, and leaves a record without it as it is', () => {
    const fault = { kind: 'rename_field', from: 'via', to: 'via_info' };
    expect(JSON.stringify(renameField({ id: 1, via: 'email', status: 'open' }, fault))).toBe('{"id":1,"status":"open","via_info":"email"}');
    const without = { id: 2 };
    expect(renameField(without, fault)).toBe(without);
    expect(renameField({ id: 3, via: 'web' }, { kind: 'server_error' })).toEqual({ id: 3, via: 'web' });
  });
});
