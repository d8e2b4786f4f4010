import { DateTime } from 'luxon';

export type DateOrder = 'day_first' | 'month_first';

const TIMES = ['', ' H:mm', ' H:mm:ss', ' H:mm:ss.SSS', ' h:mm a', ' h:mm:ss a'];
const DAY_FIRST_DATES = ['d/M/yyyy', 'd.M.yyyy', 'd-M-yyyy', 'd/M/yy', 'd.M.yy'];
const MONTH_FIRST_DATES = ['M/d/yyyy', 'M-d-yyyy', 'M/d/yy'];
const NAMED_DATES = ['d MMM yyyy', 'd MMMM yyyy', 'MMM d, yyyy', 'MMMM d, yyyy', 'd-MMM-yyyy', 'yyyy/M/d'];

function formats(order: DateOrder): string[] {
  const dates = [...(order === 'day_first' ? DAY_FIRST_DATES : MONTH_FIRST_DATES), ...NAMED_DATES];
  return dates.flatMap((d) => TIMES.map((t) => `${d}${t}`));
}
/** `2026-03-03T14:05[:00[.000]]` or with a space, and an optional `Z` or offset. */
const PLAIN_ISO = /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)(Z|[+-]\d{2}:?\d{2})?$/;

const FORMATS: Record<DateOrder, string[]> = { day_first: formats('day_first'), month_first: formats('month_first') };

/**
 * A date as files write it, to ISO 8601 UTC, or null when it is not one. Understood: ISO 8601
 * (`2026-03-03T14:05:00Z`, `2026-03-03 14:05`), RFC 2822 and HTTP dates, Unix time in seconds or
 * milliseconds, and day/month/year with `/`, `.` or `-`, optionally with a time (order as given).
 * Without an offset, the date is read in `zone`.
 *
 * @example parseFileDate('03/04/2026 09:30', 'Europe/Paris', 'day_first') // '2026-04-03T07:30:00.000Z'
 */
export function parseFileDate(raw: string, zone: string, order: DateOrder): string | null {
  const text = raw.trim();
  if (text === '') return null;
  if (/^\d{9,13}(\.\d+)?$/.test(text)) {
    const n = Number(text);
    const ms = text.split('.')[0]!.length >= 12 ? n : n * 1000;
    const date = DateTime.fromMillis(ms, { zone: 'utc' });
    return date.isValid ? date.toISO() : null;
  }
  // The usual export format, read without a parser: most rows of a large file take this path.
  const plain = PLAIN_ISO.exec(text);
  if (plain && (plain[2] || zone === 'UTC')) {
    const offset = plain[2] ? plain[2].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2') : 'Z';
    const ms = Date.parse(`${plain[1]!.replace(' ', 'T')}${offset}`);
    // Date.parse rolls 30 February over into March: the day must exist as written.
    const day = text.slice(0, 10);
    if (!Number.isNaN(ms) && new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day) return new Date(ms).toISOString();
  }
  const options = { zone, setZone: false };
  const candidates = [
    () => DateTime.fromISO(text, options),
    () => DateTime.fromSQL(text, options),
    () => DateTime.fromRFC2822(text, options),
    () => DateTime.fromHTTP(text, options),
  ];
  for (const candidate of candidates) {
    const date = candidate();
    if (date.isValid) return date.toUTC().toISO();
  }
  for (const format of FORMATS[order]) {
    const date = DateTime.fromFormat(text, format, { zone, locale: 'en' });
    if (date.isValid) return date.toUTC().toISO();
  }
  return null;
}
