/**
 * The failure path of ingest. ingestBatch is all-or-nothing, so one event the store cannot write
 * (a bug, a value SQLite refuses) would fail its batch on every retry and stop the feed for good.
 * This wrapper retries without the offending event, recording it as a `store_rejected` reject with
 * its seq, an excerpt and the error, so the stream moves on and nothing disappears silently.
 * Failures not caused by an event (disk full, I/O, a lock) are rethrown untouched: the caller
 * retries the same batch later.
 */
import { describeError, IngestBatchError } from './errors.js';
import type { Store } from './store.js';
import type { IngestBatch, IngestOutcome, RejectInput } from './types.js';

export interface QuarantineOutcome extends IngestOutcome {
  /** Events left out of the batch and recorded as rejects instead. */
  readonly quarantined: number;
}

const EXCERPT_LENGTH = 512;

function excerptOf(value: unknown): string {
  try {
    return String(JSON.stringify(value)).slice(0, EXCERPT_LENGTH);
  } catch {
    return '(not serialisable)';
  }
}

/** Ingests a batch, leaving out (and recording) each event the store refuses, one retry per such event. */
export function ingestWithQuarantine(store: Pick<Store, 'ingestBatch'>, batch: IngestBatch): QuarantineOutcome {
  let current = batch;
  let quarantined = 0;
  const maxAttempts = batch.events.length + (batch.unknownEvents?.length ?? 0) + 1;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return { ...store.ingestBatch(current), quarantined };
    } catch (error) {
      const located = error instanceof IngestBatchError && (error.failedIndex !== null || error.failedSeq !== null);
      if (!located || !error.eventAttributable || attempt >= maxAttempts) throw error;
      current = withoutFailedEvent(current, error);
      quarantined += 1;
    }
  }
}

function withoutFailedEvent(batch: IngestBatch, error: IngestBatchError): IngestBatch {
  const seq = error.failedSeq;
  const index = error.failedIndex;
  let removed: unknown;
  let events = batch.events;
  let unknownEvents = batch.unknownEvents;
  if (index !== null) {
    removed = events[index];
    events = events.filter((_, position) => position !== index);
  } else {
    const position = (unknownEvents ?? []).findIndex((unknown) => unknown.seq === seq);
    removed = unknownEvents?.[position]?.raw;
    unknownEvents = (unknownEvents ?? []).filter((_, at) => at !== position);
  }
  const reject: RejectInput = {
    reason: 'store_rejected',
    detail: describeError(error.cause),
    stream: batch.stream,
    ...(seq === null ? {} : { seq }),
    excerpt: typeof removed === 'string' ? removed.slice(0, EXCERPT_LENGTH) : excerptOf(removed),
  };
  return { ...batch, events, unknownEvents, rejects: [...(batch.rejects ?? []), reject] };
}
