/**
 * Reading a floor's events stream: a range once (a publisher restoring its ledger, a relay catching a
 * console up from before its own start) or from a position on, for as long as it runs (a relay
 * following the head). Both use ordered consumers: JetStream hands each message once, in sequence,
 * and the client makes the consumer again where it left off after any hiccup.
 */
import { DeliverPolicy } from '@nats-io/jetstream';
import type { ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { EventQueues } from './floor-ledger.js';
import { QUEUES_HEADER, queuesOfHeader, SOURCE_HEADER } from './floor-log.js';
import type { FloorLog } from './floor-log.js';

/** One message of the events stream: its sequence (the event's seq), body and the queues header. */
export interface LogMessage {
  readonly seq: number;
  readonly data: Uint8Array;
  /** The queues the event concerns, from its Fw-Queues header (null when absent: the whole floor). */
  readonly queues: EventQueues;
  /** Fw-Source as sent (bridged events), undefined otherwise. */
  readonly source: string | undefined;
  /** When JetStream stored it (epoch ms). */
  readonly storedAtMs: number;
}

function toLogMessage(message: JsMsg): LogMessage {
  const headers = message.headers;
  return {
    seq: message.seq,
    data: message.data,
    queues: queuesOfHeader(headers?.has(QUEUES_HEADER) === true ? headers.get(QUEUES_HEADER) : undefined),
    source: headers?.get(SOURCE_HEADER) || undefined,
    storedAtMs: Math.floor(message.info.timestampNanos / 1_000_000),
  };
}

/** Calls `onMessage` for every message from `from` to `to` (inclusive), in order, waiting for each; resolves after `to`. */
export async function readRange(log: FloorLog, from: number, to: number, onMessage: (message: LogMessage) => void | Promise<void>): Promise<void> {
  if (to < from) return;
  const consumer = await log.js.consumers.get(log.names.eventsStream, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: from });
  const messages = await consumer.consume({ max_messages: 10_000 });
  try {
    for await (const message of messages) {
      await onMessage(toLogMessage(message));
      if (message.seq >= to) break;
    }
  } finally {
    await messages.close();
    await consumer.delete().catch(() => undefined);
  }
}

export interface Follower {
  /** Stops following. */
  stop(): Promise<void>;
  /** Resolves when the consumer ends (stopped, or the stream went away). */
  readonly done: Promise<void>;
}

/**
 * Calls `onBatch` with the messages from `from` on, as they arrive, grouped as they were read; a
 * batch ends whenever the client has nothing more buffered, so delivery is never held back to fill one.
 */
export async function follow(log: FloorLog, from: number, onBatch: (messages: readonly LogMessage[]) => void): Promise<Follower> {
  const consumer = await log.js.consumers.get(log.names.eventsStream, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: from });
  const messages: ConsumerMessages = await consumer.consume({ max_messages: 20_000 });
  let batch: LogMessage[] = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    const ready = batch;
    batch = [];
    if (ready.length > 0) onBatch(ready);
  };
  const done = (async () => {
    for await (const message of messages) {
      batch.push(toLogMessage(message));
      if (batch.length >= 5_000) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    }
    flush();
  })();
  return {
    done,
    stop: async () => {
      await messages.close();
      await done.catch(() => undefined);
    },
  };
}
