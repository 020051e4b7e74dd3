/**
 * The one backfill the client runs at a time: its request, its progress as frames arrive, and how
 * it ended. A new request replaces a running one; a reconnect asks for it again.
 */
import type { BackfillStatus } from '../../../src-shared/api/live.js';
import type { ClientFrame, ServerFrameOf } from '../../../src-shared/protocol/frames.js';
import type { BackfillRequest } from './feed-types.js';

interface Job {
  readonly requestId: string;
  readonly request: BackfillRequest;
  state: BackfillStatus['state'];
  sentEvents: number;
  totalEvents: number;
  error?: string;
}

export class BackfillJob {
  private job: Job | null = null;
  private sequence = 0;

  /** Starts a new job (replacing any) and returns the frame that asks the feed for it. */
  start(request: BackfillRequest, now: number): ClientFrame {
    this.sequence += 1;
    this.job = { requestId: `backfill-${now.toString(36)}-${this.sequence}`, request, state: 'running', sentEvents: 0, totalEvents: 0 };
    return this.requestFrame(this.job);
  }

  /** The request to send again after a reconnect, when the job still runs. */
  pendingRequest(): ClientFrame | null {
    return this.job?.state === 'running' ? this.requestFrame(this.job) : null;
  }

  /** Whether a backfill frame belongs to the running job (others are stale and ignored). */
  accepts(frame: ServerFrameOf<'backfill'>): boolean {
    return this.job !== null && this.job.requestId === frame.requestId && this.job.state === 'running';
  }

  /** A frame of the running job was stored. */
  progress(frame: ServerFrameOf<'backfill'>): void {
    const job = this.job;
    if (!job) return;
    job.sentEvents = frame.progress.sentEvents;
    job.totalEvents = frame.progress.totalEvents;
    if (frame.done) {
      job.state = 'done';
      if (frame.truncated) job.error = `stopped at ${job.request.maxEvents} events (the limit asked for)`;
    }
  }

  /** The running job ends with an error (shown in the status). */
  fail(error: string): void {
    if (this.job?.state !== 'running') return;
    this.job.state = 'failed';
    this.job.error = error;
  }

  status(): BackfillStatus {
    const job = this.job;
    if (!job) return { state: 'idle', sentEvents: 0, totalEvents: 0 };
    return { state: job.state, sentEvents: job.sentEvents, totalEvents: job.totalEvents, ...(job.error === undefined ? {} : { error: job.error }) };
  }

  private requestFrame(job: Job): ClientFrame {
    return { type: 'backfill.request', requestId: job.requestId, since: job.request.since, until: job.request.until, maxEvents: job.request.maxEvents };
  }
}
