/**
 * The integrity check of a large database, off the start path: `PRAGMA quick_check` reads every
 * page, about a minute for a 15 GB cache, so above a size it runs on a read-only connection in a
 * child process while the console is already up. A damaged file found this way is marked, and the
 * next start moves it aside and rebuilds from the feed, exactly as a damaged file found at start.
 *
 * The check holds a snapshot of the WAL while it reads, and the writer cannot start the WAL over
 * while any reader holds one: a backfill stored during one read of the whole file grew the WAL past
 * a gigabyte. So it checks one table (with its indexes) at a time, each in a read of its own, and
 * gives way to the WAL: while the WAL is past half of WAL_READER_GATE_BYTES (CHECK_WAL_BOUND_BYTES:
 * out of the way before the searches' gate closes) no table's check starts, and a
 * check running when the WAL passes it is ended (the child killed; it only reads) and started
 * again, from that table, once the WAL has started over (after five minutes of giving way on one
 * table, that table is checked to the end whatever the WAL does). A table's check leaves out what only a
 * check of the whole file sees: the free-page list and pages no table or index uses, neither of
 * which the console reads.
 */
import { existsSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import { errorMessage } from '../../../src-shared/errors.js';
import { writePrivateFile } from '../private-files.js';
import { WAL_READER_GATE_BYTES } from './wal-reader-gate.js';

/** Beside the database: present when a background check found damage. Holds the problems found. */
export function checkFailedMarker(path: string): string {
  return `${path}.check-failed`;
}

/** The problems a background check recorded for this file, or null. */
export function recordedCheckFailure(path: string): string | null {
  const marker = checkFailedMarker(path);
  return existsSync(marker) ? readFileSync(marker, 'utf8') : null;
}

export function clearCheckFailure(path: string): void {
  rmSync(checkFailedMarker(path), { force: true });
}

/**
 * The check runs in a child process of its own, not a worker thread: a process that exits waits for
 * its worker threads to leave native code, and quick_check does not leave it for a minute on a large
 * file, so a worker would hold the console's exit that long. A child is killed at the store's close
 * or when the WAL passes its bound (it only reads) and started at a lower priority, so the
 * console's start and ingest come first. It prints one line a table checked, from table `from` of
 * the file's tables in name order, then a last line.
 */
const CHILD_SOURCE = `
const request = JSON.parse(process.env.FLOORWATCH_CHECK_REQUEST);
const say = (line) => process.stdout.write(JSON.stringify(line) + '\\n');
let db;
try {
  const Database = require(request.modulePath);
  db = new Database(request.path, { readonly: true, fileMustExist: true, ...(request.nativeBinding ? { nativeBinding: request.nativeBinding } : {}) });
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT IN ('sqlite_schema', 'sqlite_master') AND coalesce(sql, '') NOT LIKE 'CREATE VIRTUAL%' ORDER BY name").pluck().all();
  for (let index = request.from; index < tables.length; index++) {
    const rows = db.pragma('quick_check("' + tables[index].replaceAll('"', '""') + '")', { simple: false });
    say({ table: index, problems: rows.map((row) => row.quick_check).filter((text) => text !== 'ok') });
  }
  say({ done: true });
} catch (error) {
  const code = error && typeof error.code === 'string' ? error.code : '';
  const damaged = code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');
  say({ result: String(error && error.message ? error.message : error), failed: !damaged });
} finally {
  if (db) db.close();
}
`;

/** How much lower than the console's the check's scheduling priority is (nice). */
const CHECK_NICENESS = 10;
/**
 * The WAL size past which the check gives way: half the searches' gate, so that when the gate
 * closes the check already holds nothing and only the searches in flight are waited for.
 */
export const CHECK_WAL_BOUND_BYTES = WAL_READER_GATE_BYTES / 2;
/**
 * How long the check gives way on one table before it checks that table to the end whatever the
 * WAL does: under ingest that never lets up, a large table's check could otherwise be ended forever.
 */
const PATIENCE_MS = 5 * 60_000;
/** How often the WAL's size is read while the check runs or waits. */
const WAL_POLL_MS = 250;

/** better-sqlite3 as this module resolves it, so the child loads the same build (Node's or Electron's). */
function betterSqlitePath(): string {
  return createRequire(import.meta.url).resolve('better-sqlite3');
}

export interface BackgroundCheckOptions {
  /** The WAL size past which no table's check runs (CHECK_WAL_BOUND_BYTES). */
  readonly walBoundBytes?: number;
  readonly walPollMs?: number;
  /** How long it gives way on one table before it checks that table to the end (PATIENCE_MS). */
  readonly patienceMs?: number;
}

export interface BackgroundCheck {
  /** 'ok', or the problems found (the marker is then left for the next start), or why the check did not finish. Never rejects. */
  readonly result: Promise<string>;
  /** Ends the check at once (the store is closing); its result then says it was stopped. */
  stop(): void;
  /** What it is doing: waiting for the WAL to start over, checking, or finished. */
  state(): 'waiting for the WAL' | 'checking' | 'finished';
  /** Times it gave way to the WAL, a check in progress ended or one not started. */
  yields(): number;
}

/** One line of the child's output. */
type ChildLine = { readonly table: number; readonly problems: readonly string[] } | { readonly done: true } | { readonly result: string; readonly failed: boolean };

/** Runs quick_check on `path`, table by table, in child processes (Electron's binary runs as Node for them). */
export function checkInBackground(path: string, nativeBinding?: string, options: BackgroundCheckOptions = {}): BackgroundCheck {
  const bound = options.walBoundBytes ?? CHECK_WAL_BOUND_BYTES;
  const pollMs = options.walPollMs ?? WAL_POLL_MS;
  const problems: string[] = [];
  let child: ChildProcess | null = null;
  let timer: NodeJS.Timeout | null = null;
  let next = 0;
  let yields = 0;
  /** When the check first gave way on table `next`, or null. */
  let givingWaySince: number | null = null;
  const patient = (): boolean => givingWaySince !== null && Date.now() - givingWaySince > (options.patienceMs ?? PATIENCE_MS);
  const gaveWayNow = (): void => {
    yields += 1;
    givingWaySince ??= Date.now();
  };
  let stopped = false;
  let finished = false;
  let settle: (answer: string) => void = () => undefined;
  const result = new Promise<string>((resolve) => (settle = resolve));
  // SQLite names the WAL after the file a symbolic link resolves to.
  const wal = `${realPath(path)}-wal`;
  const walBytes = (): number => {
    try {
      return statSync(wal).size;
    } catch {
      return 0;
    }
  };
  const finish = (answer: string): void => {
    if (finished) return;
    finished = true;
    if (timer !== null) clearTimeout(timer);
    settle(answer);
  };
  const wait = (): void => {
    timer = setTimeout(start, pollMs);
    timer.unref();
  };

  function start(): void {
    timer = null;
    if (stopped || finished) return;
    if (walBytes() > bound && !patient()) {
      gaveWayNow();
      // Once the WAL has started over it is back at its usual size, well under the bound.
      wait();
      return;
    }
    run();
  }

  function run(): void {
    let running: ChildProcess;
    try {
      running = spawn(process.execPath, ['-e', CHILD_SOURCE], {
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', FLOORWATCH_CHECK_REQUEST: JSON.stringify({ path, nativeBinding, modulePath: betterSqlitePath(), from: next }) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      finish(`the check could not start: ${errorMessage(error)}`);
      return;
    }
    child = running;
    lowerPriority(running.pid);
    let pending = '';
    let errors = '';
    let last: ChildLine | null = null;
    let gaveWay = false;
    const watch = setInterval(() => {
      if (walBytes() <= bound || patient()) return;
      gaveWay = true;
      running.kill('SIGKILL');
    }, pollMs);
    watch.unref();
    running.stdout?.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const text of lines) {
        const line = parseLine(text);
        if (line === null) continue;
        last = line;
        if ('table' in line) {
          next = line.table + 1;
          givingWaySince = null;
          problems.push(...line.problems);
        }
      }
    });
    running.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    running.once('error', (error) => finish(`the check failed to run: ${error.message}`));
    running.once('close', (code, signal) => {
      clearInterval(watch);
      child = null;
      if (stopped) return finish('the check was stopped: the store closed before it finished');
      const ended = last as ChildLine | null;
      if (ended !== null && 'result' in ended) {
        // `failed`: the check itself could not run (file gone, locked); that is no evidence of damage.
        if (!ended.failed) writePrivateFile(checkFailedMarker(path), ended.result);
        return finish(ended.result);
      }
      if (ended !== null && 'done' in ended) {
        const answer = problems.length === 0 ? 'ok' : problems.join('\n');
        if (answer !== 'ok') writePrivateFile(checkFailedMarker(path), answer);
        return finish(answer);
      }
      if (gaveWay) {
        gaveWayNow();
        return wait();
      }
      finish(`the check failed to run (${signal ?? `exit code ${String(code)}`}): ${errors.trim().slice(0, 500)}`);
    });
  }

  start();
  return {
    result,
    stop() {
      if (stopped || finished) return;
      stopped = true;
      if (child !== null) child.kill('SIGKILL');
      else finish('the check was stopped: the store closed before it finished');
    },
    state: () => (finished ? 'finished' : child === null ? 'waiting for the WAL' : 'checking'),
    yields: () => yields,
  };
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function parseLine(text: string): ChildLine | null {
  try {
    const line = JSON.parse(text) as Record<string, unknown>;
    if (typeof line.table === 'number' && Array.isArray(line.problems)) return { table: line.table, problems: line.problems.map(String) };
    if (line.done === true) return { done: true };
    if (typeof line.result === 'string') return { result: line.result, failed: line.failed === true };
    return null;
  } catch {
    return null;
  }
}

function lowerPriority(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    setPriority(pid, CHECK_NICENESS);
  } catch {
    // Not permitted here: the check runs at the console's priority.
  }
}
