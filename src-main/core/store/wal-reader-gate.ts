/**
 * The WAL's hard bound while readers run back to back (docs/decisions/0043-ingest-pipeline-and-checkpoints.md,
 * "The WAL's hard bound").
 *
 * The writer starts the WAL again from its beginning only at a write that finds every frame copied
 * into the database and no reader holding a snapshot of the WAL. Searches on their worker threads
 * each hold one for the length of a read, and a user (or the bench) searching one thing after
 * another leaves almost no moment without one; during a backfill the writer adds about 30 MB a
 * second, so the WAL file grew past a gigabyte. Nothing was lost, and reads stayed fast (a read looks
 * up only the frames not yet copied), but the disk it took had no bound.
 *
 * The gate is one shared counter: even while readers may start, odd while the checkpoint worker,
 * having seen the WAL past the bound, waits for it to start again. A reader that honours the gate
 * (the search workers, before each read) waits while it is closed, so the reads in flight finish,
 * the writer's next commit copies the last frames, and its next write starts the WAL again; the
 * checkpoint worker then sees a short WAL and opens the gate. A wait is cut short after
 * `maxWaitMs`: a reader the gate does not hold (an integrity check, a long export) may keep the
 * WAL from starting again, and a search then goes on without waiting for that closing again.
 */

/** One Int32 slot: the gate's generation. Even: open. Odd: closed. */
export const WAL_READER_GATE_SLOTS = 1;

/** The WAL size at which the gate closes. */
export const WAL_READER_GATE_BYTES = 128 * 1024 * 1024;

/** The longest a read waits for the gate before it goes on. */
export const WAL_READER_GATE_MAX_WAIT_MS = 1_000;

/** A new gate, open; the checkpoint worker and the readers share its buffer. */
export function createWalReaderGate(): SharedArrayBuffer {
  return new SharedArrayBuffer(WAL_READER_GATE_SLOTS * Int32Array.BYTES_PER_ELEMENT);
}

/** Opens a closed gate (once, whoever else opens it at the same moment) and wakes its waiters. */
export function openWalGate(gate: Int32Array): void {
  const generation = Atomics.load(gate, 0);
  if (generation % 2 === 1 && Atomics.compareExchange(gate, 0, generation, generation + 1) === generation) Atomics.notify(gate, 0);
}

/** What a reader remembers between reads: the closing it stopped waiting for. */
export interface WalGateReader {
  skipped: number;
}

export function walGateReader(): WalGateReader {
  return { skipped: -1 };
}

/**
 * Waits, before a read, while the gate is closed: until it opens or `maxWaitMs` pass. A closing a
 * wait already timed out on is not waited for again. Returns the ms waited.
 */
export function awaitWalGate(gate: Int32Array, reader: WalGateReader, maxWaitMs: number = WAL_READER_GATE_MAX_WAIT_MS): number {
  const generation = Atomics.load(gate, 0);
  if (generation % 2 === 0 || generation === reader.skipped) return 0;
  const started = performance.now();
  if (Atomics.wait(gate, 0, generation, maxWaitMs) === 'timed-out') reader.skipped = generation;
  return performance.now() - started;
}
