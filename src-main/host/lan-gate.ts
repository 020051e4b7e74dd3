/**
 * The door for wallboard devices, shared by every listener that accepts them (the LAN listener
 * and the console's own): who a device token belongs to, how many sockets each device and all of
 * them together may hold, and closing a device's sockets the moment it is revoked.
 */
import type { DeviceConnections } from '../core/wallboard/lan-link.js';
import type { DeviceRecord, DeviceRegistry } from '../core/wallboard/devices.js';
import { errorMessage } from '../../src-shared/errors.js';

/** Close code and reason when a limit is reached: the TV retries later by itself. */
export const CLOSE_TOO_MANY_CONNECTIONS = 1013;
/** Close code when the device was revoked while connected. */
export const CLOSE_DEVICE_REVOKED = 1008;

export const DEFAULT_MAX_DEVICE_CONNECTIONS = 20;
export const DEFAULT_MAX_CONNECTIONS_PER_DEVICE = 4;

/** What the gate needs of a socket: closing it with a code and a reason. */
export interface ClosableSocket {
  close(code: number, reason: string): void;
}

export type Admission = { readonly ok: true; readonly release: () => void } | { readonly ok: false; readonly code: number; readonly reason: string };

export interface DeviceGate {
  readonly maxConnections: number;
  readonly maxPerDevice: number;
  /** The device a token belongs to, or null for an unknown or revoked one. */
  authenticate(token: string): DeviceRecord | null;
  /** Counts an open socket in, or says why it must be closed. Call `release` when it closes. */
  admit(device: DeviceRecord, socket: ClosableSocket, remoteAddress: string | null): Admission;
  connections(): ReadonlyMap<string, DeviceConnections>;
  /** Closes every socket of the device now. */
  disconnect(deviceId: string): void;
}

export interface DeviceGateOptions {
  readonly devices: DeviceRegistry;
  readonly maxConnections?: number;
  readonly maxPerDevice?: number;
  readonly now?: () => number;
}

interface OpenSocket {
  readonly socket: ClosableSocket;
  readonly remoteAddress: string | null;
}

export function createDeviceGate(options: DeviceGateOptions): DeviceGate {
  const maxConnections = options.maxConnections ?? DEFAULT_MAX_DEVICE_CONNECTIONS;
  const maxPerDevice = options.maxPerDevice ?? DEFAULT_MAX_CONNECTIONS_PER_DEVICE;
  const now = options.now ?? Date.now;
  const open = new Map<string, OpenSocket[]>();
  let total = 0;

  /** Last-seen bookkeeping must never break a socket: on shutdown the store may already be closed. */
  const touch = (deviceId: string, remoteAddress: string | null): void => {
    try {
      options.devices.touch(deviceId, now(), remoteAddress);
    } catch (error) {
      console.error(`[lan] could not record when device ${deviceId} was last seen: ${errorMessage(error)}`);
    }
  };

  const remove = (deviceId: string, entry: OpenSocket): boolean => {
    const list = open.get(deviceId);
    const index = list?.indexOf(entry) ?? -1;
    if (list === undefined || index < 0) return false;
    list.splice(index, 1);
    if (list.length === 0) open.delete(deviceId);
    total -= 1;
    return true;
  };

  return {
    maxConnections,
    maxPerDevice,
    authenticate: (token) => options.devices.authenticate(token),
    admit(device, socket, remoteAddress) {
      if (total >= maxConnections) return { ok: false, code: CLOSE_TOO_MANY_CONNECTIONS, reason: `Too many wallboard connections (limit ${maxConnections})` };
      const list = open.get(device.deviceId) ?? [];
      if (list.length >= maxPerDevice) return { ok: false, code: CLOSE_TOO_MANY_CONNECTIONS, reason: `Too many connections for this device (limit ${maxPerDevice})` };
      const entry: OpenSocket = { socket, remoteAddress };
      open.set(device.deviceId, [...list, entry]);
      total += 1;
      touch(device.deviceId, remoteAddress);
      return {
        ok: true,
        release: () => {
          if (remove(device.deviceId, entry)) touch(device.deviceId, null);
        },
      };
    },
    connections() {
      const result = new Map<string, DeviceConnections>();
      for (const [deviceId, list] of open) result.set(deviceId, { connections: list.length, remoteAddress: list[list.length - 1]?.remoteAddress ?? null });
      return result;
    },
    disconnect(deviceId) {
      for (const entry of [...(open.get(deviceId) ?? [])]) {
        remove(deviceId, entry);
        entry.socket.close(CLOSE_DEVICE_REVOKED, 'This wallboard device was revoked');
      }
    },
  };
}
