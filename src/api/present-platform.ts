import { z } from 'zod';
import type { PlatformDefinition, PlatformField } from '../connectors/platform.js';
import type { PlatformView } from './contract/integrations.js';

function presentField(field: PlatformField): PlatformView['presentation']['connectionFields'][number] {
  return {
    key: field.key,
    label: field.label,
    help: field.help ?? null,
    placeholder: field.placeholder ?? null,
    kind: field.kind,
    required: field.required,
    advanced: field.advanced ?? false,
    options: field.options ?? null,
  };
}

/**
 * A platform as the shells see it: what to call it and its conversations, its mark, the fields a
 * form asks (the command line's own flags stay with the CLI), what it can do, and its starter.
 */
export function presentPlatform(platform: PlatformDefinition): PlatformView {
  const { presentation: p } = platform;
  return {
    id: platform.id,
    name: platform.displayName,
    referenceName: platform.referenceName,
    connectionSchema: z.toJSONSchema(platform.connectionSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
    credentialsSchema: z.toJSONSchema(platform.credentialsSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
    presentation: {
      noun: { ...p.noun },
      mark: { ...p.mark },
      summary: p.summary,
      connectionFields: p.connectionFields.map(presentField),
      credentialVariants: p.credentialVariants.map((v) => ({ kind: v.kind, label: v.label, help: v.help ?? null, fields: v.fields.map(presentField) })),
      statuses: p.statuses.map((s) => ({ ...s })),
      channels: [...p.channels],
      errorFixes: Object.fromEntries(Object.entries(p.errorFixes).filter((e): e is [string, string] => typeof e[1] === 'string')),
    },
    capabilities: { ...platform.capabilities, uploads: platform.files !== undefined, push: platform.push !== undefined },
    starter: platform.starter ? { name: platform.starter.name } : null,
  };
}
