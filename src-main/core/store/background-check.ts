/**
 * The integrity check of a large database, off the start path: `PRAGMA quick_check` reads every
 * page, about a minute for a 15 GB cache, so above a size it runs on a read-only connection in a
 * child process while the console is already up. A damaged file found this way is marked, and the
 * next start moves it aside and rebuilds from the feed, exactly as a damaged file found at start.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import { errorMessage } from '../../../src-shared/errors.js';
import { writePrivateFile } from '../private-files.js';

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
 * (it only reads) and started at a lower priority, so the console's start and ingest come first.
 */
const CHILD_SOURCE = `
const request = JSON.parse(process.env.FLOORWATCH_CHECK_REQUEST);
let db;
let answer;
try {
  const Database = require(request.modulePath);
  db = new Database(request.path, { readonly: true, fileMustExist: true, ...(request.nativeBinding ? { nativeBinding: request.nativeBinding } : {}) });
  const rows = db.pragma('quick_check', { simple: false });
  answer = { result: rows.map((row) => row.quick_check).join('\\n') };
} catch (error) {
  const code = error && typeof error.code === 'string' ? error.code : '';
  const damaged = code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');
  answer = { result: String(error && error.message ? error.message : error), failed: !damaged };
} finally {
  if (db) db.close();
}
process.stdout.write(JSON.stringify(answer));
`;

/** How much lower than the console's the check's scheduling priority is (nice). */
const CHECK_NICENESS = 10;

/** better-sqlite3 as this module resolves it, so the child loads the same build (Node's or Electron's). */
function betterSqlitePath(): string {
  return createRequire(import.meta.url).resolve('better-sqlite3');
}

export interface BackgroundCheck {
  /** 'ok', or the problems found (the marker is then left for the next start), or why the check did not finish. Never rejects. */
  readonly result: Promise<string>;
  /** Ends the check at once (the store is closing); its result then says it was stopped. */
  stop(): void;
}

/** Runs quick_check on `path` in a child process (Electron's binary runs as Node for it). */
export function checkInBackground(path: string, nativeBinding?: string): BackgroundCheck {
  let child: ChildProcess | null = null;
  let stopped = false;
  const result = new Promise<string>((resolve) => {
    try {
      child = spawn(process.execPath, ['-e', CHILD_SOURCE], {
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', FLOORWATCH_CHECK_REQUEST: JSON.stringify({ path, nativeBinding, modulePath: betterSqlitePath() }) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      resolve(`the check could not start: ${errorMessage(error)}`);
      return;
    }
    const running = child;
    lowerPriority(running.pid);
    let output = '';
    let errors = '';
    running.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    running.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    running.once('error', (error) => resolve(`the check failed to run: ${error.message}`));
    running.once('close', (code, signal) => {
      if (stopped) return resolve('the check was stopped: the store closed before it finished');
      const answer = parseAnswer(output);
      if (answer === null) return resolve(`the check failed to run (${signal ?? `exit code ${String(code)}`}): ${errors.trim().slice(0, 500)}`);
      // `failed`: the check itself could not run (file gone, locked); that is no evidence of damage.
      if (answer.result !== 'ok' && answer.failed !== true) writePrivateFile(checkFailedMarker(path), answer.result);
      resolve(answer.result);
    });
  });
  return {
    result,
    stop() {
      if (stopped || child === null || child.exitCode !== null || child.signalCode !== null) return;
      stopped = true;
      child.kill('SIGKILL');
    },
  };
}

function parseAnswer(output: string): { readonly result: string; readonly failed?: boolean } | null {
  try {
    const answer = JSON.parse(output) as { result?: unknown; failed?: unknown };
    return typeof answer.result === 'string' ? { result: answer.result, failed: answer.failed === true } : null;
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
