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

/** The value of `length` digits at `at` (the pattern has checked they are digits). */
function digits(text: string, at: number, length: number): number {
  let n = 0;
  for (let i = at; i < at + length; i += 1) n = n * 10 + (text.charCodeAt(i) - 48);
  return n;
}

/**
 * A text PLAIN_ISO matched, as milliseconds since the epoch, or null when its day, hour or minute
 * does not exist (30 February, 25:00): such a date is left to the parsers, which refuse it.
 */
function plainIsoMs(text: string, offset: string | undefined): number | null {
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const hasSeconds = text.charCodeAt(16) === 58; // ':'
  const second = hasSeconds ? digits(text, 17, 2) : 0;
  let milli = 0;
  if (hasSeconds && text.charCodeAt(19) === 46) {
    // '.' then 1 to 3 digits: .5 is 500 ms.
    const end = offset ? text.length - offset.length : text.length;
    milli = Math.round(digits(text, 20, end - 20) * 10 ** (3 - (end - 20)));
  }
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  // Day 0 of the next month is the last day of this one.
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  let ms = Date.UTC(year, month - 1, day, hour, minute, second, milli);
  // Date.UTC reads years 0–99 as 1900–1999; a file's year is as written.
  if (year < 100) ms = new Date(ms).setUTCFullYear(year);
  if (offset && offset !== 'Z') {
    const sign = offset.charCodeAt(0) === 45 ? -1 : 1; // '-'
    const offsetHours = digits(offset, 1, 2);
    const offsetMinutes = digits(offset, offset.length - 2, 2);
    if (offsetHours > 23 || offsetMinutes > 59) return null;
    ms -= sign * (offsetHours * 60 + offsetMinutes) * 60_000;
  }
  return ms;
}

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
  // The usual export format, read without a parser: most rows of a large file take this path, so
  // it computes the instant from the digits, making no strings but the answer.
  const plain = PLAIN_ISO.exec(text);
  if (plain && (plain[2] || zone === 'UTC')) {
    const ms = plainIsoMs(text, plain[2]);
    if (ms !== null) return new Date(ms).toISOString();
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
