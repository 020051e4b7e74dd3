/**
 * The WAL checkpoint policy's background half (docs/decisions/0043-ingest-pipeline-and-checkpoints.md).
 *
 * SQLite checkpoints inside the COMMIT of whichever write takes the WAL past `wal_autocheckpoint`
 * frames: the ingest thread stops to copy every frame since the last checkpoint into the database
 * file and fsync it. Here a worker thread with its own connection copies the WAL into the database
 * continuously instead (`wal_checkpoint(PASSIVE)`, which never blocks the writer and never waits
 * for it), so when the writer's own automatic checkpoint comes due it finds nearly every frame
 * copied already: it copies the last few, and the next write starts the WAL again from its
 * beginning. The writer's automatic checkpoint is what bounds the WAL (open-database.ts); this
 * worker only makes it cheap, and the final checkpoint at close with it. A failed worker is
 * reported, never fatal: nothing is lost, the writer simply does all the copying again.
 *
 * Stopping is synchronous (the store closes synchronously): the worker is told through shared
 * memory and closes its connection, so the store's close that follows is the last connection and
 * finds the WAL already copied. stop() waits for that at most `stopTimeoutMs` (250 ms): a pass still
 * copying then (a slow disk) is left to finish on its own, the store's close finds another
 * connection open and skips its final checkpoint, and the next open replays the WAL. Nothing is
 * lost either way; a shutdown never waits for the disk.
 *
 * Readers that hold snapshots back to back keep the writer from ever starting the WAL again; given
 * a reader gate (wal-reader-gate.ts), the worker closes it when a pass finds the WAL past
 * `readerGateBytes`; while it is closed, every 10 ms, it tries `wal_checkpoint(TRUNCATE)`, which
 * succeeds (copying the last frames and emptying the file) at a moment between two of the writer's
 * transactions with no reader in the WAL, and the writer's own thread (`emptyWal`) tries the same
 * every 5 ms, which by construction runs between its transactions; whichever succeeds opens the
 * gate. Neither waits on a lock (busy_timeout 0), so the writer is held at most for the copy of the
 * frames the passes had not copied yet.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { openWalGate, WAL_READER_GATE_BYTES } from './wal-reader-gate.js';

export interface WalCheckpointerOptions {
  /** The database file (not ':memory:'), open in WAL mode by the store. */
  readonly path: string;
  /** Path of a better_sqlite3.node built for another runtime (Electron). */
  readonly nativeBinding?: string;
  /** Pause between passive passes. */
  readonly intervalMs?: number;
  /** How long stop() waits for the worker to finish its pass and close its connection. */
  readonly stopTimeoutMs?: number;
  /** Told once when the worker fails. */
  readonly onError?: (message: string) => void;
  /** The gate the search workers honour (createWalReaderGate); none: readers are never held. */
  readonly readerGate?: SharedArrayBuffer;
  /** The WAL size past which the gate closes (WAL_READER_GATE_BYTES). */
  readonly readerGateBytes?: number;
  /**
   * The writer's own attempt to empty the WAL (Store.emptyWal), made on its thread between two of
   * its transactions every few ms while the gate is closed; true when it did.
   */
  readonly emptyWal?: () => boolean;
}

export interface WalCheckpointerStatus {
  readonly running: boolean;
  /** Passes that copied at least one frame into the database. */
  readonly passes: number;
  /** Frames in the WAL at the last pass. */
  readonly walFrames: number;
  /** Times the reader gate closed. */
  readonly readerGateClosings: number;
  readonly lastError: string | null;
}

export interface WalCheckpointer {
  status(): WalCheckpointerStatus;
  /** Stops the worker, which closes its connection; returns when it has, or after stopTimeoutMs. */
  stop(): void;
}

/** 100 ms: a busy ingest writes a few megabytes of WAL in that time. */
export const CHECKPOINT_INTERVAL_MS = 100;
/** While the reader gate is closed: the searches waiting on it wait about this long for it to open once the WAL started over. */
const GATE_CLOSED_INTERVAL_MS = 10;
/** While the reader gate is closed, how often the writer tries to empty the WAL itself. */
const WRITER_EMPTY_INTERVAL_MS = 5;
const STOP_TIMEOUT_MS = 250;

/** Shared slots: the stop request, the worker's "closed" answer, and its figures. */
const SLOT = { stop: 0, closed: 1, passes: 2, walFrames: 3, gateClosings: 4 } as const;
const SLOTS = 5;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const slots = new Int32Array(workerData.shared);
const SLOT = workerData.slot;
const gate = workerData.gate ? new Int32Array(workerData.gate) : null;
const gateClosed = () => gate !== null && Atomics.load(gate, 0) % 2 === 1;
const openGate = () => {
  if (gate === null) return;
  const generation = Atomics.load(gate, 0);
  if (generation % 2 === 1 && Atomics.compareExchange(gate, 0, generation, generation + 1) === generation) Atomics.notify(gate, 0);
};
let db;
try {
  const Database = require(workerData.modulePath);
  db = new Database(workerData.path, { fileMustExist: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
  // Never wait on a lock: a pass that finds the writer or a reader in the way simply comes again.
  db.pragma('busy_timeout = 0');
  const passive = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
  const truncate = db.prepare('PRAGMA wal_checkpoint(TRUNCATE)');
  // A frame is a page and its 24-byte header.
  const gateFrames = Math.floor(workerData.gateBytes / (db.pragma('page_size', { simple: true }) + 24));
  while (Atomics.load(slots, SLOT.stop) === 0) {
    Atomics.wait(slots, SLOT.stop, 0, gateClosed() ? workerData.closedIntervalMs : workerData.intervalMs);
    if (Atomics.load(slots, SLOT.stop) !== 0) break;
    // With the gate closed, each pass tries to copy the rest and empty the WAL: it succeeds at a
    // moment between two of the writer's transactions once the readers in flight have finished.
    let result;
    try {
      result = (gateClosed() ? truncate : passive).get();
    } catch (error) {
      // A lock met on the way (another connection recovering the WAL): the next pass tries again.
      if (error && (error.code === 'SQLITE_BUSY' || error.code === 'SQLITE_LOCKED')) continue;
      throw error;
    }
    const frames = Math.max(0, result.log);
    if (result.checkpointed > 0) Atomics.add(slots, SLOT.passes, 1);
    Atomics.store(slots, SLOT.walFrames, frames);
    if (gate === null) continue;
    if (frames <= gateFrames) openGate();
    else if (!gateClosed()) {
      Atomics.add(gate, 0, 1);
      Atomics.add(slots, SLOT.gateClosings, 1);
      parentPort.postMessage({ gateClosed: true });
    }
  }
} catch (error) {
  parentPort.postMessage({ error: String(error && error.message ? error.message : error) });
} finally {
  openGate();
  try { if (db) db.close(); } catch {}
  Atomics.store(slots, SLOT.closed, 1);
  Atomics.notify(slots, SLOT.closed);
}
`;

/** better-sqlite3 as this module resolves it, so the worker loads the same build (Node's or Electron's). */
function betterSqlitePath(): string {
  return createRequire(import.meta.url).resolve('better-sqlite3');
}

/** Starts copying the WAL of the database at `options.path` into it from a worker thread. */
export function startWalCheckpointer(options: WalCheckpointerOptions): WalCheckpointer {
  const shared = new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT);
  const slots = new Int32Array(shared);
  let lastError: string | null = null;
  const fail = (message: string): void => {
    if (lastError !== null) return;
    lastError = `the WAL checkpoint worker failed: ${message}`;
    options.onError?.(lastError);
  };
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      path: options.path,
      nativeBinding: options.nativeBinding,
      modulePath: betterSqlitePath(),
      shared,
      slot: SLOT,
      intervalMs: options.intervalMs ?? CHECKPOINT_INTERVAL_MS,
      closedIntervalMs: GATE_CLOSED_INTERVAL_MS,
      gate: options.readerGate,
      gateBytes: options.readerGateBytes ?? WAL_READER_GATE_BYTES,
    },
  });
  worker.unref();
  const gate = options.readerGate === undefined ? null : new Int32Array(options.readerGate);
  let emptying: NodeJS.Timeout | null = null;
  const stopEmptying = (): void => {
    if (emptying !== null) clearInterval(emptying);
    emptying = null;
  };
  // The writer's thread runs a timer only between its transactions: the moment the WAL can start over.
  const startEmptying = (emptyWal: () => boolean, closedGate: Int32Array): void => {
    if (emptying !== null) return;
    emptying = setInterval(() => {
      if (Atomics.load(closedGate, 0) % 2 === 0) return stopEmptying();
      let emptied = false;
      try {
        emptied = emptyWal();
      } catch {
        // The store is closing: the worker's passes (or the close) take over.
      }
      if (!emptied) return;
      openWalGate(closedGate);
      stopEmptying();
    }, WRITER_EMPTY_INTERVAL_MS);
    emptying.unref();
  };
  worker.on('message', (message: { error?: string; gateClosed?: boolean }) => {
    if (message.error !== undefined) fail(message.error);
    if (message.gateClosed === true && gate !== null && options.emptyWal !== undefined) startEmptying(options.emptyWal, gate);
  });
  worker.on('error', (error) => fail(error.message));
  return {
    status: () => ({
      running: lastError === null && Atomics.load(slots, SLOT.closed) === 0 && Atomics.load(slots, SLOT.stop) === 0,
      passes: Atomics.load(slots, SLOT.passes),
      walFrames: Atomics.load(slots, SLOT.walFrames),
      readerGateClosings: Atomics.load(slots, SLOT.gateClosings),
      lastError,
    }),
    stop() {
      if (Atomics.exchange(slots, SLOT.stop, 1) !== 0) return;
      stopEmptying();
      Atomics.notify(slots, SLOT.stop);
      Atomics.wait(slots, SLOT.closed, 0, options.stopTimeoutMs ?? STOP_TIMEOUT_MS);
      void worker.terminate();
      // A worker stopped before its pass ended leaves no reader waiting on a closed gate.
      if (gate !== null) openWalGate(gate);
    },
  };
}
