/**
 * The integrity check of a large database, off the start path: `PRAGMA quick_check` reads every
 * page, about a minute for a 15 GB cache, so above a size it runs on a read-only connection in a
 * worker thread while the console is already up. A damaged file found this way is marked, and the
 * next start moves it aside and rebuilds from the feed, exactly as a damaged file found at start.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
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

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
let db;
try {
  db = new Database(workerData.path, { readonly: true, fileMustExist: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
  const rows = db.pragma('quick_check', { simple: false });
  parentPort.postMessage({ result: rows.map((row) => row.quick_check).join('\\n') });
} catch (error) {
  const code = error && typeof error.code === 'string' ? error.code : '';
  const damaged = code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');
  parentPort.postMessage({ result: String(error && error.message ? error.message : error), failed: !damaged });
} finally {
  if (db) db.close();
}
`;

/** better-sqlite3 as this module resolves it, so the worker loads the same build (Node's or Electron's). */
function betterSqlitePath(): string {
  return createRequire(import.meta.url).resolve('better-sqlite3');
}

/**
 * Runs quick_check on `path` in a worker thread. Resolves 'ok', or the problems found (and leaves
 * the marker for the next start). Never rejects: a check that cannot run reports why.
 */
export function checkInBackground(path: string, nativeBinding?: string): Promise<string> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, nativeBinding, modulePath: betterSqlitePath() } });
    } catch (error) {
      resolve(`the check could not start: ${errorMessage(error)}`);
      return;
    }
    // `failed`: the check itself could not run (file gone, locked); that is no evidence of damage.
    worker.once('message', (message: { result: string; failed?: boolean }) => {
      if (message.result !== 'ok' && !message.failed) writePrivateFile(checkFailedMarker(path), message.result);
      resolve(message.result);
    });
    worker.once('error', (error) => resolve(`the check failed to run: ${error.message}`));
  });
}
