import { hostname } from 'node:os';
import { listHeldLeases, releaseLease } from '../storage/integration.repository.js';
import { interruptRunningRuns } from '../storage/run.repository.js';
import type { IntakeServices } from '../services/intake-services.js';

/**
 * Frees run leases held by processes of this machine that no longer exist (killed, crashed), so
 * their integrations resume at once instead of after the lease expires. Leases of other machines
 * are left to expire: this process cannot know whether they are alive.
 */
export async function freeDeadLeases(services: IntakeServices): Promise<number> {
  const host = hostname();
  let freed = 0;
  for (const lease of await listHeldLeases(services.db)) {
    const [leaseHost, pidText] = lease.owner.split('/');
    const pid = Number(pidText);
    if (leaseHost !== host || !Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
    await releaseLease(services.db, lease.id, lease.owner);
    await interruptRunningRuns(services.db, lease.id, ['scheduled', 'manual'], services.clock.now());
    freed += 1;
  }
  if (freed > 0) services.logger.info({ freed }, `freed ${freed} run lease(s) left by stopped processes; those integrations resume from their checkpoints`);
  return freed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
