/**
 * The WAL's hard bound while readers run back to back: the checkpoint worker closes the reader
 * gate when the WAL passes the bound, a reader that honours the gate lets the WAL start over, and
 * the worker opens the gate again. A real store file, a real second connection reading, the real
 * checkpoint worker.
 */
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FloorEvent } from '../../../../src-shared/protocol/events.js';
import type { Store } from '../../../../src-main/core/store/store.js';
import { startWalCheckpointer, type WalCheckpointer } from '../../../../src-main/core/store/wal-checkpointer.js';
import { awaitWalGate, createWalReaderGate, openWalGate, walGateReader } from '../../../../src-main/core/store/wal-reader-gate.js';
import { waitFor } from '../../../support/host-process.js';
import { conversationCreated, message, queueConfigured, sequence, StoreSandbox, T0 } from './fixtures.js';

/** The bound of these tests: a few batches of the ones below. */
const GATE_BYTES = 4 * 1024 * 1024;

let seq = 0;

/** About a megabyte of WAL: 50 conversations of 20 long messages. */
function ingestBatch(store: Store, batchIndex: number): void {
  const inputs = batchIndex === 0 ? [queueConfigured('q-1', T0)] : [];
  for (let index = 0; index < 50; index += 1) {
    const conversationId = `c-${batchIndex}-${index}`;
    const time = T0 + batchIndex * 1_000 + index;
    inputs.push(conversationCreated(conversationId, 'q-1', time));
    for (let messageIndex = 0; messageIndex < 20; messageIndex += 1) {
      inputs.push(message(conversationId, `m-${messageIndex}`, time + messageIndex, `parcel ${batchIndex} ${index} ${messageIndex} `.repeat(20)));
    }
  }
  const events: FloorEvent[] = sequence(inputs, seq + 1);
  seq += events.length;
  store.ingestBatch({ stream: 'floor', epoch: 'e-1', events, lastSeq: seq });
}

const walBytes = (store: Store): number => statSync(`${store.path}-wal`).size;
const closed = (gate: Int32Array): boolean => Atomics.load(gate, 0) % 2 === 1;

describe('the WAL reader gate', () => {
  it('lets a read through an open gate at once, waits at a closed one, and does not wait again for a closing it gave up on', () => {
    const gate = new Int32Array(createWalReaderGate());
    const reader = walGateReader();
    expect(awaitWalGate(gate, reader, 1_000)).toBe(0);
    Atomics.store(gate, 0, 1);
    expect(awaitWalGate(gate, reader, 30)).toBeGreaterThanOrEqual(25);
    // The same closing: the reader goes on without waiting.
    expect(awaitWalGate(gate, reader, 1_000)).toBe(0);
    openWalGate(gate);
    expect(Atomics.load(gate, 0)).toBe(2);
    openWalGate(gate);
    expect(Atomics.load(gate, 0)).toBe(2);
    // A later closing is waited for again.
    Atomics.store(gate, 0, 3);
    expect(awaitWalGate(gate, reader, 30)).toBeGreaterThanOrEqual(25);
  });

  describe('with the checkpoint worker', () => {
    let sandbox: StoreSandbox;
    let checkpointer: WalCheckpointer | null = null;
    let reader: Database.Database | null = null;
    beforeEach(() => {
      sandbox = new StoreSandbox();
      seq = 0;
    });
    afterEach(() => {
      reader?.close();
      reader = null;
      checkpointer?.stop();
      checkpointer = null;
      sandbox.close();
    });

    /** A reader begins a read on the store's file and holds its snapshot. */
    function holdReader(): Database.Database {
      const held = new Database(sandbox.path, { readonly: true, fileMustExist: true });
      held.prepare('BEGIN').run();
      held.prepare('SELECT count(*) FROM messages').get();
      reader = held;
      return held;
    }

    /**
     * The checkpoint worker with a gate, and a reader holding its snapshot: nothing after it can be
     * copied, so the WAL only grows, past twice the bound, until the worker closes the gate.
     */
    async function gateClosedByHeldReader(store: Store): Promise<{ readonly gate: Int32Array; readonly held: Database.Database; readonly nextBatch: number }> {
      const buffer = createWalReaderGate();
      const gate = new Int32Array(buffer);
      checkpointer = startWalCheckpointer({ path: sandbox.path, intervalMs: 1, readerGate: buffer, readerGateBytes: GATE_BYTES });
      ingestBatch(store, 0);
      const held = holdReader();
      let batch = 1;
      while (walBytes(store) <= 2 * GATE_BYTES) ingestBatch(store, batch++);
      await waitFor(() => closed(gate), { what: 'the gate to close' });
      return { gate, held, nextBatch: batch };
    }

    it('closes the gate when a held reader lets the WAL pass the bound, and opens it once the WAL has started over', async () => {
      const store = sandbox.open();
      const { gate, held, nextBatch } = await gateClosedByHeldReader(store);
      let batch = nextBatch;
      expect(checkpointer?.status().readerGateClosings).toBe(1);
      // The WAL cannot start over while the reader holds it: the gate stays closed through more writes.
      ingestBatch(store, batch++);
      await waitFor(() => (checkpointer?.status().walFrames ?? 0) > 0 && walBytes(store) > 2 * GATE_BYTES, { what: 'a pass over the grown WAL' });
      expect(closed(gate)).toBe(true);

      // The reader ends its read, as a search does; the writer's next commits copy the rest and start the WAL over.
      held.prepare('COMMIT').run();
      await waitFor(
        () => {
          ingestBatch(store, batch++);
          return !closed(gate);
        },
        { what: 'the gate to open' },
      );
      expect(Atomics.load(gate, 0)).toBe(2);
      expect(checkpointer?.status().readerGateClosings).toBe(1);
      expect((checkpointer?.status().walFrames ?? Number.POSITIVE_INFINITY) * 4_096).toBeLessThanOrEqual(GATE_BYTES);
      // The file itself was emptied, not only its frames copied.
      expect(walBytes(store)).toBeLessThan(GATE_BYTES);
      expect(store.countEvents('floor')).toBe(seq);
    });

    it('lets the writer empty the WAL between its transactions only when no reader holds a snapshot of it', () => {
      const store = sandbox.open();
      ingestBatch(store, 0);
      const held = holdReader();
      ingestBatch(store, 1);
      expect(store.emptyWal()).toBe(false);
      expect(walBytes(store)).toBeGreaterThan(0);
      held.prepare('COMMIT').run();
      expect(store.emptyWal()).toBe(true);
      expect(walBytes(store)).toBe(0);
      // Its writes wait on locks again as before.
      expect(store.database.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
      ingestBatch(store, 2);
      expect(store.countEvents('floor')).toBe(seq);
    });

    it('opens a closed gate when it stops, so no reader waits on a worker that is gone', async () => {
      const { gate } = await gateClosedByHeldReader(sandbox.open());
      checkpointer?.stop();
      expect(closed(gate)).toBe(false);
    });
  });
});
