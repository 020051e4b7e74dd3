/**
 * One floor's log on NATS JetStream: the names of its streams, buckets and subjects, and the
 * handles every relay process opens (docs/relay.md, "The log").
 *
 * - Stream `FW_<FLOOR>_EVENTS`, subject `fw.<floor>.events`: the canonical events, one message
 *   each, numbered by JetStream. A message's stream sequence IS the event's `seq`, so the log must
 *   hold nothing else: no other subject, no deletes.
 * - Stream `FW_<FLOOR>_COMMANDS`, subject `fw.<floor>.commands`: consoles' commands, each published
 *   with a message id made of the user and the `commandId`, so JetStream stores a retry once.
 * - KV `fw-<floor>-results`: each command's result, under the same key; `fw-<floor>-anchors`: each
 *   user's audit anchor; `fw-<floor>-source`: what the publisher says of its source.
 * - Object store `fw-<floor>-snapshots`: the floor's compacted state, written by the publisher.
 *
 * The stream's epoch is its name and creation time: a log deleted and made again (a source that
 * lost its numbering) is a new epoch, and every console takes a snapshot.
 */
import { createHash } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, JetStreamApiError } from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager, StreamInfo } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { KV } from '@nats-io/kv';
import { Objm } from '@nats-io/obj';
import type { EventQueues } from './floor-ledger.js';
import type { ObjectStore } from '@nats-io/obj';

/** A floor's name: lowercase letters, digits and dashes, as it appears in subjects and bucket names. */
export const FLOOR_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** The header carrying the queues an event concerns (comma-separated; absent: the whole floor). */
export const QUEUES_HEADER = 'Fw-Queues';

/** The Fw-Queues value of an event's queues: undefined (no header) for the whole floor. */
export function queuesHeader(queues: EventQueues): string | undefined {
  return queues === null ? undefined : queues.join(',');
}

/** An event's queues from its Fw-Queues value (undefined: the header is absent). */
export function queuesOfHeader(value: string | undefined): EventQueues {
  return value === undefined ? null : value === '' ? [] : value.split(',');
}
/** The header of a bridged event: where it stands in the source feed, `<epoch> <seq>`. */
export const SOURCE_HEADER = 'Fw-Source';

export interface FloorNames {
  readonly floor: string;
  readonly eventsStream: string;
  readonly eventsSubject: string;
  readonly commandsStream: string;
  readonly commandsSubject: string;
  readonly resultsBucket: string;
  readonly anchorsBucket: string;
  readonly sourceBucket: string;
  readonly snapshotsBucket: string;
}

export function floorNames(floor: string): FloorNames {
  if (!FLOOR_NAME_PATTERN.test(floor)) throw new Error(`floor name ${JSON.stringify(floor)} must be 1 to 32 lowercase letters, digits or dashes, starting with a letter or digit`);
  const upper = floor.toUpperCase().replaceAll('-', '_');
  return {
    floor,
    eventsStream: `FW_${upper}_EVENTS`,
    eventsSubject: `fw.${floor}.events`,
    commandsStream: `FW_${upper}_COMMANDS`,
    commandsSubject: `fw.${floor}.commands`,
    resultsBucket: `fw-${floor}-results`,
    anchorsBucket: `fw-${floor}-anchors`,
    sourceBucket: `fw-${floor}-source`,
    snapshotsBucket: `fw-${floor}-snapshots`,
  };
}

/** A stream's epoch: its floor and creation time (at most 63 characters, under the protocol's 64). */
export function epochOf(names: FloorNames, info: StreamInfo): string {
  return `${names.floor}@${info.created}`.slice(0, 64);
}

/** The KV key of one user's command: a retry of the same commandId by the same user has the same key. */
export function commandKey(userId: string, commandId: string): string {
  return createHash('sha256').update(userId).update('\u0000').update(commandId).digest('hex');
}

/** The KV key of one user's audit anchor. */
export function userKey(userId: string): string {
  return createHash('sha256').update(userId).digest('hex');
}

/** How long JetStream remembers a command's message id, so a retry within it is stored once. */
export const COMMAND_DEDUPE_WINDOW_MS = 10 * 60_000;

export interface FloorLog {
  readonly names: FloorNames;
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly results: KV;
  readonly anchors: KV;
  readonly source: KV;
  readonly snapshots: ObjectStore;
  /** The events stream as it is now, or null when it does not exist. */
  eventsInfo(): Promise<StreamInfo | null>;
  close(): Promise<void>;
}

export interface FloorLogOptions {
  /** NATS server URL(s), e.g. nats://127.0.0.1:4222. */
  readonly servers: string | readonly string[];
  readonly floor: string;
  /** Name shown in the server's connection list. */
  readonly name: string;
  /** Events older than this leave the log (default: 7 days); a console further behind takes a snapshot. */
  readonly maxAgeMs?: number;
}

const NANOS_PER_MS = 1_000_000;

/** Connects, and makes the floor's streams and buckets when they do not exist yet. */
export async function openFloorLog(options: FloorLogOptions): Promise<FloorLog> {
  const names = floorNames(options.floor);
  const nc = await connect({ servers: [...(typeof options.servers === 'string' ? [options.servers] : options.servers)], name: options.name, maxReconnectAttempts: -1, reconnectTimeWait: 250 });
  try {
    const jsm = await jetstreamManager(nc);
    const js = jetstream(nc);
    await ensureEventsStream(jsm, names, options.maxAgeMs ?? 7 * 86_400_000);
    await ensureStream(jsm, { name: names.commandsStream, subjects: [names.commandsSubject], duplicate_window: COMMAND_DEDUPE_WINDOW_MS * NANOS_PER_MS, max_age: 86_400_000 * NANOS_PER_MS });
    const kvm = new Kvm(nc);
    const results = await kvm.create(names.resultsBucket, { history: 1, ttl: 86_400_000 });
    const anchors = await kvm.create(names.anchorsBucket, { history: 1 });
    const source = await kvm.create(names.sourceBucket, { history: 1 });
    const snapshots = await new Objm(nc).create(names.snapshotsBucket);
    return {
      names,
      nc,
      js,
      jsm,
      results,
      anchors,
      source,
      snapshots,
      eventsInfo: () => streamInfo(jsm, names.eventsStream),
      close: async () => {
        await nc.drain().catch(() => nc.close());
      },
    };
  } catch (error) {
    await nc.close();
    throw error;
  }
}

/** The events stream: one subject, messages never deleted nor purged one by one (a seq is a place in the log); only age retires them. */
export async function ensureEventsStream(jsm: JetStreamManager, names: FloorNames, maxAgeMs: number): Promise<StreamInfo> {
  return ensureStream(jsm, { name: names.eventsStream, subjects: [names.eventsSubject], max_age: maxAgeMs * NANOS_PER_MS, deny_delete: true, deny_purge: true });
}

async function ensureStream(jsm: JetStreamManager, config: Parameters<JetStreamManager['streams']['add']>[0]): Promise<StreamInfo> {
  const existing = await streamInfo(jsm, config.name as string);
  return existing ?? jsm.streams.add(config);
}

async function streamInfo(jsm: JetStreamManager, name: string): Promise<StreamInfo | null> {
  try {
    return await jsm.streams.info(name);
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === 10059) return null;
    throw error;
  }
}
