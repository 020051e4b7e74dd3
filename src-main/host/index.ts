/** The headless console: the core plus the host serving the renderer, in one Node process. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../core/core.js';
import type { CoreConfig } from '../core/config.js';
import { startHost, type Host } from './server.js';

export interface ConsoleHost {
  readonly core: Core;
  readonly host: Host;
  close(): Promise<void>;
}

/** The host's bundle (dist/host) sits beside the renderer's (dist/renderer). */
export function defaultRendererDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
}

export async function startConsoleHost(
  config: CoreConfig,
  options: { host?: string; port?: number; rendererDir?: string; consoleToken?: string } = {},
): Promise<ConsoleHost> {
  const core = await createCore(config);
  try {
    const host = await startHost({
      api: core.api,
      session: core.defaultSession,
      rendererDir: options.rendererDir ?? defaultRendererDir(),
      host: options.host,
      port: options.port,
      consoleToken: options.consoleToken,
    });
    return {
      core,
      host,
      async close() {
        await host.close();
        await core.close();
      },
    };
  } catch (error) {
    await core.close();
    throw error;
  }
}
