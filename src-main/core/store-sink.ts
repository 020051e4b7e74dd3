/**
 * Where the feed client's data goes in the store: the one ingest path, used by the core and by the
 * ingest benchmark. An event the store cannot project is quarantined as a reject so it never
 * blocks its stream; a storage failure throws and the feed replays after a reconnect.
 */
import type { FeedSink } from './feed/feed-client.js';
import { ingestWithQuarantine } from './store/ingest-with-quarantine.js';
import type { Store } from './store/store.js';

export function createStoreSink(store: Store): Required<FeedSink> {
  return {
    position(stream) {
      const position = store.streamPosition(stream);
      return position ? { epoch: position.epoch, lastSeq: position.lastSeq } : null;
    },
    ingest(batch) {
      ingestWithQuarantine(store, batch);
    },
    snapshot(snapshot) {
      store.applySnapshot(snapshot);
    },
    reject(rejects) {
      store.recordRejects(rejects);
    },
    backfill(batch) {
      const last = batch.events[batch.events.length - 1];
      if (!last) return;
      ingestWithQuarantine(store, { stream: batch.stream, epoch: batch.epoch, events: batch.events, lastSeq: last.seq });
    },
  };
}
