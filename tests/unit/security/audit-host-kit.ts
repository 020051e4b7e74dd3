/**
 * A real console host for the audit exploit tests: an API socket to act and verify through, and
 * the database file to tamper with behind the host's back, as someone with the user's files would.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Command } from '../../../src-shared/api/contract.js';
import type { AuditRecord, AuditVerification } from '../../../src-shared/api/live-insights.js';
import type { Result } from '../../../src-shared/result.js';
import { startConsoleHost, type ConsoleHost } from '../../../src-main/host/index.js';
import { busyAfternoon } from '../../support/busy-floor.js';
import { tempDir } from '../../support/host-process.js';
import { rememberHostFeedUser } from '../../support/remembered-user.js';
import { CONSOLE_TOKEN, expectClient, openApi, type ApiClient } from '../host/lan-test-kit.js';

export interface AuditHost {
  readonly running: ConsoleHost;
  readonly dataDir: string;
  readonly api: ApiClient;
  /** Sends a command under a fresh id; throws with the refusal. */
  command(command: Command): Promise<unknown>;
  verify(): Promise<AuditVerification>;
  records(): Promise<readonly AuditRecord[]>;
  /** Runs SQL on the database file through a connection of its own, with the log's guards dropped. */
  tamper(work: (db: Database.Database) => void): void;
  close(): Promise<void>;
}

function value<T>(result: Result<unknown>, what: string): T {
  if (!result.ok) throw new Error(`${what} was refused: ${result.error}`);
  return result.value as T;
}

const UNREACHABLE_FEED = { url: 'ws://127.0.0.1:9/feed', token: 'x' } as const;

/** The admin every audit host runs as (the embedded simulator's demo admin). */
export const AUDIT_USER_ID = 'admin';

/** Starts the host on a fresh data dir: an unreachable feed (nothing moves) unless `embedded`. */
export async function startAuditHost(options: { readonly embedded?: boolean } = {}): Promise<AuditHost> {
  const dir = tempDir('audit-host');
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>console</title>');
  const dataDir = join(dir, 'data');
  // Offline, the console runs as the user its feed last named; the embedded feed names its admin.
  if (!options.embedded) rememberHostFeedUser(dataDir, UNREACHABLE_FEED, { userId: AUDIT_USER_ID, name: 'Admin', role: 'admin', queueScope: null });
  const running = await startConsoleHost(
    {
      dataDir,
      feed: options.embedded
        ? { kind: 'embedded-simulator', seed: 11, speed: 10, agents: 16, queues: 3, startTime: busyAfternoon(), user: AUDIT_USER_ID }
        : { kind: 'remote', ...UNREACHABLE_FEED },
      backfillDays: 0,
      lan: { host: '127.0.0.1', port: 0, maxConnections: 20, maxConnectionsPerDevice: 4 },
    },
    { port: 0, rendererDir, consoleToken: CONSOLE_TOKEN },
  );
  const api = expectClient(await openApi(running.host.port, { token: CONSOLE_TOKEN }));
  // The connection's own cache (one per feed and token) holds the database.
  const cacheDir = running.runtime.cacheDir();
  return {
    running,
    dataDir: cacheDir,
    api,
    async command(command) {
      return value(await api.request({ op: 'command', command, commandId: randomUUID() }), command.type);
    },
    async verify() {
      return value<AuditVerification>(await api.request({ op: 'query', query: { type: 'audit.verify' } }), 'audit.verify');
    },
    async records() {
      return value<readonly AuditRecord[]>(await api.request({ op: 'query', query: { type: 'audit.list', limit: 500 } }), 'audit.list');
    },
    tamper(work) {
      const db = new Database(join(cacheDir, 'floorwatch.db'));
      try {
        db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
        db.pragma('foreign_keys = OFF');
        work(db);
      } finally {
        db.close();
      }
    },
    async close() {
      api.close();
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Five local actions, five records (ids 1..5), with no feed needed. */
export async function fiveLocalActions(host: AuditHost): Promise<void> {
  await host.command({ type: 'wallboard.lan.set', enabled: true });
  const created = await host.command({ type: 'wallboard.device.create', name: 'Floor TV' });
  await host.command({ type: 'wallboard.device.revoke', deviceId: (created as { device: { deviceId: string } }).device.deviceId });
  await host.command({ type: 'history.retention.set', days: 30 });
  await host.command({ type: 'wallboard.lan.set', enabled: false });
}

/** Asks again (each answer is a round trip to the host) until `ask` gives a value. */
export async function eventually<T>(ask: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await ask();
    if (answer !== undefined) return answer;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
