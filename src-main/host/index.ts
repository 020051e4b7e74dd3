/**
 * The headless console: the console runtime (the current core and its connection) plus the host
 * serving the renderer (and LAN wallboards), in one Node process. LAN serving belongs to a core
 * (its devices live in that connection's cache), so it is restarted with each switch.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiService } from '../core/api/api-service.js';
import type { Core } from '../core/core.js';
import { DEFAULT_LAN_CONFIG, type CoreConfig } from '../core/config.js';
import { createApiMessageCounter } from '../core/api/api-connection.js';
import { withConsoleCommands } from './console-commands.js';
import { writeNewConsoleToken } from './console-token.js';
import type { DemoUserChoice } from '../../src-shared/api/connection.js';
import type { SecretVault } from '../core/secrets/secret-vault.js';
import { startConsoleRuntime, type ConsoleRuntime } from '../core/runtime/console-runtime.js';
import type { DeviceGate } from './lan-gate.js';
import { startLanServing, type LanServingHandle } from './lan-serving.js';
import { startHost, type Host } from './server.js';
import { timedStep } from '../core/logging/timed-step.js';

export interface ConsoleHost {
  /** The current connection's core (changes when the console switches connection). */
  readonly core: Core;
  readonly host: Host;
  /** LAN serving of the current core. */
  readonly lan: LanServingHandle;
  readonly runtime: ConsoleRuntime;
  close(): Promise<void>;
}

/** The host's bundle (dist/host) sits beside the renderer's (dist/renderer). */
export function defaultRendererDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
}

/** The device door of whichever core is current; a switch closes the previous one's devices. */
function currentGate(lan: () => LanServingHandle): DeviceGate {
  return {
    get maxConnections() {
      return lan().gate.maxConnections;
    },
    get maxPerDevice() {
      return lan().gate.maxPerDevice;
    },
    authenticate: (token) => lan().gate.authenticate(token),
    admit: (device, socket, remoteAddress) => lan().gate.admit(device, socket, remoteAddress),
    connections: () => lan().gate.connections(),
    disconnect: (deviceId) => lan().gate.disconnect(deviceId),
  };
}

export async function startConsoleHost(
  config: CoreConfig,
  options: {
    host?: string;
    port?: number;
    rendererDir?: string;
    consoleToken?: string;
    lanAddresses?: () => readonly string[];
    vault?: SecretVault;
    demoUsers?: readonly DemoUserChoice[];
    probeTimeoutMs?: number;
    sourceMaps?: boolean;
  } = {},
): Promise<ConsoleHost> {
  const rendererDir = options.rendererDir ?? defaultRendererDir();
  // One count of every API message, console and LAN sockets alike (console.diagnostics).
  const messageCounts = createApiMessageCounter();
  let lan: LanServingHandle | null = null;
  // LAN serving starts beside the first core, before the runtime is returned: it reaches the
  // runtime's (stable) API through this late binding.
  let started: ConsoleRuntime | null = null;
  const runtimeApi = (): ApiService => {
    if (started === null) throw new Error('The console is still starting.');
    return started.api;
  };
  const lateApi: ApiService = {
    query: (session, query, origin) => runtimeApi().query(session, query, origin),
    subscribe: (session, subscription, listener) => runtimeApi().subscribe(session, subscription, listener),
    command: (session, command, commandId) => runtimeApi().command(session, command, commandId),
    close: () => Promise.resolve(),
  };
  const runtime = await startConsoleRuntime({
    config,
    vault: options.vault,
    demoUsers: options.demoUsers,
    probeTimeoutMs: options.probeTimeoutMs,
    async attach(core) {
      const serving = startLanServing({ api: lateApi, store: core.store, rendererDir, config: config.lan ?? DEFAULT_LAN_CONFIG, addresses: options.lanAddresses, messageCounts });
      lan = serving;
      await serving.restore();
      return async () => {
        // The devices of this cache go with it: close their sockets on the console port too.
        for (const deviceId of serving.gate.connections().keys()) serving.gate.disconnect(deviceId);
        await serving.close();
        if (lan === serving) lan = null;
      };
    },
  });
  started = runtime;
  const currentLan = (): LanServingHandle => {
    if (lan === null) throw new Error('LAN serving is between connections.');
    return lan;
  };
  let host: Host | null = null;
  const consoleApi = withConsoleCommands(runtime.api, {
    counts: messageCounts,
    rotateToken: () => {
      if (host === null) throw new Error('the console is still starting');
      const token = writeNewConsoleToken(config.dataDir);
      return { token, consoleUrl: host.replaceConsoleToken(token) };
    },
  });
  try {
    const running = await startHost({
      api: runtime.api,
      sessions: runtime.sessions,
      consoleApi,
      messageCounts,
      rendererDir,
      host: options.host,
      port: options.port,
      consoleToken: options.consoleToken,
      devices: currentGate(currentLan),
      sourceMaps: options.sourceMaps,
    });
    host = running;
    return {
      get core() {
        return runtime.core();
      },
      host: running,
      get lan() {
        return currentLan();
      },
      runtime,
      async close() {
        await timedStep('close', 'console server closed', () => running.close());
        await timedStep('close', 'console runtime closed', () => runtime.close());
      },
    };
  } catch (error) {
    await runtime.close();
    throw error;
  }
}
