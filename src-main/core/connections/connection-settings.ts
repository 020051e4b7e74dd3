/**
 * The saved connections of this console (ADR 0017): the simulated floor (always there, the default a
 * newcomer sees) and remote feeds, with the one in use. Kept as owner-only JSON in the data dir;
 * feed tokens never go in it: they live in the SecretVault under a name derived from the
 * connection id, and nothing here hands them to the UI.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { ConnectionDraft, ConnectionSummary } from '../../../src-shared/api/connection.js';
import { errorMessage } from '../../../src-shared/errors.js';
import { writePrivateFile } from '../private-files.js';
import type { SecretVault } from '../secrets/secret-vault.js';

export const CONNECTIONS_FILE = 'connections.json';
/** The simulated floor's connection id: there is exactly one, and it cannot be forgotten. */
export const EMBEDDED_CONNECTION_ID = 'embedded';

export interface StoredConnection {
  readonly connectionId: string;
  readonly kind: 'embedded' | 'remote';
  readonly label: string;
  /** ws:// or wss:// for a remote feed; null for the simulated floor. */
  readonly url: string | null;
  readonly demoUserId: string | null;
}

const storedConnectionSchema = z.object({
  connectionId: z.string().min(1).max(128),
  kind: z.enum(['embedded', 'remote']),
  label: z.string().max(80),
  url: z.string().max(2048).nullable(),
  demoUserId: z.string().max(128).nullable(),
});

const settingsFileSchema = z.object({
  version: z.literal(1),
  currentId: z.string().max(128).nullable(),
  connections: z.array(storedConnectionSchema).max(200),
});
type SettingsFile = z.infer<typeof settingsFileSchema>;

export interface ConnectionSettings {
  /** The JSON file (for messages and tests). */
  readonly path: string;
  list(): readonly StoredConnection[];
  get(connectionId: string): StoredConnection | null;
  /** The connection chosen last; null until one was ever chosen (first run). */
  currentId(): string | null;
  /** The saved token of a remote feed; null when none is kept. Only the runtime calls this, to connect. */
  token(connectionId: string): string | null;
  save(draft: ConnectionDraft): StoredConnection;
  setCurrent(connectionId: string): void;
  forget(connectionId: string): void;
}

const EMBEDDED: StoredConnection = { connectionId: EMBEDDED_CONNECTION_ID, kind: 'embedded', label: 'Simulated floor', url: null, demoUserId: null };

/** The vault name of a connection's token (the vault accepts a-z, 0-9, ".", "_" and "-"). */
export function tokenSecretName(connectionId: string): string {
  return `feed-token.${connectionId}`;
}

/** A feed's address as shown and stored: no user, password, query or fragment (a token must not hide in a URL). */
export function displayUrl(url: string): string {
  const shown = new URL(url);
  shown.username = '';
  shown.password = '';
  shown.search = '';
  shown.hash = '';
  return shown.toString();
}

/** A feed's address as kept: its query stays (a feed may need one), credentials in the URL do not. */
function storedUrl(url: string): string {
  const kept = new URL(url);
  kept.username = '';
  kept.password = '';
  kept.hash = '';
  return kept.toString();
}

/** The label a remote feed is listed under when the user gave none: its host. */
function defaultLabel(url: string): string {
  return new URL(url).host || url;
}

/** What the UI may know of a connection: never its token, only whether one is kept. */
export function summarize(connection: StoredConnection, hasToken: boolean): ConnectionSummary {
  const url = connection.url === null ? null : displayUrl(connection.url);
  return { connectionId: connection.connectionId, kind: connection.kind, label: connection.label, url, demoUserId: connection.demoUserId, hasToken };
}

function readSettingsFile(path: string): SettingsFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, currentId: null, connections: [] };
    throw new Error(`Cannot read the connection settings ${path}: ${errorMessage(error)}`);
  }
  try {
    return settingsFileSchema.parse(JSON.parse(text));
  } catch (error) {
    // A damaged file must not keep the console from starting: set it aside and begin again.
    const movedTo = `${path}.damaged-${Date.now()}`;
    renameSync(path, movedTo);
    console.error(`[connections] ${path} could not be read (${errorMessage(error).slice(0, 200)}); moved to ${movedTo}, starting with the simulated floor.`);
    return { version: 1, currentId: null, connections: [] };
  }
}

/** Opens (or starts) the connection settings of a data dir; tokens go to and come from `vault`. */
export function openConnectionSettings(options: { readonly dataDir: string; readonly vault: SecretVault }): ConnectionSettings {
  const path = join(options.dataDir, CONNECTIONS_FILE);
  let file = readSettingsFile(path);
  const remote = (): StoredConnection[] => file.connections.filter((connection) => connection.kind === 'remote');
  const embedded = (): StoredConnection => file.connections.find((connection) => connection.kind === 'embedded') ?? EMBEDDED;

  function write(next: SettingsFile): void {
    writePrivateFile(path, `${JSON.stringify(next, null, 2)}\n`);
    file = next;
  }

  function list(): StoredConnection[] {
    return [embedded(), ...remote()];
  }

  function get(connectionId: string): StoredConnection | null {
    return list().find((connection) => connection.connectionId === connectionId) ?? null;
  }

  return {
    path,
    list,
    get,
    currentId: () => (file.currentId !== null && get(file.currentId) !== null ? file.currentId : null),
    token(connectionId) {
      const token = options.vault.read(tokenSecretName(connectionId));
      return token === null || token.length === 0 ? null : token;
    },
    save(draft) {
      if (draft.kind === 'embedded') {
        const next: StoredConnection = { ...EMBEDDED, demoUserId: draft.demoUserId };
        write({ ...file, connections: [next, ...remote()] });
        return next;
      }
      const existing = draft.connectionId === undefined ? null : get(draft.connectionId);
      if (draft.connectionId !== undefined && (existing === null || existing.kind !== 'remote')) throw new Error(`No saved feed ${draft.connectionId}.`);
      const connectionId = existing?.connectionId ?? `feed-${randomBytes(6).toString('hex')}`;
      const url = storedUrl(draft.url);
      const next: StoredConnection = { connectionId, kind: 'remote', label: draft.label.length > 0 ? draft.label : defaultLabel(url), url, demoUserId: null };
      // The token first: a file naming a feed whose token was lost is worse than an unused token.
      if (draft.token !== undefined) options.vault.write(tokenSecretName(connectionId), draft.token);
      const others = remote().filter((connection) => connection.connectionId !== connectionId);
      write({ ...file, connections: [embedded(), ...others, next] });
      return next;
    },
    setCurrent(connectionId) {
      if (get(connectionId) === null) throw new Error(`No saved connection ${connectionId}.`);
      write({ ...file, currentId: connectionId, connections: [embedded(), ...remote()] });
    },
    forget(connectionId) {
      const connection = get(connectionId);
      if (connection === null) throw new Error(`No saved connection ${connectionId}.`);
      if (connection.kind === 'embedded') throw new Error('The simulated floor is always there; it cannot be forgotten.');
      options.vault.write(tokenSecretName(connectionId), '');
      write({ ...file, currentId: file.currentId === connectionId ? null : file.currentId, connections: [embedded(), ...remote().filter((other) => other.connectionId !== connectionId)] });
    },
  };
}
