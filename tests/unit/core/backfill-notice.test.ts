import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AREA_MIGRATIONS } from '../../../src-main/core/area-migrations.js';
import { createBackfillNotice } from '../../../src-main/core/core.js';
import { createStoreSink } from '../../../src-main/core/store-sink.js';
import { openStore, type Store } from '../../../src-main/core/store/store.js';
import { floorEventSchema, type FloorEvent } from '../../../src-shared/protocol/events.js';
import { HISTORY_STREAM } from '../../../src-shared/protocol/frames.js';
import { tempDir } from '../../support/host-process.js';

/** The core's backfill notice: listeners hear a frame's events once the store holds them, and cannot fail the frame. */
const T0 = Date.UTC(2026, 2, 2, 9);

let dir: string | null = null;
let store: Store | null = null;

afterEach(() => {
  store?.close();
  if (dir !== null) rmSync(dir, { recursive: true, force: true });
  store = null;
  dir = null;
  vi.restoreAllMocks();
});

function frame(from: number, count: number): FloorEvent[] {
  return Array.from({ length: count }, (_, index) =>
    floorEventSchema.parse({ type: 'agent.status', time: T0 + index, agentId: `a-${from + index}`, kind: 'available', reason: 'Available', seq: from + index }),
  );
}

describe('backfill notice', () => {
  it('tells each listener the stored events of each frame, after the store holds them; a failing listener fails nothing', () => {
    dir = tempDir('backfill-notice');
    const opened = openStore({ path: join(dir, 'floorwatch.db'), migrations: AREA_MIGRATIONS });
    store = opened;
    const notice = createBackfillNotice(createStoreSink(opened));
    const heard: [number[], number][] = [];
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    notice.onEvents(() => {
      throw new Error('listener broke');
    });
    const stop = notice.onEvents((events) => heard.push([events.map((event) => event.seq), opened.countEvents(HISTORY_STREAM)]));
    for (const [from, count] of [[1, 3], [4, 2]] as const) {
      const events = frame(from, count);
      notice.sink.backfill({ stream: HISTORY_STREAM, epoch: 'h1', events, progress: { sentEvents: from + count - 1, totalEvents: 5 }, done: from === 4 });
    }
    expect(heard).toEqual([
      [[1, 2, 3], 3],
      [[4, 5], 5],
    ]);
    stop();
    notice.sink.backfill({ stream: HISTORY_STREAM, epoch: 'h1', events: frame(6, 1), progress: { sentEvents: 6, totalEvents: 6 }, done: true });
    expect(heard).toHaveLength(2);
    expect(opened.countEvents(HISTORY_STREAM)).toBe(6);
  });
});
