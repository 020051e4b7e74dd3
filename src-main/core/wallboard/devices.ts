/**
 * Wallboard devices: a TV (or any browser) that may show boards over the LAN, each with its own
 * token. Only the token's SHA-256 is stored, so a copy of the database cannot open a board; the
 * token itself is handed out once, inside the device's link. Tokens never expire (a wallboard
 * must never log itself out); a device ends by being revoked.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { StoreConnection } from '../store/connection.js';
import type { WallboardDevice } from '../../../src-shared/api/wallboard.js';
import type { Session } from '../api/session.js';

/** A stored device, without live connection figures (the LAN listener knows those). */
export interface DeviceRecord {
  readonly deviceId: string;
  readonly name: string;
  readonly createdAt: number;
  readonly createdBy: string;
  /** The creator's queue scope when the device was made (null: every queue): all the device may show. */
  readonly queueScope: readonly string[] | null;
  readonly revokedAt: number | null;
  readonly lastSeenAt: number | null;
  readonly lastAddress: string | null;
}

export interface DeviceRegistry {
  /** Makes a device and its token; the token is not kept and cannot be read again. */
  create(name: string, creator: Pick<Session, 'userId' | 'queueScope'>, at: number): { readonly device: DeviceRecord; readonly token: string };
  /** Marks a device revoked (once: a second revoke keeps the first time). Null for an unknown id. */
  revoke(deviceId: string, at: number): DeviceRecord | null;
  get(deviceId: string): DeviceRecord | null;
  /** Newest first. */
  list(): readonly DeviceRecord[];
  /** The device a token belongs to, or null for an unknown or revoked token. */
  authenticate(token: string): DeviceRecord | null;
  /** Records that the device connected, and from where. */
  touch(deviceId: string, at: number, address: string | null): void;
}

/** Longest token accepted for a lookup: anything longer is not one of ours. */
const MAX_TOKEN_LENGTH = 256;

interface DeviceRow {
  device_id: string;
  name: string;
  created_at: number;
  created_by: string;
  queue_scope: string;
  revoked_at: number | null;
  last_seen_at: number | null;
  last_address: string | null;
}

function toRecord(row: DeviceRow): DeviceRecord {
  return {
    deviceId: row.device_id,
    name: row.name,
    createdAt: row.created_at,
    createdBy: row.created_by,
    queueScope: parseQueueScope(row.queue_scope),
    revokedAt: row.revoked_at,
    lastSeenAt: row.last_seen_at,
    lastAddress: row.last_address,
  };
}

/** A stored scope; anything unreadable is no queue at all, never every queue. */
function parseQueueScope(text: string): readonly string[] | null {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null) return null;
    if (Array.isArray(parsed)) return parsed.filter((queueId): queueId is string => typeof queueId === 'string');
  } catch {
    // Fall through: fail closed.
  }
  return [];
}

/** Hex SHA-256 of a token: what the database keeps instead of the token. */
export function hashDeviceToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * The session a device's sockets run under, on any listener.
 *
 * The wallboard role (read-only tiles) within its creator's queue scope: a device is a way to
 * show what its creator may see on a TV, never a way to see more.
 */
export function deviceSession(device: Pick<DeviceRecord, 'deviceId' | 'name' | 'queueScope'>): Session {
  return { userId: `device:${device.deviceId}`, displayName: device.name, role: 'wallboard', queueScope: device.queueScope };
}

/** The contract's view of a device, given its live connection figures. */
export function toWallboardDevice(record: DeviceRecord, live: { readonly connections: number; readonly remoteAddress: string | null } | undefined): WallboardDevice {
  return {
    deviceId: record.deviceId,
    name: record.name,
    createdAt: record.createdAt,
    revokedAt: record.revokedAt,
    lastSeenAt: record.lastSeenAt,
    connections: live?.connections ?? 0,
    remoteAddress: live?.remoteAddress ?? record.lastAddress,
  };
}

export function createDeviceRegistry(db: StoreConnection): DeviceRegistry {
  const statements = {
    insert: db.prepare<[string, string, string, number, string, string]>(
      'INSERT INTO wallboard_devices (device_id, name, token_sha256, created_at, created_by, queue_scope) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    revoke: db.prepare<[number, string]>('UPDATE wallboard_devices SET revoked_at = coalesce(revoked_at, ?) WHERE device_id = ?'),
    get: db.prepare<[string], DeviceRow>('SELECT * FROM wallboard_devices WHERE device_id = ?'),
    list: db.prepare<[], DeviceRow>('SELECT * FROM wallboard_devices ORDER BY created_at DESC, device_id'),
    byHash: db.prepare<[string], DeviceRow>('SELECT * FROM wallboard_devices WHERE token_sha256 = ? AND revoked_at IS NULL'),
    touch: db.prepare<[number, string | null, string]>('UPDATE wallboard_devices SET last_seen_at = ?, last_address = coalesce(?, last_address) WHERE device_id = ?'),
  };

  const get = (deviceId: string): DeviceRecord | null => {
    const row = statements.get.get(deviceId);
    return row ? toRecord(row) : null;
  };

  return {
    create(name, creator, at) {
      const deviceId = `dev-${randomBytes(6).toString('hex')}`;
      const token = randomBytes(32).toString('base64url');
      statements.insert.run(deviceId, name, hashDeviceToken(token), at, creator.userId, JSON.stringify(creator.queueScope));
      return { device: get(deviceId) as DeviceRecord, token };
    },
    revoke(deviceId, at) {
      if (statements.revoke.run(at, deviceId).changes === 0) return null;
      return get(deviceId);
    },
    get,
    list: () => statements.list.all().map(toRecord),
    authenticate(token) {
      if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return null;
      const row = statements.byHash.get(hashDeviceToken(token));
      return row ? toRecord(row) : null;
    },
    touch(deviceId, at, address) {
      statements.touch.run(at, address, deviceId);
    },
  };
}

/** The LAN serving settings (wallboard_settings rows), raw JSON text by key. */
export interface LanSettings {
  read(key: string): { readonly value: string } | undefined;
  write(key: string, value: string): void;
}

/** Prepares the LAN settings statements on the store's connection (Store.repository). */
export function createLanSettings(db: StoreConnection): LanSettings {
  const read = db.prepare<[string], { value: string }>('SELECT value FROM wallboard_settings WHERE key = ?');
  const write = db.prepare<[string, string]>('INSERT INTO wallboard_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  return {
    read: (key) => read.get(key),
    write: (key, value) => {
      write.run(key, value);
    },
  };
}
