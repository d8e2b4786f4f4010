/** A daily window in which a subscription receives nothing; what happens meanwhile waits for its end. */
export interface QuietHours {
  /** Local times, "HH:MM"; start after end spans midnight (22:00–07:00). */
  start: string;
  end: string;
  /** An IANA time zone ("Europe/Paris"); UTC when the subscription names none. */
  timeZone: string;
}

const MINUTE = 60_000;

function minutes(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Minutes since local midnight in the time zone. */
function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  return hour * 60 + minute;
}

export function isQuiet(quiet: QuietHours, at: Date): boolean {
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  if (start === end) return false;
  const now = localMinutes(at, quiet.timeZone);
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/**
 * When the quiet hours around `at` end, or null when `at` is not in them. Walks minute by minute
 * (at most a day), which stays right across daylight-saving changes without date arithmetic.
 */
export function quietUntil(quiet: QuietHours | null, at: Date): Date | null {
  if (!quiet || !isQuiet(quiet, at)) return null;
  let t = Math.floor(at.getTime() / MINUTE) * MINUTE;
  for (let i = 0; i < 24 * 60 + 1; i += 1) {
    t += MINUTE;
    if (!isQuiet(quiet, new Date(t))) return new Date(t);
  }
  return null;
}

/** True when the time zone is one this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return true;
  } catch {
    return false;
  }
}
