/** A time as the help-desk APIs write it: whole seconds, `Z` (`2025-03-10T12:00:00Z`). */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
