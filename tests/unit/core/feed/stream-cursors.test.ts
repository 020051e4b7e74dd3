/** Where each stream stands after the welcome, after a snapshot, and when heartbeats show it stalled. */
import { describe, expect, it } from 'vitest';
import { StreamCursors } from '../../../../src-main/core/feed/stream-cursors.js';

const stored = (positions: Record<string, { epoch: string; lastSeq: number }>) => (stream: string) => positions[stream] ?? null;

describe('StreamCursors', () => {
  it('resumes from the stored seq in the same epoch, waits for a snapshot in another, and starts fresh with nothing stored', () => {
    const cursors = new StreamCursors();
    cursors.resume(
      [
        { stream: 'live', epoch: 'e-1', resume: 'replay', headSeq: 0 },
        { stream: 'other', epoch: 'e-9', resume: 'replay', headSeq: 0 },
        { stream: 'history', epoch: 'h-1', resume: 'replay', headSeq: 0 },
      ],
      stored({ live: { epoch: 'e-1', lastSeq: 40 }, other: { epoch: 'e-8', lastSeq: 7 } }),
    );
    expect(cursors.get('live')).toMatchObject({ epoch: 'e-1', lastSeq: 40, awaitingSnapshot: false });
    expect(cursors.get('other')).toMatchObject({ epoch: 'e-9', lastSeq: 0, awaitingSnapshot: true });
    expect(cursors.get('history')).toMatchObject({ epoch: 'h-1', lastSeq: 0, awaitingSnapshot: false });
  });

  it('continues from a snapshot once it is stored', () => {
    const cursors = new StreamCursors();
    cursors.resume([{ stream: 'live', epoch: 'e-2', resume: 'snapshot', headSeq: 0 }], stored({}));
    const cursor = cursors.get('live')!;
    cursors.adoptSnapshot(cursor, 'e-2', 500);
    expect(cursor).toEqual({ epoch: 'e-2', lastSeq: 500, awaitingSnapshot: false, behindSince: null });
  });

  it('calls a stream stalled after two heartbeat intervals behind the server with nothing arriving', () => {
    const cursors = new StreamCursors();
    cursors.resume([{ stream: 'live', epoch: 'e-1', resume: 'replay', headSeq: 0 }], stored({ live: { epoch: 'e-1', lastSeq: 10 } }));
    expect(cursors.stalled({ live: 12 }, 0, 1_000)).toBeNull();
    expect(cursors.stalled({ live: 12 }, 1_999, 1_000)).toBeNull();
    expect(cursors.stalled({ live: 12 }, 2_000, 1_000)).toBe('stream live stalled: the feed is at seq 12, stored 10');
  });

  it('forgets being behind as soon as a heartbeat shows it caught up', () => {
    const cursors = new StreamCursors();
    cursors.resume([{ stream: 'live', epoch: 'e-1', resume: 'replay', headSeq: 0 }], stored({ live: { epoch: 'e-1', lastSeq: 10 } }));
    cursors.stalled({ live: 12 }, 0, 1_000);
    expect(cursors.stalled({ live: 10 }, 1_000, 1_000)).toBeNull();
    expect(cursors.stalled({ live: 12 }, 2_500, 1_000)).toBeNull();
  });
});
