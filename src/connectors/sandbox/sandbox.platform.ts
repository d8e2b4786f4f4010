import { z } from 'zod';
import type { MappedRecord, ReadFrom, SourcePage } from '../../core/ports.js';
import type { PlatformConnector, PlatformDefinition } from '../platform.js';
import { SourceHostPolicy } from '../source-host-policy.js';
import { createZendeskConnector } from '../zendesk/zendesk.connector.js';
import { ZendeskSimulator } from '../zendesk/zendesk.simulator.js';
import { sandboxConnectionProblems, sandboxConnectionSchema, type SandboxConnection } from './sandbox-connection.js';

/** A new ticket or change every this often, so a new user sees imports keep coming. */
const SANDBOX_ACTIVITY_MS = 20_000;
const SANDBOX_HISTORY_TICKETS = 400;
/**
 * Distinct sandbox help desks (epoch and seed) kept running in one process. Each holds its
 * tickets in memory; beyond this the least recently used one stops, and is rebuilt — identical,
 * since its history is a function of its epoch and seed — when it is next read.
 */
const SANDBOX_MAX_RUNNING = 8;

/**
 * The `sandbox` platform: a Zendesk help desk simulated inside the process, so a new user watches
 * contacts arrive without an account anywhere. It runs the real Zendesk connector over real HTTP
 * against the simulator, rate limits included.
 */
export function createSandboxPlatform(): PlatformDefinition<SandboxConnection, Record<string, never>> & { close(): Promise<void>; running(): number } {
  /** In order of last use, oldest first. */
  const simulators = new Map<string, Promise<ZendeskSimulator>>();

  function simulatorFor(connection: SandboxConnection): Promise<ZendeskSimulator> {
    const key = `${connection.epoch}:${connection.seed}`;
    let started = simulators.get(key);
    if (started) {
      simulators.delete(key);
    } else {
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
      for (const [oldest, stale] of simulators) {
        if (simulators.size < SANDBOX_MAX_RUNNING) break;
        simulators.delete(oldest);
        void stale.then((s) => s.stop()).catch(() => undefined);
      }
    }
    simulators.set(key, started);
    return started;
  }

  return {
    id: 'sandbox',
    displayName: 'Sandbox',
    referenceName: 'ticket id',
    connectionSchema: sandboxConnectionSchema,
    credentialsSchema: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
    sourceAccount: () => 'sandbox',
    // The simulator runs on the system clock, so the replay an epoch costs is measured against it.
    connectionProblems: (connection) => sandboxConnectionProblems(connection, new Date()),
    presentation: {
      noun: { one: 'ticket', many: 'tickets' },
      mark: { letters: 'S', colour: '#5b3cc4' },
      summary: 'A Zendesk help desk simulated inside Intake — 400 tickets of history and a new ticket or change every 20 seconds — read by the real Zendesk connector, so you can watch imports without an account anywhere.',
      connectionFields: [],
      credentialVariants: [],
      statuses: [
        { value: 'new', label: 'New', normalised: 'open' },
        { value: 'open', label: 'Open', normalised: 'open' },
        { value: 'pending', label: 'Pending', normalised: 'pending' },
        { value: 'hold', label: 'On-hold', normalised: 'pending' },
        { value: 'solved', label: 'Solved', normalised: 'solved' },
        { value: 'closed', label: 'Closed', normalised: 'closed' },
        { value: 'deleted', label: 'Deleted', normalised: 'deleted' },
      ],
      channels: ['email', 'web', 'api', 'chat', 'voice'],
      errorFixes: {},
    },
    capabilities: { credentialsNeeded: false, fetchOne: true, backfill: true, detectsDeletions: true, directory: true },
    starter: { name: 'Sandbox help desk', connection: (now) => ({ epoch: now.toISOString(), seed: 7 }), intervalMinutes: 1 },

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
        // The simulated help desk's agents and custom fields, by name, as a Zendesk account lists them.
        listAgents: async (signal) => (await connector).listAgents!(signal),
        listCustomFields: async (signal) => (await connector).listCustomFields!(signal),
      };
    },

    /** How many sandbox help desks this process keeps running. */
    running: () => simulators.size,

    async close() {
      const all = [...simulators.values()];
      simulators.clear();
      await Promise.all(all.map(async (s) => (await s).stop()));
    },
  };
}
