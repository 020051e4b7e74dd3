/**
 * The search worker thread's entry (bundled on its own: dist/host/search-worker.mjs,
 * dist/electron/search-worker.cjs). It opens its own read-only connection to the cache and runs
 * history searches posted by the core's pool one at a time; the pool terminates it to stop one.
 */
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { errorMessage } from '../../../src-shared/errors.js';
import type { QueueScope } from '../queue-scope.js';
import type { StoreConnection } from '../store/connection.js';
import { awaitWalGate, walGateReader } from '../store/wal-reader-gate.js';
import type { SearchWorkerData, SearchWorkerReply, SearchWorkerRequest } from './search-pool.js';
import { DEFAULT_SEARCH_LIMITS, HistorySearcher, isSearchSyntaxError } from './search.js';

/** How long a read waits on a lock (a checkpoint truncating the WAL) before it fails. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * The scope as it crossed the thread boundary: made by the API service's accessFor on the core
 * thread and copied here unchanged, so it is the session's scope, not one built from a request.
 */
function receivedScope(scope: SearchWorkerRequest['task']['scope']): QueueScope {
  return scope as unknown as QueueScope;
}

function serve(): void {
  const port = parentPort;
  if (port === null) return;
  const data = workerData as SearchWorkerData;
  // The same better-sqlite3 build the core loaded (Node's or Electron's), resolved by the pool.
  const Database = createRequire(import.meta.url)(data.modulePath) as new (path: string, options: { readonly readonly: boolean; readonly fileMustExist: boolean; readonly nativeBinding?: string }) => StoreConnection;
  const db = new Database(data.path, { readonly: true, fileMustExist: true, ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}) });
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const searcher = new HistorySearcher(db, data.limits ?? DEFAULT_SEARCH_LIMITS);
  const gate = data.walReaderGate === undefined ? null : new Int32Array(data.walReaderGate);
  const gateReader = walGateReader();
  port.on('message', (request: SearchWorkerRequest) => {
    let reply: SearchWorkerReply;
    // Past the WAL's bound, a read waits for the WAL to start over (at most a second).
    if (gate !== null) awaitWalGate(gate, gateReader);
    try {
      const { task } = request;
      reply = { id: request.id, result: searcher.search(receivedScope(task.scope), task.search, task.offset, task.limit, task.count) };
    } catch (error) {
      reply = { id: request.id, failure: isSearchSyntaxError(error) ? `Search syntax: ${errorMessage(error)}` : errorMessage(error) };
    }
    port.postMessage(reply);
  });
}

serve();
