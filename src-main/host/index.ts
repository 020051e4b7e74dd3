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
import { createApiMessageCounter, type ApiMessageCounter } from '../core/api/message-counter.js';
import { writeNewConsoleToken } from './console-token.js';
import type { DemoUserChoice } from '../../src-shared/api/connection.js';
import type { SecretVault } from '../core/secrets/secret-vault.js';
import type { ConsoleRuntime } from '../core/runtime/console-runtime.js';
import type { DeviceGate } from './lan-gate.js';
import type { LanServingHandle } from './lan-serving.js';
import { listenHost, type Host } from './server.js';
import { errorMessage } from '../../src-shared/errors.js';
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
    /** Called once the console's address serves the page, before the core has opened its cache. */
    onListening?: (host: Host) => void;
  } = {},
): Promise<ConsoleHost> {
  const rendererDir = options.rendererDir ?? defaultRendererDir();
  // One count of every API message, console and LAN sockets alike (console.diagnostics).
  const messageCounts = createApiMessageCounter();
  // The page first: it shows its loading state while the core opens the cache, and its socket
  // waits for the core (ADR 0048, addendum).
  const host = await listenHost({ rendererDir, host: options.host, port: options.port, consoleToken: options.consoleToken, sourceMaps: options.sourceMaps, messageCounts });
  options.onListening?.(host);
  await host.firstPage;
  let lan: LanServingHandle | null = null;
  const currentLan = (): LanServingHandle => {
    if (lan === null) throw new Error('LAN serving is between connections.');
    return lan;
  };
  let runtime: ConsoleRuntime | null = null;
  try {
    const [started, { withConsoleCommands }] = await Promise.all([
      startRuntimeFor(config, options, {
        rendererDir,
        messageCounts,
        onLan: (serving) => (lan = serving),
        offLan: (serving) => {
          if (lan === serving) lan = null;
        },
      }),
      import('./console-commands.js'),
    ]);
    runtime = started;
    const consoleApi = withConsoleCommands(started.api, {
      counts: messageCounts,
      rotateToken: () => {
        const token = writeNewConsoleToken(config.dataDir);
        return { token, consoleUrl: host.replaceConsoleToken(token) };
      },
    });
    await host.bind({ api: started.api, sessions: started.sessions, consoleApi, devices: currentGate(currentLan) });
  } catch (error) {
    host.fail(errorMessage(error));
    await host.close();
    await runtime?.close();
    throw error;
  }
  const running = runtime;
  return {
    get core() {
      return running.core();
    },
    host,
    get lan() {
      return currentLan();
    },
    runtime: running,
    async close() {
      await timedStep('close', 'console server closed', () => host.close());
      await timedStep('close', 'console runtime closed', () => running.close());
    },
  };
}

/**
 * The console runtime, with LAN serving beside each core. The core's modules are loaded here, after
 * the host listens, so the page is served while Node compiles them.
 */
async function startRuntimeFor(
  config: CoreConfig,
  options: { vault?: SecretVault; demoUsers?: readonly DemoUserChoice[]; probeTimeoutMs?: number; lanAddresses?: () => readonly string[] },
  lanOptions: { rendererDir: string; messageCounts: ApiMessageCounter; onLan: (serving: LanServingHandle) => void; offLan: (serving: LanServingHandle) => void },
): Promise<ConsoleRuntime> {
  const [{ startConsoleRuntime }, { startLanServing }] = await Promise.all([import('../core/runtime/console-runtime.js'), import('./lan-serving.js')]);
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
  started = await startConsoleRuntime({
    config,
    vault: options.vault,
    demoUsers: options.demoUsers,
    probeTimeoutMs: options.probeTimeoutMs,
    async attach(core) {
      const serving = startLanServing({
        api: lateApi,
        store: core.store,
        rendererDir: lanOptions.rendererDir,
        config: config.lan ?? DEFAULT_LAN_CONFIG,
        addresses: options.lanAddresses,
        messageCounts: lanOptions.messageCounts,
      });
      lanOptions.onLan(serving);
      await serving.restore();
      return async () => {
        // The devices of this cache go with it: close their sockets on the console port too.
        for (const deviceId of serving.gate.connections().keys()) serving.gate.disconnect(deviceId);
        await serving.close();
        lanOptions.offLan(serving);
      };
    },
  });
  return started;
}
