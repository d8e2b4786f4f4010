import { FILE_MAPPING_TARGETS, type FileMapping } from './file-connection.js';

export type FileFormat = 'csv' | 'jsonl';
export type FileEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** How a file is read, learnt from its first bytes. */
export interface FileLayout {
  format: FileFormat;
  encoding: FileEncoding;
  /** The CSV delimiter; null for JSON Lines. */
  delimiter: string | null;
  /** The header row's columns (CSV) or the first object's keys (JSON Lines). */
  columns: string[];
}

export type FileInspection = ({ ok: true } & FileLayout) | { ok: false; message: string };

const SIGNATURES: Array<{ bytes: number[]; what: string }> = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (an Excel .xlsx workbook is one)' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an Excel .xls workbook' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
];
const DELIMITERS = [',', ';', '\t', '|'];

function startsWith(head: Uint8Array, bytes: number[]): boolean {
  return bytes.every((b, i) => head[i] === b);
}

export function detectEncoding(head: Uint8Array): FileEncoding {
  if (startsWith(head, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(head, [0xfe, 0xff])) return 'utf-16be';
  try {
    // `stream: true` tolerates a character cut at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    // Not UTF-8: the usual other export encoding is Windows' Latin-1 (a superset of ISO 8859-1).
    return 'windows-1252';
  }
}

/** The CSV delimiter most used in the first line outside quotes. */
function detectDelimiter(line: string): string {
  const counts = new Map(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![1] > 0 ? [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0] : ',';
}

/** The fields of one CSV line (the header), quotes and doubled quotes understood. */
function splitCsvLine(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      fields.push(field.trim());
      field = '';
    } else field += c;
  }
  fields.push(field.trim());
  return fields;
}

/**
 * Reads the first bytes of an upload (up to 64 KiB): whether it is CSV or JSON Lines, its encoding,
 * delimiter and columns — or why it is neither, before anything is written.
 */
export function inspectFile(head: Uint8Array, fileName: string): FileInspection {
  const refuse = (why: string) => ({ ok: false as const, message: `"${fileName}" is not a CSV or JSON Lines file: ${why}. Export it as CSV (UTF-8 or Latin-1) or as JSON Lines (one JSON object a line) and upload it again.` });
  if (head.length === 0) return refuse('it is empty');
  const signature = SIGNATURES.find((s) => startsWith(head, s.bytes));
  if (signature) return refuse(`it is ${signature.what}`);
  const encoding = detectEncoding(head);
  const text = new TextDecoder(encoding).decode(head, { stream: true });
  if (encoding.startsWith('utf-8') || encoding === 'windows-1252') {
    const sample = text.slice(0, 4096);
    // Text files carry no control characters besides tab, CR and LF.
    if (/[\u0000-\u0008\u000e-\u001f]/.test(sample)) return refuse('it holds binary data');
  }
  const trimmed = text.replace(/^\s+/, '');
  const firstLine = (trimmed.split(/\r?\n/)[0] ?? '').trim();
  if (firstLine.startsWith('[')) return refuse('it is a JSON array; write one object a line instead (JSON Lines)');
  if (firstLine.startsWith('{')) {
    let first: unknown;
    try {
      first = JSON.parse(firstLine);
    } catch {
      return refuse('its first line starts like JSON but is not a JSON object');
    }
    if (!first || typeof first !== 'object' || Array.isArray(first)) return refuse('its first line is not a JSON object');
    return { ok: true, format: 'jsonl', encoding, delimiter: null, columns: Object.keys(first) };
  }
  if (firstLine === '') return refuse('it has no header row');
  if (/^<(!doctype|html|\?xml)/i.test(firstLine)) return refuse('it is an HTML or XML page');
  const delimiter = detectDelimiter(firstLine);
  const columns = splitCsvLine(firstLine, delimiter);
  if (columns.some((c) => c === '')) return refuse(`its header row (line 1) has an empty column name at column ${columns.indexOf('') + 1}`);
  const duplicate = columns.find((c, i) => columns.indexOf(c) !== i);
  if (duplicate) return refuse(`its header row (line 1) names the column "${duplicate}" twice`);
  return { ok: true, format: 'csv', encoding, delimiter, columns };
}

const HINTS: Record<Exclude<keyof FileMapping, 'customFields'>, RegExp[]> = {
  sourceRef: [/^(source_?)?ref(erence)?$/, /^(call|ticket|conversation|chat|contact|interaction|case)_?(id|number|no|ref)$/, /^id$/, /^(external_?)?id$/],
  createdAt: [/^created(_?at|_?on|_?date|_?time)?$/, /^(start(ed)?|begin)(_?at|_?time|_?date)?$/, /^date$/, /^timestamp$/],
  updatedAt: [/^(updated|modified|last_?modified|changed)(_?at|_?on|_?date|_?time)?$/],
  closedAt: [/^(closed|ended|end|resolved|solved|finished|completed)(_?at|_?on|_?date|_?time)?$/],
  channel: [/^(channel|medium|source|type|via)$/],
  agent: [/^(agent|assignee|user|operator|owner|handled_?by)(_?id|_?name|_?email)?$/],
  status: [/^(status|state|disposition|outcome)$/],
  tags: [/^(tags?|labels?|categories)$/],
};

/** A mapping proposed from the column names; null for a field no column looks like. */
export function proposeMapping(columns: readonly string[]): Omit<FileMapping, 'sourceRef' | 'createdAt'> & { sourceRef: string | null; createdAt: string | null } {
  const key = (c: string) => c.trim().toLowerCase().replace(/[\s\-.]+/g, '_');
  const taken = new Set<string>();
  const pick = (patterns: RegExp[]) => {
    for (const pattern of patterns) {
      const found = columns.find((c) => !taken.has(c) && pattern.test(key(c)));
      if (found) {
        taken.add(found);
        return found;
      }
    }
    return null;
  };
  const proposed = Object.fromEntries(FILE_MAPPING_TARGETS.filter((t) => t.key !== 'customFields').map((t) => [t.key, pick(HINTS[t.key as keyof typeof HINTS])]));
  const customFields = columns.filter((c) => !taken.has(c) && /^(cf|custom)_/.test(key(c)));
  return { ...(proposed as Record<string, string | null>), customFields } as ReturnType<typeof proposeMapping>;
}
