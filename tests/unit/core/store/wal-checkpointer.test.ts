import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FloorEvent } from '../../../../src-shared/protocol/events.js';
import { WAL_AUTOCHECKPOINT_PAGES } from '../../../../src-main/core/store/open-database.js';
import type { Store } from '../../../../src-main/core/store/store.js';
import { startWalCheckpointer, type WalCheckpointer } from '../../../../src-main/core/store/wal-checkpointer.js';
import { waitFor } from '../../../support/host-process.js';
import { conversationCreated, message, queueConfigured, row, sequence, StoreSandbox, T0 } from './fixtures.js';

const CONVERSATIONS_PER_BATCH = 50;
const MESSAGES_PER_CONVERSATION = 20;

/** A batch of whole conversations with long messages: about a megabyte of WAL per batch. */
function conversationsBatch(batchIndex: number, firstSeq: number): FloorEvent[] {
  const inputs = [];
  if (batchIndex === 0) inputs.push(queueConfigured('q-1', T0));
  for (let index = 0; index < CONVERSATIONS_PER_BATCH; index += 1) {
    const conversationId = `c-${batchIndex}-${index}`;
    const time = T0 + batchIndex * 1_000 + index;
    inputs.push(conversationCreated(conversationId, 'q-1', time));
    for (let messageIndex = 0; messageIndex < MESSAGES_PER_CONVERSATION; messageIndex += 1) {
      inputs.push(message(conversationId, `m-${messageIndex}`, time + messageIndex, `parcel ${batchIndex} ${index} ${messageIndex} `.repeat(20)));
    }
  }
  return sequence(inputs, firstSeq);
}

function ingestBatches(store: Store, batches: number, walSizes: number[] = []): number {
  let seq = store.streamPosition('floor')?.lastSeq ?? 0;
  for (let batchIndex = 0; batchIndex < batches; batchIndex += 1) {
    const events = conversationsBatch(batchIndex, seq + 1);
    seq += events.length;
    store.ingestBatch({ stream: 'floor', epoch: 'e-1', events, lastSeq: seq });
    walSizes.push(statSync(`${store.path}-wal`).size);
  }
  return seq;
}

describe('the WAL checkpoint worker', () => {
  let sandbox: StoreSandbox;
  let checkpointer: WalCheckpointer | null = null;
  beforeEach(() => {
    sandbox = new StoreSandbox();
  });
  afterEach(() => {
    checkpointer?.stop();
    checkpointer = null;
    sandbox.close();
  });

  it('copies the WAL into the database while ingest runs, and stops before the store closes', async () => {
    const store = sandbox.open();
    checkpointer = startWalCheckpointer({ path: sandbox.path, intervalMs: 1 });
    const lastSeq = ingestBatches(store, 30);
    await waitFor(() => checkpointer?.status().passes ?? 0, { what: 'a checkpoint pass' });
    expect(checkpointer.status()).toMatchObject({ running: true, lastError: null });

    checkpointer.stop();
    expect(checkpointer.status().running).toBe(false);
    store.close();
    // The store's connection was the last one: its close checkpointed and removed the WAL.
    expect(existsSync(`${sandbox.path}-wal`)).toBe(false);

    const reopened = sandbox.open();
    expect(reopened.countEvents('floor')).toBe(lastSeq);
    expect(reopened.integrityCheck()).toBe('ok');
    expect(row(reopened, 'SELECT count(*) AS n FROM messages')).toEqual({ n: 30 * CONVERSATIONS_PER_BATCH * MESSAGES_PER_CONVERSATION });
  });

  it('keeps the WAL bounded however much is ingested, with or without the worker', () => {
    const store = sandbox.open();
    const alone: number[] = [];
    ingestBatches(store, 80, alone);
    checkpointer = startWalCheckpointer({ path: sandbox.path, intervalMs: 1 });
    const withWorker: number[] = [];
    ingestBatches(store, 80, withWorker);
    // The bound: the automatic checkpoint's pages plus one batch (about 1 MiB) written after it.
    const bound = (WAL_AUTOCHECKPOINT_PAGES + 512) * 4_096;
    // With the worker, a commit's automatic checkpoint finds the worker's pass holding the
    // checkpoint lock and skips; how many batches land before one of them runs is the two
    // threads' timing. Still bounded: a few batches more, far below what was written.
    const workerBound = bound + 2 * 512 * 4_096;
    const written = statSync(sandbox.path).size;
    expect(written).toBeGreaterThan(3 * workerBound);
    expect(Math.max(...alone)).toBeLessThan(bound);
    expect(Math.max(...withWorker)).toBeLessThan(workerBound);
  });

  it('reports a worker that cannot run, and stops at once', () => {
    const errors: string[] = [];
    checkpointer = startWalCheckpointer({ path: join(sandbox.directory, 'missing.db'), intervalMs: 1, onError: (error) => errors.push(error) });
    return waitFor(() => errors.length > 0, { what: 'the worker failure' }).then(() => {
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^the WAL checkpoint worker failed: .*(unable to open|does not exist|directory)/i);
      expect(checkpointer?.status()).toMatchObject({ running: false, lastError: errors[0] });
      checkpointer?.stop();
    });
  });
});
