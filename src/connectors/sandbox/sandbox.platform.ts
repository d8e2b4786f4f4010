import { z } from 'zod';
import type { MappedRecord, ReadFrom, SourcePage } from '../../core/ports.js';
import type { PlatformConnector, PlatformDefinition } from '../platform.js';
import { SourceHostPolicy } from '../source-host-policy.js';
import { createZendeskConnector } from '../zendesk/zendesk.connector.js';
import { ZendeskSimulator } from '../zendesk/zendesk.simulator.js';

export const sandboxConnectionSchema = z
  .object({
    /** When the sandbox help desk started working: its history is a function of this and the seed. */
    epoch: z.iso.datetime(),
    seed: z.number().int().default(7),
  })
  .strict();
export type SandboxConnection = z.infer<typeof sandboxConnectionSchema>;

/** A new ticket or change every this often, so a new user sees imports keep coming. */
const SANDBOX_ACTIVITY_MS = 20_000;
const SANDBOX_HISTORY_TICKETS = 400;

/**
 * The `sandbox` platform: a Zendesk help desk simulated inside the process, so a new user watches
 * contacts arrive without an account anywhere. It runs the real Zendesk connector over real HTTP
 * against the simulator, rate limits included.
 */
export function createSandboxPlatform(): PlatformDefinition<SandboxConnection, Record<string, never>> & { close(): Promise<void> } {
  const simulators = new Map<string, Promise<ZendeskSimulator>>();

  function simulatorFor(connection: SandboxConnection): Promise<ZendeskSimulator> {
    const key = `${connection.epoch}:${connection.seed}`;
    let started = simulators.get(key);
    if (!started) {
      const epoch = new Date(connection.epoch);
      // History is seeded relative to the epoch, and activity replays from it: every process
      // (and every restart) builds the same help desk.
      const simulator = new ZendeskSimulator({
        subdomain: 'sandbox',
        tickets: SANDBOX_HISTORY_TICKETS,
        seed: connection.seed,
        spanDays: 35,
        seedAt: epoch,
        maxPageSize: 100,
        users: [{ id: 1, email: 'sandbox-admin@intake.local', role: 'admin', token: 'sandbox' }],
        live: { epoch, everyMs: SANDBOX_ACTIVITY_MS, seed: connection.seed },
      });
      started = simulator.start().then(() => simulator);
      simulators.set(key, started);
    }
    return started;
  }

  return {
    id: 'sandbox',
    displayName: 'Sandbox',
    referenceName: 'ticket id',
    connectionSchema: sandboxConnectionSchema,
    credentialsSchema: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
    sourceAccount: () => 'sandbox',
    connectionProblems: () => [],

    createConnector({ connection, http, clock }): PlatformConnector {
      const connector = simulatorFor(connection).then((simulator) => {
        const url = new URL(simulator.url);
        return createZendeskConnector({
          connection: { subdomain: 'sandbox', baseUrl: simulator.url },
          credentials: simulator.apiTokenCredentials(),
          http: http.withHostPolicy(new SourceHostPolicy([url.host])),
          clock,
        });
      });
      return {
        rateLimit: { requests: 10, perSeconds: 60 },
        async *readPages(from: ReadFrom, signal?: AbortSignal): AsyncIterable<SourcePage> {
          yield* (await connector).readPages(from, signal);
        },
        verifyCredentials: async (signal) => (await connector).verifyCredentials(signal),
        fetchOne: async (ref, signal): Promise<MappedRecord | null> => (await connector).fetchOne!(ref, signal),
      };
    },

    async close() {
      const all = [...simulators.values()];
      simulators.clear();
      await Promise.all(all.map(async (s) => (await s).stop()));
    },
  };
}
