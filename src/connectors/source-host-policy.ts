import { SourceError } from '../core/source-error.js';

/**
 * Which hosts a connector may call: the platform's official host pattern over https, plus hosts
 * the operator listed in INTAKE_EXTRA_SOURCE_HOSTS (proxies, simulators), which may use http.
 * Keeps a misconfigured base URL from sending credentials to an arbitrary server.
 */
export class SourceHostPolicy {
  readonly #extra: ReadonlySet<string>;

  constructor(extraHosts: readonly string[]) {
    this.#extra = new Set(extraHosts.map((h) => h.toLowerCase()));
  }

  /** True when the operator listed this host (with or without its port). */
  isListed(url: URL): boolean {
    const host = url.hostname.toLowerCase();
    return this.#extra.has(url.host.toLowerCase()) || this.#extra.has(host);
  }

  /** Why the URL is not allowed, or null when it is. */
  problem(url: URL, isOfficialHost: (hostname: string) => boolean): string | null {
    const listed = this.isListed(url);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && listed)) {
      return `${url.protocol}//${url.host} is not allowed: use https, or list the host in INTAKE_EXTRA_SOURCE_HOSTS to allow plain http (for simulators and local proxies)`;
    }
    if (!listed && !isOfficialHost(url.hostname.toLowerCase())) {
      return `${url.host} is not an official host of this platform; list it in INTAKE_EXTRA_SOURCE_HOSTS if it is a proxy or simulator you trust`;
    }
    if (url.username || url.password) return 'the URL must not carry a user name or password';
    return null;
  }

  assertAllowed(url: URL, isOfficialHost: (hostname: string) => boolean, platformName: string): void {
    const problem = this.problem(url, isOfficialHost);
    if (problem) {
      throw new SourceError('config', `Intake will not call ${platformName} at this address: ${problem}.`, { path: url.pathname });
    }
  }
}
