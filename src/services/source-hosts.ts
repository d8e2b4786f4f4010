import { sourceHostEntrySchema } from '../connectors/source-host-policy.js';
import { allowSourceHosts, listAllowedSourceHosts, removeAllowedSourceHost, type AllowedSourceHost } from '../storage/operator-settings.repository.js';
import type { IntakeServices } from './intake-services.js';
import { NotFoundError, ValidationError, zodProblems } from './service-errors.js';

/**
 * The extra hosts connectors may call (proxies, simulators): one list in the database, shared by
 * the service, its workers and the CLI, so no process's environment decides alone. Only the
 * operator changes it (the command line); no API route writes it.
 */
export async function listSourceHosts(services: IntakeServices): Promise<AllowedSourceHost[]> {
  return listAllowedSourceHosts(services.db);
}

export async function allowSourceHost(services: IntakeServices, rawHost: unknown, actor: string): Promise<{ host: string; added: boolean; hosts: AllowedSourceHost[] }> {
  const host = parseHost(rawHost);
  const { added, hosts } = await allowSourceHosts(services.db, [host], actor, services.clock.now());
  await services.hostPolicy.refresh();
  if (added.length) services.logger.info({ host, by: actor }, `allowed the source host ${host}`);
  return { host, added: added.length > 0, hosts };
}

export async function removeSourceHost(services: IntakeServices, rawHost: unknown, actor: string): Promise<{ host: string; hosts: AllowedSourceHost[] }> {
  const host = parseHost(rawHost);
  const { removed, hosts } = await removeAllowedSourceHost(services.db, host, actor, services.clock.now());
  if (!removed) throw new NotFoundError(`${host} is not an allowed source host; list them with: intake source-hosts list`);
  await services.hostPolicy.refresh();
  services.logger.info({ host, by: actor }, `removed the source host ${host}`);
  return { host, hosts };
}

/**
 * INTAKE_EXTRA_SOURCE_HOSTS of this process joins the shared list (it was once read per process,
 * so a host set for one command was refused by the service). Returns the hosts it added.
 */
export async function addSourceHostsFromEnvironment(services: IntakeServices, hosts: readonly string[]): Promise<string[]> {
  if (hosts.length === 0) return [];
  const { added } = await allowSourceHosts(services.db, hosts, 'INTAKE_EXTRA_SOURCE_HOSTS', services.clock.now());
  await services.hostPolicy.refresh();
  return added;
}

function parseHost(rawHost: unknown): string {
  const parsed = sourceHostEntrySchema.safeParse(rawHost);
  if (!parsed.success) throw new ValidationError(zodProblems(parsed.error.issues, 'host'));
  return parsed.data;
}

export type { AllowedSourceHost };
