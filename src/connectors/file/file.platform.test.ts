import { describe, expect, it } from 'vitest';
import type { MappedRecord } from '../../core/ports.js';
import { parseFileDate } from './file-dates.js';
import { filePlatform } from './file.platform.js';
import { fileConnectionSchema } from './file-connection.js';

const files = filePlatform.files!;

async function* chunked(bytes: Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
  // Small chunks: characters and rows cut across chunk boundaries must still read whole.
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function readAll(bytes: Uint8Array, connection: Record<string, unknown> = {}, fileName = 'calls.csv'): Promise<MappedRecord[]> {
  const layout = files.inspect(bytes.subarray(0, 65536), fileName);
  if (!layout.ok) throw new Error(layout.message);
  const parsed = files.proposeConnection(fileConnectionSchema.parse({ source: 'telephony', ...connection }), layout.columns);
  expect(files.mappingProblems(parsed, layout.columns)).toEqual([]);
  const records: MappedRecord[] = [];
  for await (const page of files.readPages(chunked(bytes), { connection: parsed, layout, fileName, version: 42, pageSize: 2 })) records.push(...page.records);
  return records;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('the file platform', () => {
  it('reads a CSV with a BOM, CRLF line ends, quoted delimiters and doubled quotes, mapping proposed from the header', async () => {
    const csv = '\uFEFFcall_id,created_at,channel,agent,status,tags,notes\r\n' + '101,2026-03-03 14:05,Phone,Ann,closed,"vip, billing","said ""thanks"", then hung up"\r\n' + '102,2026-03-04T09:00:00Z,chat,Bob,solved,,\r\n';
    const records = await readAll(utf8(csv));
    expect(records).toHaveLength(2);
    const first = records[0]!;
    expect(first.ok && first.contact).toMatchObject({
      sourceRef: '101',
      channel: 'phone',
      agent: 'Ann',
      sourceStatus: 'closed',
      status: 'closed',
      tags: ['vip', 'billing'],
      createdAt: '2026-03-03T14:05:00.000Z',
      version: 42,
      metadata: { notes: 'said "thanks", then hung up' },
    });
  });

  it('reads Latin-1 (Windows-1252) files with semicolons, dates in the chosen time zone, day first', async () => {
    const latin1 = Buffer.from('ref;started;agent\n7;03/04/2026 09:30;Zoë Müller\n', 'latin1');
    const records = await readAll(latin1, { timeZone: 'Europe/Paris', mapping: { sourceRef: 'ref', createdAt: 'started', agent: 'agent' } });
    expect(records[0]!.ok && records[0]!.contact).toMatchObject({ sourceRef: '7', agent: 'Zoë Müller', createdAt: '2026-04-03T07:30:00.000Z' });
  });

  it('reads JSON Lines, tags as arrays, custom fields kept', async () => {
    const jsonl = '{"id": "c-1", "created": "2026-03-03T10:00:00+01:00", "tags": ["a","b"], "cf_plan": "gold", "duration": 31}\n\n{"id": "c-2", "created": 1772532000}\n';
    const records = await readAll(utf8(jsonl), {}, 'calls.jsonl');
    expect(records).toHaveLength(2);
    expect(records[0]!.ok && records[0]!.contact).toMatchObject({ sourceRef: 'c-1', tags: ['a', 'b'], customFields: { cf_plan: 'gold' }, metadata: { duration: 31 }, createdAt: '2026-03-03T09:00:00.000Z' });
    expect(records[1]!.ok && records[1]!.contact.createdAt).toBe('2026-03-03T10:00:00.000Z');
  });

  it('makes each bad row a failure naming its row, line and column, and reads on', async () => {
    const csv = 'call_id,created_at\n1,2026-03-01\n2,yesterday-ish\n"3,2026-03-02\n';
    const records = await readAll(utf8(csv), {}, 'weekly-calls.csv');
    expect(records[0]!.ok).toBe(true);
    expect(records[1]).toMatchObject({ ok: false, sourceRef: '2', field: 'created_at', message: 'is not a date', rawValue: 'yesterday-ish', location: 'row 2 of weekly-calls.csv (line 3)' });
    expect(records.slice(2).every((r) => !r.ok)).toBe(true);
  });

  it('refuses what is not CSV or JSON Lines, saying what it is', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    expect(files.inspect(zip, 'calls.xlsx')).toMatchObject({ ok: false, message: expect.stringContaining('Excel .xlsx') });
    expect(files.inspect(utf8('[{"id":1}]'), 'calls.json')).toMatchObject({ ok: false, message: expect.stringContaining('JSON array') });
    expect(files.inspect(new Uint8Array([0x41, 0x00, 0x01, 0x02, 0x42]), 'x.bin')).toMatchObject({ ok: false, message: expect.stringContaining('binary') });
    expect(files.inspect(new Uint8Array(), 'empty.csv')).toMatchObject({ ok: false, message: expect.stringContaining('empty') });
  });

  it('names a mapped column the file lacks, and a reference column it cannot guess', () => {
    const connection = fileConnectionSchema.parse({ source: 's', mapping: { sourceRef: 'id', createdAt: 'when' } });
    expect(files.mappingProblems(connection, ['id', 'created'])).toEqual([{ path: 'connection.mapping.createdAt', message: expect.stringContaining('"when"') }]);
    expect(files.mappingProblems(fileConnectionSchema.parse({ source: 's' }), ['foo', 'bar'])).toHaveLength(2);
  });

  it('understands the common date formats', () => {
    expect(parseFileDate('2026-03-03', 'UTC', 'day_first')).toBe('2026-03-03T00:00:00.000Z');
    expect(parseFileDate('3/4/2026 2:05 PM', 'America/New_York', 'month_first')).toBe('2026-03-04T19:05:00.000Z');
    expect(parseFileDate('Tue, 03 Mar 2026 14:05:00 GMT', 'UTC', 'day_first')).toBe('2026-03-03T14:05:00.000Z');
    expect(parseFileDate('3 Mar 2026 14:05', 'UTC', 'day_first')).toBe('2026-03-03T14:05:00.000Z');
    expect(parseFileDate('1772546700000', 'UTC', 'day_first')).toBe('2026-03-03T14:05:00.000Z');
    expect(parseFileDate('not a date', 'UTC', 'day_first')).toBeNull();
    expect(parseFileDate('31/02/2026', 'UTC', 'day_first')).toBeNull();
  });
});

describe('dates on the fast path', () => {
  it('reads plain ISO dates with and without an offset, and refuses days that do not exist', () => {
    expect(parseFileDate('2026-03-03 14:05:09', 'UTC', 'day_first')).toBe('2026-03-03T14:05:09.000Z');
    expect(parseFileDate('2026-03-03T14:05+0100', 'Europe/Paris', 'day_first')).toBe('2026-03-03T13:05:00.000Z');
    expect(parseFileDate('2026-03-03 14:05', 'Europe/Paris', 'day_first')).toBe('2026-03-03T13:05:00.000Z');
    expect(parseFileDate('2026-02-30 10:00', 'UTC', 'day_first')).toBeNull();
  });
});

describe('the per-row fast paths give what the general ones do', () => {
  it('reads fractions of a second, offsets with and without a colon, and leap days, and refuses hours, months and offsets that do not exist', () => {
    expect(parseFileDate('2026-03-03T14:05:09.5Z', 'UTC', 'day_first')).toBe('2026-03-03T14:05:09.500Z');
    expect(parseFileDate('2026-03-03T14:05:09.12+02:00', 'UTC', 'day_first')).toBe('2026-03-03T12:05:09.120Z');
    expect(parseFileDate('2026-03-03T14:05:00-05:30', 'Europe/Paris', 'day_first')).toBe('2026-03-03T19:35:00.000Z');
    expect(parseFileDate('2026-12-31T23:59:59Z', 'UTC', 'day_first')).toBe('2026-12-31T23:59:59.000Z');
    expect(parseFileDate('2024-02-29 10:00', 'UTC', 'day_first')).toBe('2024-02-29T10:00:00.000Z');
    expect(parseFileDate('2023-02-29 10:00', 'UTC', 'day_first')).toBeNull();
    expect(parseFileDate('2026-13-01 10:00', 'UTC', 'day_first')).toBeNull();
    expect(parseFileDate('2026-03-03 14:61', 'UTC', 'day_first')).toBeNull();
  });

  it('names rows past a thousand with separators, as the diagnosis quotes them', async () => {
    const header = 'call_id,created_at\n';
    const rows = Array.from({ length: 1267 }, (_, i) => `${i + 1},2026-03-01\n`).join('');
    const records = await readAll(utf8(`${header}${rows}1300,not a date\n`), {}, 'weekly-calls.csv');
    expect(records.at(-1)).toMatchObject({ ok: false, location: 'row 1,268 of weekly-calls.csv (line 1,269)' });
  });

  it('keeps every column it does not map as metadata, row after row with the same mapping', async () => {
    const csv = 'call_id,created_at,notes,queue\n1,2026-03-01,first,a\n2,2026-03-02,second,\n';
    const records = await readAll(utf8(csv), { mapping: { sourceRef: 'call_id', createdAt: 'created_at', customFields: ['queue'] } });
    expect(records.map((r) => r.ok && r.contact.metadata)).toEqual([{ notes: 'first' }, { notes: 'second' }]);
    expect(records.map((r) => r.ok && r.contact.customFields)).toEqual([{ queue: 'a' }, { queue: null }]);
    expect(records.every((r) => r.received?.location.startsWith('row '))).toBe(true);
  });
});
