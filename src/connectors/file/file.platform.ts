import { z } from 'zod';
import type { MappedRecord } from '../../core/ports.js';
import type { PlatformDefinition } from '../platform.js';
import { receivingConnector } from '../received-records.js';
import { FILE_MAPPING_TARGETS, fileConnectionSchema, fileMappingSchema, type FileConnection } from './file-connection.js';
import { inspectFile, proposeMapping, type FileLayout } from './file-layout.js';
import { FILE_STATUS_WORDS, mapFileRow } from './file-row-mapping.js';
import { readFileRows, rowLocation } from './file-rows.js';

/**
 * The `file` platform: contacts from CSV and JSON Lines files uploaded to Intake (web UI, CLI,
 * API), for sources Intake cannot read itself — in-house telephony, a chat tool without an API, a
 * weekly export. It reads nothing on a schedule: each upload is a run.
 */
export const filePlatform: PlatformDefinition<FileConnection, Record<string, never>> = {
  id: 'file',
  displayName: 'File upload',
  referenceName: 'reference',
  connectionSchema: fileConnectionSchema as unknown as z.ZodType<FileConnection>,
  credentialsSchema: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  sourceAccount: (connection) => connection.source,
  connectionProblems: () => [],
  createConnector: ({ connection }) => receivingConnector(connection.source, 'file uploads'),
  presentation: {
    noun: { one: 'row', many: 'rows' },
    mark: { letters: 'F', colour: '#5a5a5a' },
    summary: 'Contacts from CSV or JSON Lines files you upload (web, command line or API): exports from in-house telephony, a chat tool without an API, a weekly report. Columns are mapped once, from the header row.',
    connectionFields: [
      {
        key: 'source',
        label: 'Source name',
        help: 'Where the files come from ("in-house telephony"): references are unique within it.',
        placeholder: 'in-house telephony',
        kind: 'text',
        required: true,
        flag: '--source',
      },
      {
        key: 'timeZone',
        label: 'Time zone of the dates',
        help: 'For dates the files write without an offset, such as 2026-03-03 14:05. A name like Europe/Paris; UTC when left empty.',
        placeholder: 'UTC',
        kind: 'text',
        required: false,
        flag: '--time-zone',
      },
    ],
    credentialVariants: [],
    statuses: FILE_STATUS_WORDS,
    channels: ['phone', 'chat', 'email', 'sms', 'social', 'video'],
    errorFixes: {},
  },
  capabilities: { credentialsNeeded: false, fetchOne: false, backfill: false, detectsDeletions: false, directory: false },
  received: {
    mapKept(values, { connection, location, version }) {
      // The mapping the upload saved; before one was saved, the one the header row proposes.
      const mapping = connection.mapping ?? fileMappingSchema.safeParse(proposeMapping(Object.keys(values))).data;
      if (!mapping) return { ok: false, sourceRef: null, field: '(mapping)', message: 'has no column mapping yet: upload the file with its mapping', location };
      return mapFileRow(values, { mapping, timeZone: connection.timeZone, dateOrder: connection.dateOrder, version }, location);
    },
  },
  files: {
    inspect: (head, fileName) => inspectFile(head, fileName),
    suggestMapping: (columns) => proposeMapping(columns),
    proposeConnection(connection, columns) {
      if (connection.mapping) return connection;
      const proposed = proposeMapping(columns);
      if (!proposed.sourceRef || !proposed.createdAt) return connection;
      return { ...connection, mapping: fileMappingSchema.parse(proposed) };
    },
    mappingProblems(connection, columns) {
      const { mapping } = connection;
      if (!mapping) {
        const proposed = proposeMapping(columns);
        return [
          ...(proposed.sourceRef ? [] : [{ path: 'connection.mapping.sourceRef', message: `names no column: choose the column that holds each row's reference (the file has ${columns.join(', ')})` }]),
          ...(proposed.createdAt ? [] : [{ path: 'connection.mapping.createdAt', message: `names no column: choose the column that holds when each conversation started (the file has ${columns.join(', ')})` }]),
        ];
      }
      const problems: Array<{ path: string; message: string }> = [];
      for (const target of FILE_MAPPING_TARGETS) {
        const value = mapping[target.key];
        for (const column of Array.isArray(value) ? value : value === null ? [] : [value]) {
          if (!columns.includes(column)) problems.push({ path: `connection.mapping.${target.key}`, message: `names the column "${column}", which this file does not have (it has ${columns.join(', ')})` });
        }
      }
      return problems;
    },
    mappingTargets: FILE_MAPPING_TARGETS.map((t) => ({ ...t, multiple: t.key === 'customFields' })),
    async *readPages(bytes, { connection, layout, fileName, version, pageSize }) {
      const mapping = connection.mapping ?? fileMappingSchema.parse(proposeMapping(layout.columns));
      const context = { mapping, timeZone: connection.timeZone, dateOrder: connection.dateOrder, version };
      let records: MappedRecord[] = [];
      let last = 0;
      for await (const row of readFileRows(bytes, layout as FileLayout)) {
        const location = rowLocation(fileName, row.row, row.line);
        // A row that was read carries its values, kept should it not import (a manual import reads them again).
        if ('error' in row) records.push({ ok: false, sourceRef: null, field: row.error.field, message: row.error.message, location });
        else {
          const record = mapFileRow(row.values, context, location);
          record.received = { values: row.values, location };
          records.push(record);
        }
        last = row.row;
        if (records.length >= pageSize) {
          yield { records, checkpoint: `row:${last}` };
          records = [];
        }
      }
      if (records.length > 0) yield { records, checkpoint: `row:${last}` };
    },
  },
};
