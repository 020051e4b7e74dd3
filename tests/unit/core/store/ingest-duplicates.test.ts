import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../../src-main/core/store/store.js';
import { floorStory, ingestAll, rows, StoreSandbox } from './fixtures.js';
import { WHOLE_CACHE } from '../../../../src-main/core/queue-scope.js';

/** Everything the projections hold, without row ids (which depend on nothing a reader relies on). */
function projection(store: Store): Record<string, unknown[]> {
  return {
    queues: rows(store, 'SELECT * FROM queues ORDER BY queue_id'),
    agents: rows(store, 'SELECT * FROM agents ORDER BY agent_id'),
    intervals: rows(store, 'SELECT agent_id, kind, reason, start_at, end_at FROM status_intervals ORDER BY agent_id, start_at'),
    conversations: rows(store, 'SELECT * FROM conversations ORDER BY conversation_id'),
    messages: rows(store, 'SELECT conversation_id, message_id, time, sender, sender_id, kind, text, delivery_failed, delivery_failure_reason FROM messages ORDER BY conversation_id, message_id'),
    surveys: rows(store, 'SELECT * FROM surveys ORDER BY conversation_id'),
    rollups: rows(store, 'SELECT * FROM rollups_15m ORDER BY queue_id, bucket_start'),
    search: store.searchMessages({ text: 'the', limit: 50, queueScope: WHOLE_CACHE }).map((hit) => hit.messageId),
  };
}

describe('store ingest under duplication', () => {
  const events = floorStory();
  let expected: Record<string, unknown[]>;
  beforeAll(() => {
    const sandbox = new StoreSandbox();
    try {
      const store = sandbox.open();
      ingestAll(store, events);
      expected = projection(store);
    } finally {
      sandbox.close();
    }
  });

  it('ends in the same state whatever the batching and however earlier events are replayed, on this stream or another', () => {
    const step = fc.record({
      size: fc.integer({ min: 1, max: 8 }),
      replay: fc.option(
        fc.record({ from: fc.nat(), length: fc.integer({ min: 1, max: 12 }), stream: fc.constantFrom('floor', 'history') }),
        { nil: undefined },
      ),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        const sandbox = new StoreSandbox();
        try {
          const store = sandbox.open();
          let done = 0;
          for (let index = 0; done < events.length; index += 1) {
            const { size, replay } = steps[index % steps.length] ?? { size: 4, replay: undefined };
            const batch = events.slice(done, done + size);
            store.ingestBatch({ stream: 'floor', epoch: 'epoch-1', events: batch, lastSeq: batch.at(-1)?.seq ?? 0 });
            done += batch.length;
            if (replay) {
              const from = replay.from % done;
              const again = events.slice(from, Math.min(done, from + replay.length));
              store.ingestBatch({ stream: replay.stream, epoch: 'epoch-1', events: again, lastSeq: again.at(-1)?.seq ?? 0 });
            }
          }
          expect(projection(store)).toEqual(expected);
          expect(store.countEvents('floor')).toBe(events.length);
        } finally {
          sandbox.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
