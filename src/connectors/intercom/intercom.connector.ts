import type { MappedRecord, ReadFrom, SourcePage } from '../../core/ports.js';
import { SourceError } from '../../core/source-error.js';
import type { ConnectorContext, DirectoryEntry, PlatformConnector, VerifiedIdentity } from '../platform.js';
import { createIntercomApi } from './intercom-api.js';
import type { IntercomConnection, IntercomCredentials } from './intercom-connection.js';
import { intercomContractError } from './intercom-contract-error.js';
import { findDeletedConversations, isConversationNotFound } from './intercom-deletions.js';
import { DEFAULT_READ_TUNING, readIntercomPages, type IncrementalReadTuning } from './intercom-incremental-read.js';
import { mapIntercomConversation } from './intercom-mapping.js';
import { intercomAdminListSchema, intercomDataAttributeListSchema, intercomMeSchema } from './intercom-wire.js';

const REFERENCE = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Reads conversations from one Intercom workspace: incremental search windows on updated_at,
 * single conversations, the admins and conversation attributes by name, and deletions by
 * reconciliation.
 */
export function createIntercomConnector(
  context: ConnectorContext<IntercomConnection, IntercomCredentials>,
  tuning: Partial<IncrementalReadTuning> = {},
): PlatformConnector {
  const { connection, clock } = context;
  const api = createIntercomApi(context);
  const readTuning = { ...DEFAULT_READ_TUNING, ...tuning };

  return {
    // Intercom's lowest tier allows about 1000 calls a minute, metered over ten-second windows.
    rateLimit: { requests: 166, perSeconds: 10 },

    readPages(from: ReadFrom, signal?: AbortSignal): AsyncIterable<SourcePage> {
      return readIntercomPages(api, clock, from, readTuning, signal);
    },

    async verifyCredentials(signal?: AbortSignal): Promise<VerifiedIdentity> {
      const response = await api.get('/me', {}, signal);
      const me = intercomMeSchema.safeParse(response.body);
      if (!me.success) throw intercomContractError(me.error.issues[0], '/me');
      const hostedIn = me.data.app.region?.toLowerCase();
      if (hostedIn && ['us', 'eu', 'au'].includes(hostedIn) && hostedIn !== connection.region) {
        throw new SourceError(
          'config',
          `This access token belongs to an Intercom workspace hosted in the ${hostedIn.toUpperCase()} region, but the integration is set to ${connection.region.toUpperCase()}. Set the region to ${hostedIn}.`,
          { status: response.status, region: hostedIn },
        );
      }
      // A token that may not search conversations fails here, not on the first run.
      await api.post('/conversations/search', { query: { field: 'updated_at', operator: '>', value: Math.floor(clock.now().getTime() / 1000) }, pagination: { per_page: 1 } }, signal);
      return { sourceAccount: me.data.app.id_code, principal: me.data.email ?? me.data.name ?? `admin ${me.data.id}` };
    },

    async fetchOne(sourceRef: string, signal?: AbortSignal): Promise<MappedRecord | null> {
      if (!REFERENCE.test(sourceRef)) return null;
      try {
        const response = await api.get(`/conversations/${encodeURIComponent(sourceRef)}`, {}, signal);
        return mapIntercomConversation(response.body);
      } catch (error) {
        if (isConversationNotFound(error)) return null;
        throw error;
      }
    },

    async listAgents(signal?: AbortSignal): Promise<DirectoryEntry[]> {
      const response = await api.get('/admins', {}, signal);
      const list = intercomAdminListSchema.safeParse(response.body);
      if (!list.success) throw intercomContractError(list.error.issues[0], '/admins');
      return list.data.admins.map((admin) => ({ id: admin.id, name: admin.name || admin.email || `admin ${admin.id}`, detail: admin.email ?? null }));
    },

    async listCustomFields(signal?: AbortSignal): Promise<DirectoryEntry[]> {
      const response = await api.get('/data_attributes', { model: 'conversation' }, signal);
      const list = intercomDataAttributeListSchema.safeParse(response.body);
      if (!list.success) throw intercomContractError(list.error.issues[0], '/data_attributes');
      // Conversations carry custom attributes keyed by `name`; `label` is what admins see.
      return list.data.data
        .filter((attribute) => attribute.custom === true && attribute.archived !== true && (attribute.model ?? 'conversation') === 'conversation')
        .map((attribute) => ({ id: attribute.name, name: attribute.label || attribute.name, detail: attribute.data_type ?? null }));
    },

    findDeleted(known: readonly string[], signal?: AbortSignal): AsyncIterable<string[]> {
      return findDeletedConversations(api, known, signal);
    },
  };
}
