// The workers bench's simulated Zendesk accounts, in a process of their own: serving a thousand
// accounts takes CPU, and inside the bench process it would be counted against Intake's workers.
// Started by workers.bench.ts with fork(); the plan comes as the first argument (JSON), the accounts
// go back as one IPC message, and `stats` messages are answered with the counters of all of them.
import { ZendeskSimulator } from '../src/connectors/zendesk/zendesk.simulator.js';

export interface AccountsPlan {
  small: number;
  large: number;
  smallTickets: number;
  largeTickets: number;
  rateLimit: { requests: number; windowSeconds: number };
  latencyMs: number;
}

export interface SimulatedAccount {
  subdomain: string;
  url: string;
  credentials: { kind: 'api_token'; email: string; token: string };
}

export type AccountsMessage = { kind: 'ready'; accounts: SimulatedAccount[] } | { kind: 'stats'; requests: number; throttled: number; cpuMs: number };

async function main(): Promise<void> {
  const plan = JSON.parse(process.argv[2] ?? '') as AccountsPlan;
  const sims: ZendeskSimulator[] = [];
  const accounts: SimulatedAccount[] = [];
  for (let i = 0; i < plan.small + plan.large; i += 1) {
    const large = i < plan.large;
    // Each account its own port (its own server), as each Zendesk account is its own host.
    const sim = new ZendeskSimulator({ subdomain: `acct${i}`, tickets: large ? plan.largeTickets : plan.smallTickets, maxPageSize: 100, rateLimit: plan.rateLimit, spanDays: 30, seed: i + 1, latencyMs: plan.latencyMs });
    sims.push(sim);
    accounts.push({ subdomain: sim.subdomain, url: await sim.start(), credentials: sim.apiTokenCredentials() });
  }
  const send = (message: AccountsMessage) => process.send!(message);
  process.on('message', (message: { kind: string }) => {
    if (message.kind !== 'stats') return;
    const cpu = process.cpuUsage();
    send({ kind: 'stats', requests: sims.reduce((n, s) => n + s.stats.requests, 0), throttled: sims.reduce((n, s) => n + s.stats.throttled, 0), cpuMs: (cpu.user + cpu.system) / 1000 });
  });
  // The bench ends us by closing the channel (or dying): stop then.
  process.on('disconnect', () => {
    void Promise.all(sims.map((s) => s.stop())).finally(() => process.exit(0));
  });
  send({ kind: 'ready', accounts });
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
