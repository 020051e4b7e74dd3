/**
 * History reads off the core's thread: a small pool of worker threads, each with its own read-only
 * connection to the cache's WAL database (readers run beside the writer), so a slow full-text
 * search never holds the thread that ingests the feed and serves the live views.
 *
 * better-sqlite3 cannot interrupt a running statement, so a search is stopped by terminating its
 * worker: when the same connection asks a newer search of the same kind (the user typed again),
 * when its deadline passes, and when the core closes. A fresh worker takes the slot on the next
 * request (docs/decisions/0036-reads-off-the-core-thread.md).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { HistoryCountMode, HistoryPage, HistorySearch } from '../../../src-shared/api/history.js';
import { errorMessage } from '../../../src-shared/errors.js';
import { fail, superseded, type Result } from '../../../src-shared/result.js';
import type { SearchLimits } from './search.js';

/** One read a worker answers; the scope is the Access's, made by the API service, carried as data. */
export type PoolTask = {
  readonly kind: 'search';
  readonly scope: { readonly queues: readonly string[] | null; readonly liveMessages: boolean };
  readonly search: HistorySearch;
  readonly offset: number;
  readonly limit: number;
  readonly count: HistoryCountMode;
};

/**
 * Which workers a read runs on: pages on the pool's workers, counts on one worker of their own, so
 * a count (which may walk the whole cache) never makes a page wait, nor a page a count.
 */
export type PoolLane = 'page' | 'count';

/** What the worker receives once: the database and how to load better-sqlite3. */
export interface SearchWorkerData {
  readonly path: string;
  readonly nativeBinding?: string;
  readonly modulePath: string;
  readonly limits?: SearchLimits;
  /** The WAL's reader gate (store/wal-reader-gate.ts): each read waits while it is closed. */
  readonly walReaderGate?: SharedArrayBuffer;
}

/** A message from the core to a worker. */
export interface SearchWorkerRequest {
  readonly id: number;
  readonly task: PoolTask;
}

/** A worker's answer: the read's result, or why it could not run. */
export type SearchWorkerReply = { readonly id: number; readonly result: Result<HistoryPage> } | { readonly id: number; readonly failure: string };

/** Default time a search may take before it is stopped and refused. */
export const SEARCH_DEADLINE_MS = 10_000;
/** How long close waits for the workers to stop before it returns anyway. */
const CLOSE_WAIT_MS = 1_000;

export interface SearchPoolOptions {
  /** The database file (never ':memory:': another thread cannot open that). */
  readonly path: string;
  readonly nativeBinding?: string;
  /** Workers at most; default availableParallelism() - 1, at least 1. */
  readonly size?: number;
  /** Default per-request deadline in ms. */
  readonly deadlineMs?: number;
  readonly limits?: SearchLimits;
  /** The worker script; default the one built beside this module (or the host build's, from source). */
  readonly workerUrl?: URL;
  /** The WAL's reader gate, passed to every worker. */
  readonly walReaderGate?: SharedArrayBuffer;
}

export interface RunOptions {
  /**
   * Requests with the same key replace each other: a newer one stops the older (which answers
   * with a `superseded` refusal). Typically the asking connection and the kind of read.
   */
  readonly supersedeKey?: string;
  /** Further keys this request stops, as its own (a new first page stops the count of the previous search). */
  readonly stops?: readonly string[];
  readonly lane?: PoolLane;
  readonly deadlineMs?: number;
}

export interface SearchPool {
  /** Runs a read on a worker. Never rejects: a stopped or failed read is a refusal. */
  run(task: PoolTask, options?: RunOptions): Promise<Result<HistoryPage>>;
  /** Workers running now (tests and diagnostics). */
  workers(): number;
  /** Stops every worker and refuses what is waiting; returns promptly even with a search running. */
  close(): Promise<void>;
}

/** The pool's size on this machine: one core stays with the core thread. */
export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** Where the worker script is: built beside the running bundle, or (running from source) in the host build. */
export function defaultWorkerUrl(): URL {
  for (const name of ['search-worker.mjs', 'search-worker.cjs']) {
    const url = new URL(`./${name}`, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return new URL('../../../dist/host/search-worker.mjs', import.meta.url);
}

/** The refusal of a search stopped by its deadline; the UI shows it as an error the user can act on. */
export function deadlineMessage(deadlineMs: number): string {
  const limit = deadlineMs >= 1_000 ? `${Math.round(deadlineMs / 1_000)} s` : `${deadlineMs} ms`;
  return `The search took longer than ${limit} and was stopped. Narrow it: a queue, a date range or more words.`;
}

interface Pending {
  readonly id: number;
  readonly task: PoolTask;
  readonly lane: PoolLane;
  readonly key: string | null;
  readonly resolve: (result: Result<HistoryPage>) => void;
  readonly timer: NodeJS.Timeout;
  slot: Slot | null;
}

interface Slot {
  readonly worker: Worker;
  readonly lane: PoolLane;
  current: Pending | null;
}

/** Workers of the count lane: counts are one per connection and rare; one thread serves them. */
const COUNT_WORKERS = 1;

/**
 * Creates the pool; no worker starts until the first request.
 * Why lazily: a console that never opens the Conversation Manager spends no thread or memory on it.
 */
export function createSearchPool(options: SearchPoolOptions): SearchPool {
  const size = Math.max(1, options.size ?? defaultPoolSize());
  const deadlineMs = options.deadlineMs ?? SEARCH_DEADLINE_MS;
  const workerUrl = options.workerUrl ?? defaultWorkerUrl();
  const workerData: SearchWorkerData = {
    path: options.path,
    modulePath: createRequire(import.meta.url).resolve('better-sqlite3'),
    ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
    ...(options.limits === undefined ? {} : { limits: options.limits }),
    ...(options.walReaderGate === undefined ? {} : { walReaderGate: options.walReaderGate }),
  };
  const slots = new Set<Slot>();
  const waiting: Pending[] = [];
  const byKey = new Map<string, Pending>();
  const stopping = new Set<Promise<number>>();
  let nextId = 1;
  let closed = false;

  const settle = (pending: Pending, result: Result<HistoryPage>): void => {
    clearTimeout(pending.timer);
    if (pending.key !== null && byKey.get(pending.key) === pending) byKey.delete(pending.key);
    const index = waiting.indexOf(pending);
    if (index >= 0) waiting.splice(index, 1);
    if (pending.slot) pending.slot.current = null;
    pending.slot = null;
    pending.resolve(result);
  };

  /** Terminates a worker (its statement cannot be interrupted otherwise); the slot is gone, a new one starts when needed. */
  const discard = (slot: Slot): void => {
    slots.delete(slot);
    slot.worker.removeAllListeners('message');
    const stopped = slot.worker.terminate().catch(() => 0);
    stopping.add(stopped);
    void stopped.finally(() => stopping.delete(stopped));
  };

  /** Stops a request wherever it is: waiting, or running (then its worker goes). */
  const stop = (pending: Pending, result: Result<HistoryPage>): void => {
    const slot = pending.slot;
    settle(pending, result);
    if (slot) discard(slot);
    dispatch();
  };

  const startSlot = (lane: PoolLane): Slot => {
    const worker = new Worker(workerUrl, { workerData });
    // The pool must never keep the process alive, nor its workers' failures take the core down.
    worker.unref();
    const slot: Slot = { worker, lane, current: null };
    worker.on('message', (reply: SearchWorkerReply) => {
      const pending = slot.current;
      if (!pending || pending.id !== reply.id) return;
      settle(pending, 'result' in reply ? reply.result : fail(`history.search failed: ${reply.failure}`));
      dispatch();
    });
    const lost = (why: string): void => {
      if (!slots.has(slot)) return;
      slots.delete(slot);
      const pending = slot.current;
      if (pending) settle(pending, fail(`history.search failed: the search worker stopped (${why}).`));
      dispatch();
    };
    worker.on('error', (error) => lost(errorMessage(error)));
    worker.on('exit', (code) => lost(`exit code ${code}`));
    slots.add(slot);
    return slot;
  };

  const laneSize = (lane: PoolLane): number => (lane === 'page' ? size : COUNT_WORKERS);

  /** Gives each waiting request, oldest first, a free worker of its lane (starting one if the lane has room). */
  const dispatch = (): void => {
    for (const pending of [...waiting]) {
      if (closed) return;
      const lane = [...slots].filter((candidate) => candidate.lane === pending.lane);
      const slot = lane.find((candidate) => candidate.current === null) ?? (lane.length < laneSize(pending.lane) ? startSlot(pending.lane) : undefined);
      if (!slot) continue;
      waiting.splice(waiting.indexOf(pending), 1);
      pending.slot = slot;
      slot.current = pending;
      const request: SearchWorkerRequest = { id: pending.id, task: pending.task };
      slot.worker.postMessage(request);
    }
  };

  return {
    run(task, runOptions = {}) {
      if (closed) return Promise.resolve(fail('The console is closing; the search was not run.'));
      return new Promise((resolve) => {
        const key = runOptions.supersedeKey ?? null;
        for (const stopped of [...(key === null ? [] : [key]), ...(runOptions.stops ?? [])]) {
          const earlier = byKey.get(stopped);
          if (earlier) stop(earlier, superseded('A newer search replaced this one.'));
        }
        const limit = runOptions.deadlineMs ?? deadlineMs;
        const pending: Pending = {
          id: nextId++,
          task,
          lane: runOptions.lane ?? 'page',
          key,
          resolve,
          slot: null,
          timer: setTimeout(() => stop(pending, fail(deadlineMessage(limit))), limit),
        };
        pending.timer.unref?.();
        if (key !== null) byKey.set(key, pending);
        waiting.push(pending);
        try {
          dispatch();
        } catch (error) {
          settle(pending, fail(`history.search failed: the search worker could not start (${errorMessage(error)}).`));
        }
      });
    },
    workers: () => slots.size,
    async close() {
      closed = true;
      const open = [...waiting, ...[...slots].flatMap((slot) => (slot.current ? [slot.current] : []))];
      for (const pending of open) settle(pending, fail('The console is closing; the search was stopped.'));
      for (const slot of [...slots]) discard(slot);
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, CLOSE_WAIT_MS);
        timer.unref?.();
      });
      await Promise.race([Promise.all([...stopping]), waited]);
      clearTimeout(timer);
    },
  };
}
