/** What the feed status says the cache holds: read from a real store file, refreshed at most every few seconds. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';
import { createCachedDataReader } from '../../../../src-main/core/live-views/cached-data.js';
import { openStore, type Store } from '../../../../src-main/core/store/store.js';
import { floorEventSchema, type FloorEventInput } from '../../../../src-shared/protocol/events.js';
import { HISTORY_STREAM } from '../../../../src-shared/protocol/frames.js';
import { tempDir } from '../../../support/host-process.js';
import { conversationEvents, setupEvents, T0, DAY } from '../history/history-test-kit.js';

let store: Store | null = null;
let dir = '';
let seq = 0;

afterEach(() => {
  store?.close();
  store = null;
  rmSync(dir, { recursive: true, force: true });
});

function ingest(target: Store, inputs: readonly FloorEventInput[]): void {
  const events = inputs.map((input) => floorEventSchema.parse({ ...input, seq: ++seq }));
  target.ingestBatch({ stream: HISTORY_STREAM, epoch: 'test', events, lastSeq: seq });
}

describe('the cached data summary', () => {
  it('says "nothing" for an empty cache, then the newest conversation time and the queues', () => {
    dir = tempDir('cached-data');
    store = openStore({ path: join(dir, 'floorwatch.db'), migrations: AREA_MIGRATIONS });
    let clock = 0;
    const reader = createCachedDataReader(store, () => clock);
    expect(reader.read()).toEqual({ lastEventAt: null, queues: 0 });

    ingest(store, setupEvents(T0 - DAY));
    ingest(store, conversationEvents({ id: 'c-1', createdAt: T0, handleSec: 300 }));
    // Within the refresh window the earlier summary stands.
    expect(reader.read()).toEqual({ lastEventAt: null, queues: 0 });
    clock += 10_000;
    const summary = reader.read();
    expect(summary?.queues).toBe(store.listQueues().length);
    expect(summary?.queues).toBeGreaterThan(0);
    // The conversation ended after it was created: the end is the newest time.
    expect(summary?.lastEventAt).toBeGreaterThan(T0);
  });
});
