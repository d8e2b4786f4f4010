/** What a request without Intercom-Version gets: the app's own version from the Developer Hub. */
export const DEFAULT_APP_VERSION = '2.11';

const KNOWN = /^(1\.[0-4]|2\.(?:[0-9]|1[0-7]))$/;

/**
 * Why the simulator refuses the requested API version, or null. The real API still serves versions
 * older than 2.11; the simulator refuses them (as Intercom refuses a resource a version lacks) because
 * the wire format it speaks is 2.11's: a client asking for 2.6 would be told the truth, not fed 2.11
 * shapes. DELETE /conversations/{id} exists from 2.14.
 */
export function apiVersionProblem(header: string | string[] | undefined, minimum: '2.11' | '2.14'): string | null {
  const requested = (Array.isArray(header) ? header[0] : header)?.trim() || DEFAULT_APP_VERSION;
  if (requested === 'Unstable') return null;
  if (!KNOWN.test(requested)) return `Requested version ${JSON.stringify(requested)} is not a valid API version`;
  const [major, minor] = requested.split('.').map(Number) as [number, number];
  const [needMajor, needMinor] = minimum.split('.').map(Number) as [number, number];
  if (major < needMajor || (major === needMajor && minor < needMinor)) return 'Requested resource is not available in current API version';
  return null;
}
