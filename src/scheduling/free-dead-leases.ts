import { hostname } from 'node:os';
import { listHeldLeases, releaseLease } from '../storage/integration.repository.js';
import { expireRunLeases, listClaimedRuns } from '../storage/run-queue.repository.js';
import type { IntakeServices } from '../services/intake-services.js';

/**
 * Frees the leases held by processes of this machine that no longer exist (killed, crashed): their
 * runs go back to the queue at once, to be continued from their checkpoints, instead of after
 * their leases expire. Leases of other machines are left to expire: this process cannot know
 * whether they are alive.
 */
export async function freeDeadLeases(services: IntakeServices): Promise<number> {
  const dead = (owner: string) => {
    const [leaseHost, pidText] = owner.split('/');
    const pid = Number(pidText);
    return leaseHost === hostname() && Number.isInteger(pid) && pid !== process.pid && !isAlive(pid);
  };
  let freed = 0;
  for (const lease of await listHeldLeases(services.db)) {
    if (!dead(lease.owner)) continue;
    await releaseLease(services.db, lease.id, lease.owner);
    freed += 1;
  }
  const runs = (await listClaimedRuns(services.db)).filter((r) => dead(r.owner));
  await expireRunLeases(services.db, runs.map((r) => r.id), services.clock.now());
  if (freed + runs.length > 0) {
    services.logger.info({ freed, runs: runs.length }, `freed ${freed} integration lease(s) and ${runs.length} run(s) left by stopped processes; they continue from their checkpoints`);
  }
  return freed + runs.length;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
