/**
 * A native feed (the simulator, or any server written from docs/protocol.md) as the source of a
 * floor's log (docs/relay.md, "Sources"). The bridge signs in to the feed with its own token, writes
 * what the feed sends to the log through the publisher, in order, and carries out the commands
 * consoles sent through the relays: each is sent to the feed under its key and the feed's answer is
 * kept in the results bucket, where the relay that took the command reads it.
 *
 * The feed's position (epoch and seq) travels with every event written (Fw-Source), so a bridge
 * started again resumes the feed where the log ends. When the feed can only give a snapshot (its
 * epoch changed, or the bridge was away too long), the log starts a new epoch from that snapshot.
 */
import WebSocket from 'ws';
import { AckPolicy } from '@nats-io/jetstream';
import { PROTOCOL_MINOR, PROTOCOL_VERSION } from '../../src-shared/protocol/events.js';
import type { FloorEventInput } from '../../src-shared/protocol/events.js';
import { LIVE_STREAM, serverFrameSchema } from '../../src-shared/protocol/frames.js';
import type { ClientFrame, FeedCommand, ServerFrame } from '../../src-shared/protocol/frames.js';
import { errorMessage } from '../../src-shared/errors.js';
import type { FloorLog } from './floor-log.js';
import type { FloorPublisher, SourcePosition } from './publisher.js';

export interface FeedBridgeOptions {
  readonly log: FloorLog;
  readonly publisher: FloorPublisher;
  readonly url: string;
  readonly token: string;
  /** Told of connections, refusals and failures, one line each. */
  readonly report?: (line: string) => void;
  /** Wait between attempts to reach the feed (default 500 ms). */
  readonly retryMs?: number;
  /** The publisher stopped for good (another writer on the floor): the bridge stops too. */
  readonly onFatal?: (error: Error) => void;
}

export interface FeedBridge {
  /** Whether the bridge is signed in to the feed now. */
  connected(): boolean;
  close(): Promise<void>;
}

/** A command as a relay publishes it to the commands stream. */
export interface LoggedCommand {
  readonly key: string;
  readonly userId: string;
  readonly commandId: string;
  readonly command: FeedCommand;
}

/** A command's answer as kept in the results bucket. */
export interface CommandAnswer {
  readonly ok: boolean;
  readonly reason?: string;
  readonly code?: 'forbidden';
}

const COMMAND_TIMEOUT_MS = 30_000;
/** A feed silent this many heartbeat intervals is given up and reached again. */
const SILENT_INTERVALS = 4;

export async function startFeedBridge(options: FeedBridgeOptions): Promise<FeedBridge> {
  const { log, publisher } = options;
  const report = options.report ?? (() => undefined);
  let socket: WebSocket | null = null;
  let ready = false;
  let closed = false;
  let work: Promise<void> = Promise.resolve();
  let queued = 0;
  let retry: NodeJS.Timeout | undefined;
  let silence: NodeJS.Timeout | undefined;
  const pendingCommands = new Map<string, (answer: CommandAnswer) => void>();
  /** The feed's snapshot being received, and the position its events will carry. */
  let snapshot: { epoch: string; seq: number; events: FloorEventInput[] } | null = null;

  const send = (frame: ClientFrame): void => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
  };

  const drop = (why: string): void => {
    report(`feed connection dropped: ${why}`);
    socket?.terminate();
  };

  /** Runs one step after the ones before it; the socket is paused while steps pile up. */
  const enqueue = (step: () => Promise<void>): void => {
    queued += 1;
    if (queued > 4) socket?.pause();
    work = work
      .then(step)
      .catch((error: unknown) => {
        report(`writing to the log failed: ${errorMessage(error)}`);
        const fatal = publisher.stopped;
        if (fatal !== null && !closed) {
          closed = true;
          options.onFatal?.(fatal);
        }
        socket?.terminate();
      })
      .finally(() => {
        queued -= 1;
        if (queued <= 1) socket?.resume();
      });
  };

  const publishSnapshot = async (taken: { epoch: string; seq: number; events: FloorEventInput[] }): Promise<void> => {
    if (publisher.headSeq > 0) {
      report(`the feed sent a snapshot (epoch ${taken.epoch}); the log starts a new epoch`);
      await publisher.newEpoch();
    }
    // Until the last event is written the position says "snapshot": a bridge stopped halfway asks for a snapshot again.
    const events = taken.events;
    await publisher.publish(events.slice(0, -1), { epoch: taken.epoch, seq: -1 });
    await publisher.publish(events.slice(-1), { epoch: taken.epoch, seq: taken.seq });
    // The feed's events follow its snapshot even when the snapshot's last event was skipped (or it had none).
    publisher.notePosition({ epoch: taken.epoch, seq: taken.seq });
    if (events.length === 0) await publisher.writeSnapshot();
  };

  const onEvents = (epoch: string, events: readonly unknown[]): void => {
    enqueue(async () => {
      const position = publisher.sourcePosition();
      if (position === null || position.seq < 0 || position.epoch !== epoch) throw new Error(`events of epoch ${epoch} arrived with the log at ${JSON.stringify(position)}`);
      let expected = position.seq + 1;
      const batch: FloorEventInput[] = [];
      for (const item of events) {
        const seq = (item as { seq?: unknown }).seq;
        if (typeof seq !== 'number' || seq < expected) continue;
        if (seq > expected) throw new Error(`gap in the feed: seq ${seq} followed ${expected - 1}`);
        batch.push(item as FloorEventInput);
        expected += 1;
      }
      // Every event carries its own position: a crash mid-batch leaves the log's last event saying where it stands.
      await publisher.publish(batch, (event) => ({ epoch, seq: (event as unknown as { seq: number }).seq }));
    });
  };

  const onFrame = (frame: ServerFrame): void => {
    switch (frame.type) {
      case 'welcome': {
        const stream = frame.streams.find((candidate) => candidate.stream === LIVE_STREAM);
        if (stream === undefined) return drop('the feed offers no floor stream');
        ready = true;
        report(`signed in to ${options.url} (epoch ${stream.epoch}, ${stream.resume})`);
        return;
      }
      case 'snapshot':
        return enqueue(() => publishSnapshot({ epoch: frame.epoch, seq: frame.seq, events: frame.events as FloorEventInput[] }));
      case 'snapshot.begin':
        snapshot = { epoch: frame.epoch, seq: frame.seq, events: [] };
        return;
      case 'snapshot.chunk':
        snapshot?.events.push(...(frame.events as FloorEventInput[]));
        return;
      case 'snapshot.end': {
        const taken = snapshot;
        snapshot = null;
        if (taken !== null) enqueue(() => publishSnapshot(taken));
        return;
      }
      case 'events':
        if (frame.stream === LIVE_STREAM) onEvents(frame.epoch, frame.events);
        return;
      case 'command.result': {
        const settle = pendingCommands.get(frame.commandId);
        pendingCommands.delete(frame.commandId);
        settle?.(frame.ok ? { ok: true } : { ok: false, ...(frame.reason === undefined ? {} : { reason: frame.reason }), ...(frame.code === 'forbidden' ? { code: 'forbidden' as const } : {}) });
        return;
      }
      case 'error':
        report(`the feed refused: ${frame.code}: ${frame.message}`);
        return;
      case 'heartbeat':
      case 'backfill':
        return;
      default:
        return;
    }
  };

  const connect = (): void => {
    if (closed) return;
    const position = publisher.sourcePosition();
    const current = new WebSocket(options.url, { maxPayload: 64 * 1024 * 1024 });
    socket = current;
    let interval = 1_000;
    const watch = (): void => {
      clearTimeout(silence);
      silence = setTimeout(() => drop('the feed went silent'), interval * SILENT_INTERVALS);
    };
    current.on('open', () => {
      watch();
      // The log's position is only a place to resume when its last event carries one.
      const streams = position !== null && position.seq >= 0 ? [{ stream: LIVE_STREAM, epoch: position.epoch, lastSeq: position.seq }] : [];
      send({ type: 'hello', protocolVersion: PROTOCOL_VERSION, minor: PROTOCOL_MINOR, token: options.token, client: { name: 'floorwatch-relay', version: '0.1.0' }, streams, chunkedSnapshots: true });
    });
    current.on('message', (data) => {
      if (closed) return;
      watch();
      let frame: ServerFrame;
      try {
        const checked = serverFrameSchema.safeParse(JSON.parse(data.toString()));
        if (!checked.success) return report(`a frame from the feed was skipped: ${checked.error.issues[0]?.message ?? 'schema mismatch'}`);
        frame = checked.data;
      } catch {
        return report('a frame from the feed was skipped: not JSON');
      }
      if (frame.type === 'welcome') interval = frame.heartbeatIntervalMs;
      onFrame(frame);
    });
    current.on('error', (error) => report(`feed connection: ${errorMessage(error)}`));
    current.on('close', () => {
      clearTimeout(silence);
      ready = false;
      snapshot = null;
      for (const settle of pendingCommands.values()) settle({ ok: false, reason: 'retry' });
      pendingCommands.clear();
      if (socket === current) socket = null;
      // Resume only after what was received has been written: the position must be the log's.
      void work.then(() => {
        if (!closed) retry = setTimeout(connect, options.retryMs ?? 500);
      });
    });
  };

  // ---- commands: from the commands stream to the feed, answers to the results bucket ----

  const runCommand = async (logged: LoggedCommand): Promise<CommandAnswer | null> => {
    if (!ready) return null;
    return new Promise<CommandAnswer | null>((resolve) => {
      const timer = setTimeout(() => {
        pendingCommands.delete(logged.key);
        resolve(null);
      }, COMMAND_TIMEOUT_MS);
      pendingCommands.set(logged.key, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      send({ type: 'command', commandId: logged.key, command: logged.command });
    });
  };

  await log.jsm.consumers.add(log.names.commandsStream, { durable_name: 'bridge', ack_policy: AckPolicy.Explicit, ack_wait: 60_000_000_000 }).catch(() => undefined);
  const commandConsumer = await log.js.consumers.get(log.names.commandsStream, 'bridge');
  const commandMessages = await commandConsumer.consume({ max_messages: 64 });
  const commandLoop = (async () => {
    for await (const message of commandMessages) {
      let logged: LoggedCommand;
      try {
        logged = JSON.parse(message.string()) as LoggedCommand;
      } catch {
        message.term();
        continue;
      }
      if ((await log.results.get(logged.key))?.operation === 'PUT') {
        message.ack();
        continue;
      }
      const answer = await runCommand(logged);
      if (answer === null || answer.reason === 'retry') {
        message.nak(1_000);
        continue;
      }
      await log.results.put(logged.key, JSON.stringify(answer));
      message.ack();
    }
  })();

  connect();

  return {
    connected: () => ready,
    close: async () => {
      closed = true;
      clearTimeout(retry);
      clearTimeout(silence);
      // Abruptly: nothing more is received once close is called.
      socket?.terminate();
      await commandMessages.close();
      await commandLoop.catch(() => undefined);
      while (queued > 0) await work.catch(() => undefined);
    },
  };
}
export type { SourcePosition };
