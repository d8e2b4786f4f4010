import { z } from 'zod';

export const sandboxConnectionSchema = z
  .object({
    /** When the sandbox help desk started working: its history is a function of this and the seed. */
    epoch: z.iso.datetime(),
    seed: z.number().int().default(7),
  })
  .strict();
export type SandboxConnection = z.infer<typeof sandboxConnectionSchema>;

/**
 * How far back a new sandbox's epoch may lie. The simulated help desk replays every event since
 * its epoch (one every 20 seconds: 4,320 a day, about 2,000 new tickets a day kept in memory).
 * Its seeded history already spans the 35 days before the epoch, so an older epoch adds only
 * replay work and memory a demo does not need: a week is about 30,000 events and 14,000 tickets
 * (some 20 MB), replayed in well under a second of work, in short slices.
 */
export const SANDBOX_EPOCH_MAX_DAYS_BACK = 7;
/** A browser or a machine whose clock runs a little fast still gets its sandbox. */
const EPOCH_MAX_AHEAD_MS = 3_600_000;

/**
 * Checked when a sandbox is added, against the clock its simulator runs on. Stored sandboxes are
 * never refused for having grown older: the one made at first start is as old as the install.
 */
export function sandboxConnectionProblems(connection: SandboxConnection, now: Date): Array<{ path: string; message: string }> {
  const epoch = Date.parse(connection.epoch);
  const earliest = new Date(now.getTime() - SANDBOX_EPOCH_MAX_DAYS_BACK * 86_400_000);
  const latest = new Date(now.getTime() + EPOCH_MAX_AHEAD_MS);
  if (epoch >= earliest.getTime() && epoch <= latest.getTime()) return [];
  return [
    {
      path: 'connection.epoch',
      message: `must be at most ${SANDBOX_EPOCH_MAX_DAYS_BACK} days back and not in the future: between ${earliest.toISOString()} and ${latest.toISOString()} (the sandbox replays every simulated event since its epoch; its seeded history already covers the 35 days before it)`,
    },
  ];
}
