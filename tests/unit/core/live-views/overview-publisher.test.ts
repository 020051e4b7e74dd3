/**
 * The overview publisher's pacing (docs/decisions/0005) on a hand-moved clock: the first change
 * after a quiet spell goes out at once, the changes of the next 100 ms leave together in one
 * diff, and only tiles whose content changed are sent.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OverviewMessage } from '../../../../src-shared/api/live.js';
import type { Session } from '../../../../src-main/core/api/session.js';
import { createLiveFloor, type LiveFloor } from '../../../../src-main/core/floor-state/live-floor.js';
import { PLAIN_OVERLAYS } from '../../../../src-main/core/live-views/live-source.js';
import { createOverviewPublisher, type OverviewPublisher } from '../../../../src-main/core/live-views/overview-publisher.js';
import { openStore } from '../../../../src-main/core/store/store.js';
import { tempDir } from '../../../support/host-process.js';
import { created, floorScript, queueConfigured, type FloorScript } from '../floor-state/floor-script.js';
import { manualTimers, type ManualTimers } from '../../../support/manual-timers.js';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';

const T0 = Date.UTC(2026, 2, 10, 9, 0, 0);
const ANN: Session = { userId: 'ann', displayName: 'Ann', role: 'wfm_leader', queueScope: null };

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

interface Setup {
  readonly timers: ManualTimers;
  readonly floor: LiveFloor;
  readonly script: FloorScript;
  readonly publisher: OverviewPublisher;
  readonly messages: OverviewMessage[];
  /** Applies what the script emitted since the last call, as a feed batch would. */
  applyNew(): void;
}

function setup(): Setup {
  const dataDir = tempDir('overview');
  const store = openStore({ path: join(dataDir, 'floorwatch.db'), migrations: AREA_MIGRATIONS });
  const timers = manualTimers(T0);
  const floor = createLiveFloor({ store, now: timers.now, floorClock: timers.now });
  const script = floorScript();
  script.emit(T0, queueConfigured('q-a', { name: 'A' }));
  script.emit(T0, queueConfigured('q-b', { name: 'B' }));
  script.emit(T0, queueConfigured('q-c', { name: 'C' }));
  floor.applyEvents(script.events);
  let applied = script.events.length;
  const publisher = createOverviewPublisher(floor, PLAIN_OVERLAYS, { timers, refreshMs: 3_600_000 });
  const messages: OverviewMessage[] = [];
  publisher.subscribe(ANN, (message) => messages.push(message));
  cleanups.push(() => {
    publisher.close();
    store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    timers,
    floor,
    script,
    publisher,
    messages,
    applyNew() {
      floor.applyEvents(script.since(applied));
      applied = script.events.length;
    },
  };
}

/** A conversation entering a queue's waiting line: the queue's tile changes. */
function enqueue(script: FloorScript, time: number, conversationId: string, queueId: string): void {
  script.emit(time, created(conversationId, queueId));
  script.emit(time, { type: 'conversation.queued', conversationId, queueId });
}

const upserted = (message: OverviewMessage | undefined): string[] => (message?.kind === 'diff' ? message.upsert.map((tile) => tile.queueId).sort() : []);

describe('overview pacing', () => {
  it('sends the snapshot, then the first change after a quiet spell at once', () => {
    const { timers, script, messages, applyNew } = setup();
    expect(messages.map((message) => message.kind)).toEqual(['snapshot']);
    enqueue(script, T0, 'c-1', 'q-a');
    applyNew();
    timers.advance(0);
    expect(messages).toHaveLength(2);
    expect(upserted(messages[1])).toEqual(['q-a']);
  });

  it('coalesces the changes of the next 100 ms into one diff of the tiles that changed', () => {
    const { timers, script, messages, applyNew } = setup();
    enqueue(script, T0, 'c-1', 'q-a');
    applyNew();
    timers.advance(0);
    timers.advance(10);
    enqueue(script, T0 + 10, 'c-2', 'q-b');
    applyNew();
    timers.advance(30);
    enqueue(script, T0 + 40, 'c-3', 'q-a');
    applyNew();
    timers.advance(59);
    expect(messages).toHaveLength(2);
    timers.advance(1);
    expect(messages).toHaveLength(3);
    const diff = messages[2];
    expect(upserted(diff)).toEqual(['q-a', 'q-b']);
    expect(diff?.asOfSeq).toBe(9);
    // q-c never changed: it is in no diff.
    expect(messages.slice(1).flatMap(upserted)).not.toContain('q-c');
  });

  it('sends no more than one diff per 100 ms however many batches arrive', () => {
    const { timers, script, messages, applyNew } = setup();
    for (let index = 0; index < 50; index += 1) {
      enqueue(script, T0 + index * 10, `c-${index}`, index % 2 === 0 ? 'q-a' : 'q-b');
      applyNew();
      timers.advance(10);
    }
    timers.advance(100);
    // 500 ms of batches: the leading-edge diff, then one every 100 ms.
    expect(messages.filter((message) => message.kind === 'diff')).toHaveLength(6);
  });
});
