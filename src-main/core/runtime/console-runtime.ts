/**
 * The console runtime (ADR 0017): owns the current core and the connection settings, and switches
 * at runtime — closes the current core and opens the one for another connection or user, each on
 * its own cache. Transports get one stable ApiService (it forwards to whichever core is current
 * and answers the connection part of the contract itself) and a SessionSource whose change closes
 * every console socket, so the UI reconnects as the new user. Plain Node: the host and the
 * Electron core process both run it.
 */
import { existsSync } from 'node:fs';
import { probeDirectory, StorageUnavailableError } from '../store/storage-errors.js';
import { DEMO_USERS } from '../../sim/demo-users.js';
import { join } from 'node:path';
import type { ConnectionCommandResults, ConnectionOverview, ConnectionSummary, DemoUserChoice } from '../../../src-shared/api/connection.js';
import type { Command, CommandType } from '../../../src-shared/api/contract.js';
import { errorMessage } from '../../../src-shared/errors.js';
import { fail, forbidden, ok, type Result } from '../../../src-shared/result.js';
import type { ApiService } from '../api/api-service.js';
import type { Session, SessionSource } from '../api/session.js';
import type { CoreConfig } from '../config.js';
import { APP_VERSION, createCore, type Core } from '../core.js';
import { openConnectionSettings, summarize, type ConnectionSettings } from '../connections/connection-settings.js';
import { probeFeed } from '../connections/feed-probe.js';
import { ensurePrivateDir } from '../private-files.js';
import { timedStep } from '../logging/timed-step.js';
import { createFileSecretVault, type SecretVault } from '../secrets/secret-vault.js';
import { FLAGS_CONNECTION_ID, flagsSummary, startingConnectionId, targetFor, type ConnectionTarget } from './connection-targets.js';

export interface ConsoleRuntimeOptions {
  /** The resolved flags and environment; its dataDir holds the settings and every connection's cache. */
  readonly config: CoreConfig;
  /** Where feed tokens are kept (default: owner-only files in `<dataDir>/secrets`). */
  readonly vault?: SecretVault;
  /** Demo users of the simulated floor the settings offer. */
  readonly demoUsers?: readonly DemoUserChoice[];
  readonly probeTimeoutMs?: number;
  /** Starts what lives beside a core (LAN serving); the returned stop runs before that core closes. */
  readonly attach?: (core: Core) => Promise<() => Promise<void>>;
  readonly openCore?: (config: CoreConfig) => Promise<Core>;
}

export interface ConsoleRuntime {
  /** Stable across switches: always the current core's API, plus the connection part. */
  readonly api: ApiService;
  /** The console's user; changes close the console sockets (devices keep their own sessions). */
  readonly sessions: SessionSource;
  readonly settings: ConnectionSettings;
  core(): Core;
  connection(): ConnectionSummary;
  /** The current connection's cache directory (the core's data dir). */
  cacheDir(): string;
  /** Called after each switch with the new core (its attachments already started). */
  onSwitch(listener: (core: Core) => void): () => void;
  /** Closes the current core and opens the one for `connectionId`; on failure goes back. */
  use(connectionId: string): Promise<Result<ConnectionSummary>>;
  close(): Promise<void>;
}

interface Active {
  readonly target: ConnectionTarget;
  readonly core: Core;
  readonly detach: () => Promise<void>;
  readonly stopSessionWatch: () => void;
}

const LEDGER_SIZE = 256;

/**
 * Makes the data directory owner-only and checks it takes writes; otherwise stops with its path and
 * the operating system's cause. A directory this user may write but not chmod (shared) is used as is.
 */
function openDataDir(dataDir: string): void {
  let setupError: unknown = null;
  try {
    ensurePrivateDir(dataDir);
  } catch (error) {
    setupError = error;
  }
  const refused = existsSync(dataDir) ? probeDirectory(dataDir) : 'ENOENT';
  if (refused !== null) throw new StorageUnavailableError(dataDir, 'use', refused, null, setupError);
}

/** Starts the runtime on the connection the flags or the saved settings name (the simulated floor on first run). */
export async function startConsoleRuntime(options: ConsoleRuntimeOptions): Promise<ConsoleRuntime> {
  const base = options.config;
  openDataDir(base.dataDir);
  const vault = options.vault ?? createFileSecretVault(join(base.dataDir, 'secrets'));
  const settings = openConnectionSettings({ dataDir: base.dataDir, vault });
  const demoUsers = options.demoUsers ?? DEMO_USERS.map((user) => ({ userId: user.userId, displayName: user.name, role: user.role }));
  const openCore = options.openCore ?? createCore;
  const attach = options.attach ?? (() => Promise.resolve(async () => undefined));
  const sessionListeners = new Set<(session: Session) => void>();
  const switchListeners = new Set<(core: Core) => void>();
  /** Sessions handed to console sockets: only these may change the connection (never a device's). */
  const consoleSessions = new WeakSet<Session>();
  /** Connection commands, by command id: a retried id gets the first answer (they live outside any cache's ledger). */
  const ledger = new Map<string, { readonly type: string; readonly answer: Promise<Result<unknown>> }>();
  let switchingTo: string | null = null;
  let closed = false;

  const target = (connectionId: string): ConnectionTarget | null => targetFor({ base, settings, connectionId });

  function emitSession(): void {
    if (active === null) return;
    const session = active.core.session();
    for (const listener of [...sessionListeners]) listener(session);
  }

  async function open(next: ConnectionTarget): Promise<Active> {
    ensurePrivateDir(join(base.dataDir, 'caches'));
    ensurePrivateDir(next.cacheDir);
    const core = await openCore(next.config);
    try {
      const detach = await attach(core);
      const stopSessionWatch = core.onSessionChange(() => emitSession());
      return { target: next, core, detach, stopSessionWatch };
    } catch (error) {
      await core.close();
      throw error;
    }
  }

  async function shut(previous: Active): Promise<void> {
    previous.stopSessionWatch();
    await timedStep('close', 'LAN serving stopped', () => previous.detach()).catch((error: unknown) => console.error(`[runtime] stopping beside the core failed: ${errorMessage(error)}`));
    await timedStep('close', 'core closed', () => previous.core.close());
  }

  const first = target(startingConnectionId(base, settings)) ?? target('embedded');
  if (first === null) throw new Error('No connection to start on.');
  let active: Active | null = await open(first);

  function current(): Active {
    if (active === null) throw new Error('No connection is open; choose one in Connection settings.');
    return active;
  }

  async function use(connectionId: string): Promise<Result<ConnectionSummary>> {
    if (closed) return fail('The console is shutting down.');
    if (switchingTo !== null) return fail(`Already switching to ${switchingTo}; try again in a moment.`);
    const next = target(connectionId);
    if (next === null) return fail(`No saved connection ${connectionId}.`);
    const previous = current();
    const remember = (): void => {
      if (connectionId !== FLAGS_CONNECTION_ID) settings.setCurrent(connectionId);
    };
    // The same feed, token and user: the same cache and the same core; only the choice is recorded.
    if (next.cacheDir === previous.target.cacheDir && JSON.stringify(next.config.feed) === JSON.stringify(previous.target.config.feed)) {
      remember();
      return ok(next.summary);
    }
    switchingTo = next.summary.label;
    try {
      active = null;
      await shut(previous);
      try {
        active = await open(next);
      } catch (error) {
        active = await open(previous.target).catch(() => null);
        return fail(`Could not open ${next.summary.label}: ${errorMessage(error)}.${active === null ? '' : ` Still on ${previous.target.summary.label}.`}`);
      }
    } finally {
      switchingTo = null;
    }
    remember();
    const opened = active;
    for (const listener of [...switchListeners]) listener(opened.core);
    // After this answer is on its way: the sockets close, the UI reconnects as the new user.
    setImmediate(emitSession);
    return ok(next.summary);
  }

  function overview(): ConnectionOverview {
    const flags = flagsSummary(base);
    const saved = settings.list().map((connection) => summarize(connection, connection.kind === 'remote' && settings.token(connection.connectionId) !== null));
    return {
      connections: flags === null ? saved : [flags, ...saved],
      currentId: active?.target.summary.connectionId ?? startingConnectionId(base, settings),
      firstRun: flags === null && settings.currentId() === null,
      setByFlags: flags !== null,
      demoUsers,
      switchingTo,
    };
  }

  async function connectionCommand(command: Extract<Command, { type: `connection.${string}` }>): Promise<Result<ConnectionCommandResults[keyof ConnectionCommandResults]>> {
    switch (command.type) {
      case 'connection.test': {
        const saved = command.connectionId === undefined ? null : command.connectionId === FLAGS_CONNECTION_ID && base.feed.kind === 'remote' ? base.feed.token : settings.token(command.connectionId);
        return ok(await probeFeed({ url: command.url, token: command.token ?? saved ?? '', clientVersion: APP_VERSION, timeoutMs: options.probeTimeoutMs }));
      }
      case 'connection.save': {
        const stored = settings.save(command.connection);
        return ok(summarize(stored, stored.kind === 'remote' && settings.token(stored.connectionId) !== null));
      }
      case 'connection.use':
        return use(command.connectionId);
      case 'connection.forget':
        if (active?.target.summary.connectionId === command.connectionId) return fail('This connection is in use; switch to another one before forgetting it.');
        settings.forget(command.connectionId);
        return ok({ connectionId: command.connectionId });
    }
  }

  const isConnection = (type: string): boolean => type.startsWith('connection.');
  // Said as the role table says it: a device is refused whatever its role would allow.
  const refuseDevice = (session: Session, what: string): Result<never> | null => (consoleSessions.has(session) ? null : forbidden(`Your role (${session.role}) may not ${what}.`));
  const busy = (): Result<never> | null => (switchingTo !== null ? fail(`Switching to ${switchingTo}; a moment.`) : active === null ? fail('No connection is open; choose one in Connection settings.') : null);

  const api: ApiService = {
    query(session, query, origin) {
      if (query.type === 'connection.list') return (refuseDevice(session, `run ${query.type}`) ?? ok(overview())) as never;
      return (busy() ?? current().core.api.query(session, query, origin)) as never;
    },
    subscribe(session, subscription, listener) {
      return busy() ?? current().core.api.subscribe(session, subscription, listener);
    },
    async command<T extends CommandType>(session: Session, command: Extract<Command, { type: T }>, commandId: string) {
      if (!isConnection(command.type)) return busy() ?? current().core.api.command(session, command, commandId);
      const refused = refuseDevice(session, command.type);
      if (refused) return refused;
      const earlier = ledger.get(commandId);
      if (earlier && earlier.type !== command.type) return fail(`Command id ${commandId} was already used for ${earlier.type}.`);
      if (earlier) return (await earlier.answer) as never;
      const answer = connectionCommand(command as Extract<Command, { type: `connection.${string}` }>).catch((error: unknown) => fail(`${command.type} failed: ${errorMessage(error)}`));
      ledger.set(commandId, { type: command.type, answer });
      if (ledger.size > LEDGER_SIZE) ledger.delete(ledger.keys().next().value as string);
      return (await answer) as never;
    },
    // The runtime closes each core; the facade itself holds nothing.
    close: () => Promise.resolve(),
  };

  const sessions: SessionSource = {
    current() {
      const session = current().core.session();
      consoleSessions.add(session);
      return session;
    },
    onChange(listener) {
      sessionListeners.add(listener);
      return () => sessionListeners.delete(listener);
    },
  };

  return {
    api,
    sessions,
    settings,
    core: () => current().core,
    connection: () => current().target.summary,
    cacheDir: () => current().target.cacheDir,
    onSwitch(listener) {
      switchListeners.add(listener);
      return () => switchListeners.delete(listener);
    },
    use,
    async close() {
      if (closed) return;
      closed = true;
      const last = active;
      active = null;
      if (last !== null) await shut(last);
    },
  };
}
