import type { PlatformDefinition } from './platform.js';
import { aircallPlatform } from './aircall/aircall.platform.js';
import { filePlatform } from './file/file.platform.js';
import { freshdeskPlatform } from './freshdesk/freshdesk.platform.js';
import { genesysPlatform } from './genesys/genesys.platform.js';
import { intercomPlatform } from './intercom/intercom.platform.js';
import { pushPlatform } from './push/push.platform.js';
import { createSandboxPlatform } from './sandbox/sandbox.platform.js';
import { talkdeskPlatform } from './talkdesk/talkdesk.platform.js';
import { zendeskPlatform } from './zendesk/zendesk.platform.js';

export interface PlatformRegistry {
  get(id: string): PlatformDefinition | null;
  list(): PlatformDefinition[];
  /** Stops what platforms run in-process (the sandbox simulator). */
  close(): Promise<void>;
}

/** Every platform Intake can import from, listed explicitly. */
export function createPlatformRegistry(): PlatformRegistry {
  const sandbox = createSandboxPlatform();
  const platforms = new Map<string, PlatformDefinition>([
    [zendeskPlatform.id, zendeskPlatform as PlatformDefinition],
    [freshdeskPlatform.id, freshdeskPlatform as PlatformDefinition],
    [intercomPlatform.id, intercomPlatform as PlatformDefinition],
    [aircallPlatform.id, aircallPlatform as PlatformDefinition],
    [genesysPlatform.id, genesysPlatform as PlatformDefinition],
    [talkdeskPlatform.id, talkdeskPlatform as PlatformDefinition],
    [sandbox.id, sandbox as PlatformDefinition],
    [filePlatform.id, filePlatform as PlatformDefinition],
    [pushPlatform.id, pushPlatform as PlatformDefinition],
  ]);
  return {
    get: (id) => platforms.get(id) ?? null,
    list: () => [...platforms.values()],
    close: () => sandbox.close(),
  };
}
