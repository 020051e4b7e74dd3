/**
 * LAN serving for a running core: the device gate (used by the console's listener too), the LAN
 * listener started and stopped on the supervisor's word, and the LanController the wallboard
 * area drives. The host and the desktop app's core process both start it, so a TV works the same
 * whichever runs the console.
 */
import { hostname, networkInterfaces } from 'node:os';
import type { LanServing } from '../../src-shared/api/wallboard.js';
import type { ApiMessageCounter } from '../core/api/api-connection.js';
import type { ApiService } from '../core/api/api-service.js';
import type { LanConfig } from '../core/config.js';
import type { Store } from '../core/store/store.js';
import { lanLinkFor, type LanController } from '../core/wallboard/lan-link.js';
import { createDeviceGate, type DeviceGate } from './lan-gate.js';
import { startLanServer, type LanServer } from './lan-server.js';
import { errorMessage } from '../../src-shared/errors.js';

export interface LanServingOptions {
  readonly api: ApiService;
  readonly store: Store;
  readonly rendererDir: string;
  readonly config: LanConfig;
  /** IPv4 addresses a TV can reach this machine at (default: every non-internal interface). */
  readonly addresses?: () => readonly string[];
  readonly hostName?: string;
  readonly now?: () => number;
  /** Counts every API message of the LAN sockets (shared with the console's, see console.diagnostics). */
  readonly messageCounts?: ApiMessageCounter;
}

export interface LanServingHandle {
  readonly gate: DeviceGate;
  readonly controller: LanController;
  /** Starts the listener when the supervisor left it on before the last shutdown. Never rejects. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** Every non-internal IPv4 address of this machine. */
export function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((entries) => entries ?? [])
    .filter((entry) => entry.family === 'IPv4' && !entry.internal)
    .map((entry) => entry.address);
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}

export function startLanServing(options: LanServingOptions): LanServingHandle {
  const link = lanLinkFor(options.store);
  const gate = createDeviceGate({
    devices: link.devices,
    maxConnections: options.config.maxConnections,
    maxPerDevice: options.config.maxConnectionsPerDevice,
    now: options.now,
  });
  const machineName = options.hostName ?? hostname();
  const addresses = options.addresses ?? lanAddresses;
  let server: LanServer | null = null;
  /** One start or stop at a time: a second click waits for the first. */
  let pending: Promise<unknown> = Promise.resolve();

  function bases(port: number): string[] {
    const hosts = isWildcard(options.config.host) ? addresses() : [options.config.host];
    const shown = hosts.length > 0 ? hosts : [machineName];
    return shown.map((host) => `http://${host.includes(':') ? `[${host}]` : host}:${port}/`);
  }

  function status(): LanServing {
    return { enabled: server !== null, urls: server === null ? [] : bases(server.port), maxConnections: gate.maxConnections };
  }

  async function setEnabled(enabled: boolean): Promise<LanServing> {
    if (enabled && server === null) {
      server = await startLanServer({
        api: options.api,
        gate,
        rendererDir: options.rendererDir,
        host: options.config.host,
        port: options.config.port,
        hostNames: [machineName, `${machineName}.local`],
        messageCounts: options.messageCounts,
      }).catch((error: unknown) => {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new Error(`port ${options.config.port} is in use; choose another with --lan-port N`);
        throw error;
      });
    } else if (!enabled && server !== null) {
      const closing = server;
      server = null;
      await closing.close();
    }
    return status();
  }

  const controller: LanController = {
    setEnabled(enabled) {
      const next = pending.then(() => setEnabled(enabled));
      pending = next.catch(() => undefined);
      return next;
    },
    status,
    deviceUrl(token) {
      const port = server?.port ?? options.config.port;
      if (port === 0) return null;
      const base = bases(port)[0];
      // The route comes first so the page shows the board (not the console) while it connects.
      return base === undefined ? null : `${base}#/wallboard?token=${encodeURIComponent(token)}`;
    },
    deviceConnections: () => gate.connections(),
    disconnectDevice: (deviceId) => gate.disconnect(deviceId),
  };
  const detach = link.attach(controller);

  return {
    gate,
    controller,
    async restore() {
      if (!link.wantsEnabled()) return;
      try {
        await controller.setEnabled(true);
      } catch (error) {
        console.error(`[lan] wallboard LAN serving could not start: ${errorMessage(error)}`);
      }
    },
    async close() {
      detach();
      await controller.setEnabled(false).catch(() => undefined);
    },
  };
}
