/** The one backfill at a time: its request, progress, end, and what a reconnect asks for again. */
import { describe, expect, it } from 'vitest';
import type { ServerFrameOf } from '../../../../src-shared/protocol/frames.js';
import { BackfillJob } from '../../../../src-main/core/feed/backfill-job.js';

const REQUEST = { since: 1_000, until: 2_000, maxEvents: 10 };

function chunk(requestId: string, sentEvents: number, done: boolean, truncated?: boolean): ServerFrameOf<'backfill'> {
  return { type: 'backfill', requestId, stream: 'history', epoch: 'h-1', events: [], progress: { sentEvents, totalEvents: 10 }, done, ...(truncated === undefined ? {} : { truncated }) };
}

describe('BackfillJob', () => {
  it('is idle until asked, then reports progress chunk by chunk until done', () => {
    const job = new BackfillJob();
    expect(job.status()).toEqual({ state: 'idle', sentEvents: 0, totalEvents: 0 });
    const frame = job.start(REQUEST, 36);
    expect(frame).toEqual({ type: 'backfill.request', requestId: 'backfill-10-1', ...REQUEST });
    const first = chunk('backfill-10-1', 4, false);
    expect(job.accepts(first)).toBe(true);
    job.progress(first);
    expect(job.status()).toEqual({ state: 'running', sentEvents: 4, totalEvents: 10 });
    expect(job.pendingRequest()).toEqual(frame);
    job.progress(chunk('backfill-10-1', 10, true, true));
    expect(job.status()).toEqual({ state: 'done', sentEvents: 10, totalEvents: 10, error: 'stopped at 10 events (the limit asked for)' });
    expect(job.pendingRequest()).toBeNull();
  });

  it('ignores chunks of a request it replaced', () => {
    const job = new BackfillJob();
    job.start(REQUEST, 0);
    job.start(REQUEST, 0);
    expect(job.accepts(chunk('backfill-0-1', 1, false))).toBe(false);
    expect(job.accepts(chunk('backfill-0-2', 1, false))).toBe(true);
  });

  it('fails a running job with its reason, and leaves a finished one as it ended', () => {
    const job = new BackfillJob();
    job.start(REQUEST, 0);
    job.fail('stopped before the backfill finished');
    expect(job.status()).toMatchObject({ state: 'failed', error: 'stopped before the backfill finished' });
    job.fail('again');
    expect(job.status()).toMatchObject({ state: 'failed', error: 'stopped before the backfill finished' });
  });
});
