/** The headless console: the core plus the host serving the renderer (and LAN wallboards), in one Node process. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../core/core.js';
import { DEFAULT_LAN_CONFIG, type CoreConfig } from '../core/config.js';
import { createApiMessageCounter } from '../core/api/api-connection.js';
import { withConsoleCommands } from './console-commands.js';
import { writeNewConsoleToken } from './console-token.js';
import { startLanServing, type LanServingHandle } from './lan-serving.js';
import { startHost, type Host } from './server.js';

export interface ConsoleHost {
  readonly core: Core;
  readonly host: Host;
  readonly lan: LanServingHandle;
  close(): Promise<void>;
}

/** The host's bundle (dist/host) sits beside the renderer's (dist/renderer). */
export function defaultRendererDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
}

export async function startConsoleHost(
  config: CoreConfig,
  options: { host?: string; port?: number; rendererDir?: string; consoleToken?: string; lanAddresses?: () => readonly string[]; sourceMaps?: boolean } = {},
): Promise<ConsoleHost> {
  const core = await createCore(config);
  const rendererDir = options.rendererDir ?? defaultRendererDir();
  // One count of every API message, console and LAN sockets alike (console.diagnostics).
  const messageCounts = createApiMessageCounter();
  const lan = startLanServing({ api: core.api, store: core.store, rendererDir, config: config.lan ?? DEFAULT_LAN_CONFIG, addresses: options.lanAddresses, messageCounts });
  let started: Host | null = null;
  const consoleApi = withConsoleCommands(core.api, {
    counts: messageCounts,
    rotateToken: () => {
      if (started === null) throw new Error('the console is still starting');
      const token = writeNewConsoleToken(config.dataDir);
      return { token, consoleUrl: started.replaceConsoleToken(token) };
    },
  });
  try {
    const host = await startHost({
      api: core.api,
      sessions: { current: () => core.session(), onChange: (listener) => core.onSessionChange(listener) },
      consoleApi,
      messageCounts,
      rendererDir,
      host: options.host,
      port: options.port,
      consoleToken: options.consoleToken,
      devices: lan.gate,
      sourceMaps: options.sourceMaps,
    });
    started = host;
    await lan.restore();
    return {
      core,
      host,
      lan,
      async close() {
        await lan.close();
        await host.close();
        await core.close();
      },
    };
  } catch (error) {
    await lan.close();
    await core.close();
    throw error;
  }
}
