import type { IntakeServices } from '../services/intake-services.js';
import type { RunDispatcher } from '../services/run-dispatch.js';

/** What buildApp and every route need: the services, where runs are dispatched, where users reach the service. */
export interface ApiDeps {
  services: IntakeServices;
  /** Where every queued run is handed: in-process (embedded) or the workers' queue. */
  launcher: RunDispatcher;
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
