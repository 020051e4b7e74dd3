/**
 * Where the wallboard area (in the core) and the LAN listener (in the host, or the desktop app's
 * core process) meet. The core cannot see sockets and the host cannot see the wallboard tables, so
 * each side gets one half: the listener attaches a LanController and authenticates devices through
 * the registry; the area turns LAN serving on and off and reads connection figures through the
 * controller. One link per store, because one store means one console.
 */
import type { LanServing } from '../../../src-shared/api/wallboard.js';
import type { Store } from '../store/store.js';
import { createDeviceRegistry, createLanSettings, type DeviceRegistry } from './devices.js';

/** Open connections of one device now. */
export interface DeviceConnections {
  readonly connections: number;
  /** Address of its most recent open connection. */
  readonly remoteAddress: string | null;
}

/** What the process that owns the sockets offers the wallboard area. */
export interface LanController {
  /** Starts or stops the LAN listener; resolves with what is served afterwards. Rejects with a readable reason. */
  setEnabled(enabled: boolean): Promise<LanServing>;
  status(): LanServing;
  /** The address a new device opens: a LAN URL with the token in its fragment, or null when none can be made. */
  deviceUrl(token: string): string | null;
  /** Devices with open sockets, on any listener. */
  deviceConnections(): ReadonlyMap<string, DeviceConnections>;
  /** Closes every open socket of a device at once (it was revoked). */
  disconnectDevice(deviceId: string): void;
}

export interface LanLink {
  readonly devices: DeviceRegistry;
  /** Plugs the socket owner in; returns the way to unplug it. A second controller replaces the first. */
  attach(controller: LanController): () => void;
  controller(): LanController | null;
  /** Whether LAN serving should be on: kept in the store so a restart does not darken the TVs. */
  wantsEnabled(): boolean;
  rememberEnabled(enabled: boolean): void;
}

const LAN_SETTING = 'lan';
const links = new WeakMap<Store, LanLink>();

/** The link of a store's console, made on first use. */
export function lanLinkFor(store: Store): LanLink {
  const existing = links.get(store);
  if (existing) return existing;
  const devices = store.repository(createDeviceRegistry);
  const settings = store.repository(createLanSettings);
  let current: LanController | null = null;
  const link: LanLink = {
    devices,
    attach(controller) {
      current = controller;
      return () => {
        if (current === controller) current = null;
      };
    },
    controller: () => current,
    wantsEnabled() {
      const row = settings.read(LAN_SETTING);
      if (!row) return false;
      try {
        return (JSON.parse(row.value) as { enabled?: unknown }).enabled === true;
      } catch {
        return false;
      }
    },
    rememberEnabled(enabled) {
      settings.write(LAN_SETTING, JSON.stringify({ enabled }));
    },
  };
  links.set(store, link);
  return link;
}
