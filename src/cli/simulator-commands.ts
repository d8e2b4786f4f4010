import type { PlatformDefinition, RunningSimulator } from '../connectors/platform.js';
import { askedFields } from './platform-fields.js';
import { optionWords } from './platform-flags-help.js';
import { shellWord } from './shell-word.js';

/**
 * The commands that import from a running simulator, as a user runs them from any shell: allow its
 * host, then add the integration with the platform's own options carrying the simulator's
 * connection and credentials. Its secrets are the simulator's throwaway values, so they are shown.
 */
export function simulatorCommands(platform: PlatformDefinition, sim: RunningSimulator): string[] {
  const asked = askedFields(platform);
  const words: string[] = [];
  const connectionKeys = Object.keys(sim.connection);
  // The presentation's order first, then anything it does not declare.
  for (const a of asked.filter((a) => a.where === 'connection' && connectionKeys.includes(a.field.key))) words.push(optionWords(a, shellWord(String(sim.connection[a.field.key]))));
  for (const key of connectionKeys.filter((k) => !asked.some((a) => a.where === 'connection' && a.field.key === k))) words.push(`--connection ${key}=${shellWord(String(sim.connection[key]))}`);

  const { kind, ...credentials } = sim.credentials;
  const keys = Object.keys(credentials);
  const variants = platform.presentation.credentialVariants;
  const fitting = variants.filter((v) => keys.every((k) => v.fields.some((f) => f.key === k)));
  const variant = variants.find((v) => v.kind !== null && v.kind === kind) ?? fitting[0];
  if (variant && kind !== undefined && fitting.length > 1) words.push(`--credential kind=${shellWord(String(kind))}`);
  for (const field of variant?.fields.filter((f) => keys.includes(f.key)) ?? []) {
    words.push(optionWords({ where: 'credentials', field }, shellWord(String(credentials[field.key]))));
  }
  return [
    `npx intake source-hosts allow ${new URL(sim.url).host}`,
    [`npx intake integrations add ${platform.id} --name "Simulated ${platform.displayName}"`, ...words].join(' '),
  ];
}

/** Says which printed values are throwaway secrets, and how a real one is given instead. */
export function simulatorSecretsNote(platform: PlatformDefinition, sim: RunningSimulator): string | null {
  const secrets = askedFields(platform).filter((a) => a.where === 'credentials' && a.field.kind === 'secret' && sim.credentials[a.field.key] !== undefined);
  if (secrets.length === 0) return null;
  const options = secrets.map((a) => optionWords(a, '').trim());
  return `Note: the ${options.join(' and ')} value${secrets.length > 1 ? 's' : ''} above ${secrets.length > 1 ? 'are' : 'is'} the simulator's own throwaway; a real one is given as "${options[0]} -", then typed unseen or piped in.`;
}
