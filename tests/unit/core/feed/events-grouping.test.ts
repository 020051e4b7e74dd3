/** Group commit: frames of one task share a batch; a cap, another stream or a flush close the group. */
import { describe, expect, it } from 'vitest';
import type { ServerFrameOf } from '../../../../src-shared/protocol/frames.js';
import { EventsGrouping } from '../../../../src-main/core/feed/events-grouping.js';

const frame = (stream: string, epoch: string, ...seqs: number[]): ServerFrameOf<'events'> => ({ type: 'events', stream, epoch, events: seqs.map((seq) => ({ seq })) });

function grouping(maxEvents = 100) {
  const stored: ServerFrameOf<'events'>[] = [];
  let current = 'socket-1';
  let tasksEnded = 0;
  const groups: EventsGrouping<string> = new EventsGrouping<string>({
    maxEvents,
    store: (batch) => stored.push(batch),
    isCurrent: (connection) => connection === current,
    endOfTask: () => {
      tasksEnded += 1;
      groups.flush();
    },
  });
  return {
    groups,
    stored,
    seqs: () => stored.map((batch) => batch.events.map((event) => (event as { seq: number }).seq)),
    tasksEnded: () => tasksEnded,
    leave: () => {
      current = 'socket-2';
    },
  };
}

describe('EventsGrouping', () => {
  it('stores the frames of one task as one batch at the end of the task', async () => {
    const { groups, seqs, tasksEnded } = grouping();
    groups.add('socket-1', frame('live', 'e-1', 1, 2));
    groups.add('socket-1', frame('live', 'e-1', 3));
    expect(seqs()).toEqual([]);
    await Promise.resolve();
    expect(seqs()).toEqual([[1, 2, 3]]);
    expect(tasksEnded()).toBe(1);
  });

  it('stores at the size cap and before a frame of another stream or epoch', () => {
    const { groups, stored, seqs } = grouping(3);
    groups.add('socket-1', frame('live', 'e-1', 1, 2));
    groups.add('socket-1', frame('live', 'e-1', 3));
    expect(seqs()).toEqual([[1, 2, 3]]);
    groups.add('socket-1', frame('live', 'e-1', 4));
    groups.add('socket-1', frame('live', 'e-2', 1));
    groups.flush();
    expect(seqs()).toEqual([[1, 2, 3], [4], [1]]);
    expect(stored.map((batch) => batch.epoch)).toEqual(['e-1', 'e-1', 'e-2']);
  });

  it('drops a group whose connection was left: the next one replays from the durable seq', () => {
    const { groups, seqs, leave } = grouping();
    groups.add('socket-1', frame('live', 'e-1', 1));
    leave();
    groups.flush();
    expect(seqs()).toEqual([]);
  });
});
