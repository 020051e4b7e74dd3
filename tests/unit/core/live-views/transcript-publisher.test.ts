/**
 * The transcript topic's pacing on a hand-moved clock: the first append goes out at once, those
 * of the next 100 ms leave together, and someone opening the conversation meanwhile sees them
 * once, in the snapshot, while those already watching get them first.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TranscriptMessage } from '../../../../src-shared/api/live-insights.js';
import type { FloorEvent } from '../../../../src-shared/protocol/events.js';
import { LIVE_STREAM } from '../../../../src-shared/protocol/frames.js';
import { createLiveFloor } from '../../../../src-main/core/floor-state/live-floor.js';
import { createTranscriptSource } from '../../../../src-main/core/live-insights/transcript-source.js';
import { PLAIN_OVERLAYS } from '../../../../src-main/core/live-views/live-source.js';
import { createTranscriptPublisher } from '../../../../src-main/core/live-views/transcript-publisher.js';
import { openStore } from '../../../../src-main/core/store/store.js';
import { tempDir } from '../../../support/host-process.js';
import { manualTimers } from '../../../support/manual-timers.js';
import { ANN, at, BOB, smallFloor } from '../live-insights/views-test-kit.js';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function setup() {
  const dataDir = tempDir('transcript');
  const store = openStore({ path: join(dataDir, 'floorwatch.db'), migrations: AREA_MIGRATIONS });
  const timers = manualTimers(at(30));
  const floor = createLiveFloor({ store, now: timers.now, floorClock: timers.now });
  const script = smallFloor();
  let applied = 0;
  const applyNew = (): void => {
    const events: FloorEvent[] = script.since(applied);
    applied = script.events.length;
    const last = events[events.length - 1];
    if (!last) return;
    store.ingestBatch({ stream: LIVE_STREAM, epoch: 'test', events, lastSeq: last.seq });
    floor.applyEvents(events);
  };
  applyNew();
  const publisher = createTranscriptPublisher(floor, PLAIN_OVERLAYS, { stored: createTranscriptSource(store.database) }, { timers });
  cleanups.push(() => {
    publisher.close();
    store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const open = (session: typeof ANN): TranscriptMessage[] => {
    const messages: TranscriptMessage[] = [];
    const result = publisher.subscribe(session, 'c1', (message) => messages.push(message));
    if (!result.ok) throw new Error(result.error);
    return messages;
  };
  const say = (seconds: number, messageId: string): void => {
    script.emit(at(seconds), { type: 'conversation.message', conversationId: 'c1', messageId, sender: 'agent', senderId: 'a1', kind: 'text', text: messageId });
    applyNew();
  };
  const emit = (seconds: number, event: Parameters<typeof script.emit>[1]): void => {
    script.emit(at(seconds), event);
    applyNew();
  };
  return { timers, open, say, emit };
}

const appended = (messages: readonly TranscriptMessage[]): string[][] =>
  messages.filter((message) => message.kind === 'update').map((message) => (message.kind === 'update' ? message.append.map((entry) => (entry.kind === 'message' ? entry.messageId : entry.event)) : []));

describe('transcript pacing', () => {
  it('sends the first append at once and coalesces those of the next 100 ms', () => {
    const { timers, open, say } = setup();
    const ann = open(ANN);
    say(31, 'm3');
    timers.advance(0);
    expect(appended(ann)).toEqual([['m3']]);
    timers.advance(20);
    say(32, 'm4');
    timers.advance(30);
    say(33, 'm5');
    timers.advance(49);
    expect(appended(ann)).toEqual([['m3']]);
    timers.advance(1);
    expect(appended(ann)).toEqual([['m3'], ['m4', 'm5']]);
  });

  it('gives a newcomer the waiting entries once, in its snapshot, after those already watching got them', () => {
    const { timers, open, say } = setup();
    const ann = open(ANN);
    say(31, 'm3');
    timers.advance(0);
    say(32, 'm4');
    const bob = open(BOB);
    expect(appended(ann)).toEqual([['m3'], ['m4'], []]);
    const snapshot = bob[0];
    expect(snapshot?.kind === 'snapshot' && snapshot.entries.filter((entry) => entry.kind === 'message').map((entry) => entry.kind === 'message' && entry.messageId)).toContain('m4');
    timers.advance(1_000);
    expect(bob.filter((message) => message.kind === 'update')).toEqual([]);
  });
});

describe('transcript names', () => {
  it('names the supervisor who took over from the directory, once, and each sender', () => {
    const { timers, open, emit } = setup();
    emit(31, { type: 'user.profile', userId: 'sup-7', name: 'Rosa Diaz', kind: 'supervisor', role: 'wfm_leader', queueScope: null, teamId: '', teamName: '', location: '', queueIds: [], slots: 0 });
    emit(32, { type: 'conversation.taken_over', conversationId: 'c1', supervisorId: 'sup-7', fromAgentId: 'a1' });
    const ann = open(ANN);
    timers.advance(0);
    const snapshot = ann.find((message) => message.kind === 'snapshot');
    if (snapshot?.kind !== 'snapshot') throw new Error('no snapshot');
    expect(snapshot.header).toMatchObject({ supervisorId: 'sup-7', supervisorName: 'Rosa Diaz' });
    const takeover = snapshot.entries.find((entry) => entry.kind === 'event' && entry.event === 'taken_over');
    expect(takeover?.kind === 'event' ? takeover.text : null).toMatch(/^Taken over by Rosa Diaz from /u);
    const fromAgent = snapshot.entries.find((entry) => entry.kind === 'message' && entry.messageId === 'm1');
    expect(fromAgent?.kind === 'message' ? fromAgent.senderName : null).not.toBe('a1');
  });
});
