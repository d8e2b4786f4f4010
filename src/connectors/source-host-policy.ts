import { z } from 'zod';
import { SourceError } from '../core/source-error.js';

/** One allowed extra host as the operator writes it: a host name or address, optionally with :port. */
export const sourceHostEntrySchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value) => !/^[a-z][a-z0-9+.-]*:\/\//.test(value), {
    message: 'must be the host only, without http:// or a path (e.g. 127.0.0.1:4010)',
    abort: true,
  })
  .refine((value) => /^[a-z0-9.-]+(:\d{1,5})?$/.test(value) && Number(value.split(':')[1] ?? 1) <= 65535, {
    message: 'must be a host name or address, optionally with :port from 1 to 65535 (e.g. 127.0.0.1:4010)',
  });

export interface SourceHostPolicyOptions {
  /**
   * Reads the hosts the operator allowed (shared by every Intake process). The policy re-reads them
   * when its copy is older than `maxAgeMs`, and again before refusing a host, so a host allowed from
   * the command line works in a running service at once.
   */
  load?: () => Promise<readonly string[]>;
  maxAgeMs?: number;
  now?: () => number;
}

/** The command that allows a host, for messages: the fix is one command away. */
export function allowCommand(url: URL): string {
  return `intake source-hosts allow ${url.host.toLowerCase()}`;
}

/**
 * Which hosts a connector may call: the platform's official host pattern over https, plus hosts
 * the operator allowed (proxies, simulators), which may use http. Keeps a misconfigured base URL
 * from sending credentials to an arbitrary server.
 */
export class SourceHostPolicy {
  readonly #fixed: ReadonlySet<string>;
  readonly #options: SourceHostPolicyOptions;
  #stored: ReadonlySet<string> = new Set();
  #loadedAt = Number.NEGATIVE_INFINITY;
  #loading: Promise<void> | null = null;

  /** `extraHosts` are always allowed (the sandbox's own simulator, tests); `load` adds the stored ones. */
  constructor(extraHosts: readonly string[], options: SourceHostPolicyOptions = {}) {
    this.#fixed = new Set(extraHosts.map((h) => h.toLowerCase()));
    this.#options = options;
  }

  /** Reads the stored hosts now (one read at a time; callers arriving meanwhile share it). */
  async refresh(): Promise<void> {
    const load = this.#options.load;
    if (!load) return;
    this.#loading ??= load()
      .then((hosts) => {
        this.#stored = new Set(hosts.map((h) => h.toLowerCase()));
        this.#loadedAt = this.#now();
      })
      .finally(() => {
        this.#loading = null;
      });
    await this.#loading;
  }

  /** True when the operator allowed this host (with or without its port). */
  isListed(url: URL): boolean {
    const host = url.hostname.toLowerCase();
    const withPort = url.host.toLowerCase();
    return this.#fixed.has(withPort) || this.#fixed.has(host) || this.#stored.has(withPort) || this.#stored.has(host);
  }

  /** Why the URL is not allowed, or null when it is — judged on the hosts read so far (see `check`). */
  problem(url: URL, isOfficialHost: (hostname: string) => boolean): string | null {
    const listed = this.isListed(url);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && listed)) {
      return `${url.protocol}//${url.host} is not allowed: use https, or allow the host with \`${allowCommand(url)}\` to permit plain http (for simulators and local proxies)`;
    }
    if (!listed && !isOfficialHost(url.hostname.toLowerCase())) {
      return `${url.host} is not an official host of this platform; if it is a proxy or simulator you trust, allow it with \`${allowCommand(url)}\``;
    }
    if (url.username || url.password) return 'the URL must not carry a user name or password';
    return null;
  }

  /** `problem` against the stored hosts as they are now: re-read when stale, and before refusing. */
  async check(url: URL, isOfficialHost: (hostname: string) => boolean): Promise<string | null> {
    const stale = this.#now() - this.#loadedAt > (this.#options.maxAgeMs ?? 5_000);
    if (this.#options.load && stale) await this.refresh();
    const problem = this.problem(url, isOfficialHost);
    if (!problem || !this.#options.load || stale) return problem;
    await this.refresh();
    return this.problem(url, isOfficialHost);
  }

  async assertAllowed(url: URL, isOfficialHost: (hostname: string) => boolean, platformName: string): Promise<void> {
    const problem = await this.check(url, isOfficialHost);
    if (problem) {
      throw new SourceError('config', `Intake will not call ${platformName} at this address: ${problem}.`, { path: url.pathname });
    }
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }
}
