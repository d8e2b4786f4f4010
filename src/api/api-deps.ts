import type { IntakeServices } from '../services/intake-services.js';
import type { RunLauncher } from '../services/run-launcher.js';

/** What buildApp and every route need: the services, a way to start runs, where users reach the service. */
export interface ApiDeps {
  services: IntakeServices;
  launcher: RunLauncher;
  /**
   * Where users reach the service, for links; also decides whether cookies are Secure. A function
   * when the address is only known once the server listens (PORT=0).
   */
  publicUrl: string | (() => string);
  /** Sign-in attempts allowed per address per minute. */
  loginAttemptsPerMinute?: number;
  /** The built web UI (dist/web) to serve at `/`; null serves the API alone. */
  webRoot?: string | null;
  /**
   * The reverse proxies whose X-Forwarded-For is believed (addresses or CIDR ranges, or a number of
   * hops), so the per-address sign-in limit counts each user, not the proxy. Null: none.
   */
  trustedProxies?: readonly string[] | number | null;
  /** Push requests allowed per API token (or user) a minute; 120 when left out. */
  pushRequestsPerMinute?: number;
}
