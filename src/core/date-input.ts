import { z } from 'zod';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Date-times as ISO 8601 writes them: a day, T (or a space), hours and minutes, optional seconds and fraction, optional zone. */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Why a YYYY-MM-DD text is not a day of the calendar, or null when it is one. */
export function calendarDayProblem(value: string): string | null {
  const match = DAY.exec(value);
  if (!match) return `must be a date written YYYY-MM-DD (e.g. 2025-03-01), not "${value.slice(0, 40)}"`;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) return `"${value}" is not a real calendar date: there is no month ${match[2]}; write YYYY-MM-DD with a month from 01 to 12`;
  const days = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeapYear(year) ? 1 : 0);
  if (day < 1 || day > days) return `"${value}" is not a real calendar date: ${MONTHS[month - 1]} ${year} has days 01 to ${days}`;
  return null;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Why a text is neither a calendar day nor an ISO-8601 date-time, or null when it is one. */
export function instantProblem(value: string): string | null {
  const dateTime = DATE_TIME.exec(value);
  const day = dateTime ? dateTime[1]! : value;
  if (!dateTime && !DAY.test(value)) {
    return `must be a date (YYYY-MM-DD) or an ISO-8601 date-time (e.g. 2025-03-01 or 2025-03-01T09:30:00Z), not "${value.slice(0, 40)}"`;
  }
  const dayProblem = calendarDayProblem(day);
  if (dayProblem) return dayProblem;
  if (dateTime && (Number(dateTime[2]) > 23 || Number(dateTime[3]) > 59 || Number(dateTime[4] ?? 0) > 59)) {
    return `"${value}" is not a real time of day: hours go from 00 to 23, minutes and seconds from 00 to 59`;
  }
  if (Number.isNaN(Date.parse(day === value ? `${value}T00:00:00Z` : value))) return `"${value.slice(0, 40)}" is not a date Intake can read; write it like 2025-03-01T09:30:00Z`;
  return null;
}

/** A day of the calendar, written YYYY-MM-DD: anything else is refused with what is wrong and how to write it. */
export const calendarDaySchema = z.string().superRefine((value, ctx) => {
  const problem = calendarDayProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** A day (midnight UTC) or an ISO-8601 date-time, normalised to an ISO UTC timestamp. */
export const instantInputSchema = z
  .string()
  .max(40, 'must be at most 40 characters, e.g. 2025-03-01 or 2025-03-01T09:30:00Z')
  .superRefine((value, ctx) => {
    const problem = instantProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((value) => new Date(DAY.test(value) ? `${value}T00:00:00Z` : value).toISOString());
