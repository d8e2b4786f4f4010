import type { Integration } from '../core/integration.js';
import { addIntegration, type AddIntegrationOptions } from './add-integration.js';
import { starterIntegrationInputSchema } from '../api/contract/integrations.js';
import type { IntakeServices } from './intake-services.js';
import { ValidationError, zodProblems } from './service-errors.js';

/**
 * A starter's start date: a month back, so its seeded history is partly before it and the first
 * run already shows an exclusion of every kind.
 */
const STARTER_LOOKBACK_DAYS = 30;

/** The platform whose starter integration Intake offers (first start, the empty Platforms screen), if any. */
export function starterPlatformId(services: Pick<IntakeServices, 'platforms'>): string | null {
  return services.platforms.list().find((p) => p.starter)?.id ?? null;
}

/**
 * Adds a platform's ready-made integration (the one its folder declares as `starter`): its
 * connection is made now, by the platform, and it asks nothing — the caller may only rename it or
 * change its settings.
 */
export async function addStarterIntegration(
  services: IntakeServices,
  workspaceId: string,
  rawInput: unknown,
  actor: string,
  options: AddIntegrationOptions = {},
): Promise<Integration> {
  const parsed = starterIntegrationInputSchema.safeParse(rawInput ?? {});
  if (!parsed.success) throw new ValidationError(zodProblems(parsed.error.issues));
  const platform = services.platforms.get(parsed.data.platform);
  if (!platform?.starter) {
    const offered = services.platforms.list().filter((p) => p.starter).map((p) => p.id);
    const choice = offered.length ? `use ${offered.join(' or ')}` : 'no platform offers one';
    throw new ValidationError([{ path: 'platform', message: `"${parsed.data.platform}" offers no starter integration; ${choice}` }]);
  }
  const now = services.clock.now();
  const startDate = new Date(now.getTime() - STARTER_LOOKBACK_DAYS * 86_400_000).toISOString().slice(0, 10);
  return addIntegration(
    services,
    workspaceId,
    {
      platform: platform.id,
      name: parsed.data.name ?? platform.starter.name,
      connection: platform.starter.connection(now),
      settings: { startDate, intervalMinutes: platform.starter.intervalMinutes, ...parsed.data.settings },
    },
    actor,
    options,
  );
}
