/**
 * `floorwatch-relay serve`: the native feed protocol (docs/protocol.md) served to consoles from one
 * floor's log on NATS JetStream (docs/relay.md). Any number of relays can serve one floor; none
 * keeps anything of its own: each starts from the floor's stored snapshot, follows the log from
 * there, and a console that loses its relay resumes on another from its own last seq.
 *
 * - **Who:** a hello's token names the user (TokenTable); a wrong token is refused (4001).
 * - **Numbering:** each event's `seq` is its JetStream sequence; the epoch is the stream's
 *   (floor-log.ts). A console whose epoch matches and whose last seq the log still holds resumes by
 *   replay: from the relay's window, or first from the log itself when it is further behind.
 *   Otherwise it gets a snapshot: the relay's ledger at its head, as one frame or in chunks.
 * - **Scope:** a scoped user gets `feed.withheld` in place of every event outside their queues,
 *   and snapshots without them (event-window.ts).
 * - **Commands:** relay-commands.ts. **Backfill:** not served (the log holds the live floor only):
 *   an `internal` error says so, and an empty last `backfill` frame ends the request.
 */
import type { RawData, WebSocket } from 'ws';
import { PROTOCOL_VERSION } from '../../src-shared/protocol/events.js';
import { HISTORY_STREAM, LIVE_STREAM } from '../../src-shared/protocol/frames.js';
import type { ClientFrame, FeedErrorCode, FeedUser, ServerFrame } from '../../src-shared/protocol/frames.js';
import { errorMessage } from '../../src-shared/errors.js';
import { errorFrame, keepClient, listenForFeed, welcomeFrame, MAX_EVENTS_PER_FRAME, PUMP_HIGH_WATER_BYTES, readClientFrame, refuseToken, refuseVersion, sendSnapshotTo, sendTo } from '../sim/feed-wire.js';
import type { WireClient } from '../sim/feed-wire.js';
import { visibleTo } from './floor-ledger.js';
import type { FloorLedger } from './floor-ledger.js';
import type { FloorLog } from './floor-log.js';
import { EventWindow, entryOf, eventsFrame, viewerOf } from './event-window.js';
import type { Viewer, WindowEntry } from './event-window.js';
import { readRange } from './log-reader.js';
import { RelayCommands } from './relay-commands.js';
import { RelayFollower } from './relay-follower.js';
import type { TokenTable } from './tokens.js';

export interface RelayServerOptions {
  readonly log: FloorLog;
  readonly tokens: TokenTable;
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly heartbeatIntervalMs?: number;
  /** Latest events held in memory for replay (default 200,000). */
  readonly windowSize?: number;
  /** One line per notable happening (refusals, epoch changes, failures). */
  readonly report?: (line: string) => void;
}

export interface RelayServer {
  readonly url: string;
  readonly port: number;
  headSeq(): number;
  epoch(): string | null;
  consoleCount(): number;
  /** Log messages that were not a canonical event's shape, withheld from everyone. */
  malformedCount(): number;
  /** Client frames refused as malformed. */
  badFrameCount(): number;
  close(): Promise<void>;
}

/** A console this far behind the window takes a snapshot rather than a replay from the log. */
const CATCH_UP_LIMIT = 200_000;
/** How long a hello from a console ahead of the relay's head waits for the relay to read that far. */
const AHEAD_PATIENCE_MS = 5_000;

interface Client extends WireClient {
  ready: boolean;
  user: FeedUser | null;
  viewer: Viewer;
  /** Last seq sent. */
  cursor: number;
  /** A snapshot or a catch-up from the log is on its way: the window waits. */
  busy: boolean;
}

export async function startRelayServer(options: RelayServerOptions): Promise<RelayServer> {
  const { log, tokens } = options;
  const host = options.host ?? '127.0.0.1';
  const report = options.report ?? (() => undefined);
  const heartbeatIntervalMs = Math.min(60_000, Math.max(100, Math.round(options.heartbeatIntervalMs ?? 1_000)));
  const window = new EventWindow(Math.max(1_000, options.windowSize ?? 200_000));
  const clients = new Set<Client>();
  let sessionCounter = 0;
  let badFrames = 0;
  let closed = false;

  const follower = new RelayFollower(log, {
    report,
    reset: (newEpoch) => {
      window.clear();
      // A new epoch: every console comes back for a snapshot of it. Otherwise each waits until the head passes its cursor again.
      if (newEpoch) for (const client of [...clients]) terminate(client);
    },
    batch: (messages, ledger) => {
      const before = follower.head - messages.length;
      const added: WindowEntry[] = [];
      let time = follower.lastTime;
      for (const message of messages) {
        const { entry, event } = entryOf(message, time);
        if (event === null) follower.malformed += 1;
        else ledger.apply(event);
        time = entry.time;
        window.push(entry);
        added.push(entry);
      }
      follower.lastTime = time;
      deliver(before, added);
    },
  });
  const commands = new RelayCommands(log, () => follower.ledger);

  // ---- sending ----

  const send = (client: Client, frame: ServerFrame | string): void => sendTo(client, frame, () => terminate(client));

  const terminate = (client: Client): void => {
    client.closed = true;
    clients.delete(client);
    client.socket.terminate();
  };

  const sendError = (client: Client, code: FeedErrorCode, message: string): void => send(client, errorFrame(code, message));

  /** New entries after `before`: one frame per scope for every console that was caught up, the rest pumped. */
  const deliver = (before: number, added: readonly WindowEntry[]): void => {
    const shared = new Map<string, string[]>();
    for (const client of clients) {
      if (!client.ready || client.closed || client.busy) continue;
      if (client.cursor !== before || client.socket.bufferedAmount > PUMP_HIGH_WATER_BYTES) {
        pump(client);
        continue;
      }
      let frames = shared.get(client.viewer.scopeKey);
      if (frames === undefined) {
        frames = [];
        for (let from = 0; from < added.length; from += MAX_EVENTS_PER_FRAME) frames.push(eventsFrame(LIVE_STREAM, follower.epoch ?? '', added.slice(from, from + MAX_EVENTS_PER_FRAME), client.viewer));
        shared.set(client.viewer.scopeKey, frames);
      }
      for (const frame of frames) send(client, frame);
      client.cursor = before + added.length;
    }
  };

  /** Sends the client what it lacks from the window, in frames of at most 5,000 events. */
  const pump = (client: Client): void => {
    if (!client.ready || client.closed || client.busy) return;
    while (client.cursor < follower.head) {
      if (client.socket.bufferedAmount > PUMP_HIGH_WATER_BYTES) return;
      const entries = window.slice(client.cursor + 1, MAX_EVENTS_PER_FRAME);
      if (entries.length === 0) {
        // What it needs has left the window while it was slow: it comes back and resumes from the log.
        terminate(client);
        return;
      }
      client.cursor += entries.length;
      send(client, eventsFrame(LIVE_STREAM, follower.epoch ?? '', entries, client.viewer));
    }
  };

  /** Replays from the log itself what came before the window, then goes on from the window. */
  const catchUp = async (client: Client, to: number): Promise<void> => {
    client.busy = true;
    try {
      let pending: WindowEntry[] = [];
      let time = 0;
      // Paced by the console's socket, as a snapshot's chunks are: a catch-up may be long.
      const flush = async (): Promise<void> => {
        if (pending.length === 0 || client.closed) return;
        const frame = eventsFrame(LIVE_STREAM, follower.epoch ?? '', pending, client.viewer);
        client.cursor = (pending.at(-1) as WindowEntry).seq;
        pending = [];
        if (client.socket.bufferedAmount > PUMP_HIGH_WATER_BYTES) await new Promise<void>((resolve) => client.socket.send(frame, () => resolve()));
        else send(client, frame);
      };
      await readRange(log, client.cursor + 1, to, async (message) => {
        if (client.closed) return;
        const { entry } = entryOf(message, time);
        time = entry.time;
        pending.push(entry);
        if (pending.length >= MAX_EVENTS_PER_FRAME) await flush();
      });
      await flush();
    } catch (error) {
      report(`catching ${client.sessionId} up from the log failed: ${errorMessage(error)}`);
      terminate(client);
    } finally {
      client.busy = false;
    }
    pump(client);
  };

  let snapshotCounter = 0;

  /** The relay's ledger at its head, without what the user may not see (feed-wire.ts, sendSnapshotTo). */
  const sendSnapshot = async (client: Client, ledger: FloorLedger): Promise<void> => {
    const head = follower.head;
    const events = ledger.snapshot().flatMap((entry) => (visibleTo(entry.queues, client.viewer.scope) ? [entry.event] : []));
    client.cursor = head;
    snapshotCounter += 1;
    await sendSnapshotTo(
      client,
      { stream: LIVE_STREAM, epoch: follower.epoch ?? '', seq: head, time: follower.lastTime },
      `snap-${client.sessionId}-${snapshotCounter}`,
      () => events,
      () => events.filter((event) => event.type !== 'conversation.message'),
      (frame) => send(client, frame),
      (on) => {
        client.busy = on;
      },
    );
    pump(client);
  };

  // ---- client frames ----

  const onHello = async (client: Client, hello: Extract<ClientFrame, { type: 'hello' }>): Promise<void> => {
    if (hello.protocolVersion !== PROTOCOL_VERSION) return refuseVersion(client, hello.protocolVersion, (frame) => send(client, frame));
    const user = tokens.user(hello.token);
    if (user === null) return refuseToken(client, (frame) => send(client, frame));
    const anchor = await commands.anchor(user.userId).catch(() => null);
    if (client.closed) return;
    if (follower.epoch === null || follower.head === 0) {
      sendError(client, 'internal', follower.epoch === null ? 'the relay is not following the floor yet; try again shortly' : 'the floor\'s log holds no event yet; try again shortly');
      client.closed = true;
      client.socket.close(1013, 'try again later');
      return;
    }
    const position = hello.streams.find((stream) => stream.stream === LIVE_STREAM);
    // A console ahead of this relay (which has just started, and is still reading the log) waits for it, briefly.
    const waitUntil = Date.now() + AHEAD_PATIENCE_MS;
    while (position !== undefined && position.epoch === follower.epoch && position.lastSeq > follower.head && Date.now() < waitUntil && !client.closed) await new Promise((resolve) => setTimeout(resolve, 20));
    if (client.closed) return;
    const head = follower.head;
    const windowFirst = window.firstSeq(head);
    const oldest = Math.max(follower.logFirstSeq, windowFirst - CATCH_UP_LIMIT);
    const canReplay = position !== undefined && position.epoch === follower.epoch && position.lastSeq >= oldest - 1 && position.lastSeq <= head;
    client.chunked = hello.chunkedSnapshots === true;
    client.user = user;
    client.viewer = viewerOf(user.queueScope);
    send(client, welcomeFrame(client, { heartbeatIntervalMs, epoch: follower.epoch, replay: canReplay, headSeq: head, user, auditAnchor: anchor }));
    client.ready = true;
    if (!canReplay) return sendSnapshot(client, follower.ledger);
    client.cursor = position.lastSeq;
    if (client.cursor + 1 < windowFirst) return catchUp(client, windowFirst - 1);
    pump(client);
  };

  const onCommand = async (client: Client, frame: Extract<ClientFrame, { type: 'command' }>): Promise<void> => {
    const result = await commands.run(client.user as FeedUser, frame.commandId, frame.command, frame.auditHead);
    if (result !== null) send(client, result);
  };

  const onFrame = (client: Client, data: RawData, isBinary: boolean): void => {
    if (client.closed) return;
    const bad = (message: string): void => {
      badFrames += 1;
      sendError(client, 'bad_frame', message);
    };
    const frame = readClientFrame(data, isBinary);
    if (typeof frame === 'string') return bad(frame);
    const failed = (error: unknown): void => sendError(client, 'internal', errorMessage(error));
    if (frame.type === 'hello') {
      if (client.user !== null) return bad('hello was already received on this connection');
      client.user = { userId: '', name: '', role: 'wallboard', queueScope: [] };
      onHello(client, frame).catch(failed);
      return;
    }
    if (!client.ready) return bad('say hello first');
    if (frame.type === 'command') onCommand(client, frame).catch(failed);
    else if (frame.type === 'backfill.request') {
      // Said, then ended: a request left open would be asked for again at every reconnect.
      sendError(client, 'internal', `backfill ${frame.requestId}: this relay serves the live floor only; history is not in the floor's log`);
      send(client, { type: 'backfill', requestId: frame.requestId, stream: HISTORY_STREAM, epoch: follower.epoch ?? 'none', events: [], progress: { sentEvents: 0, totalEvents: 0 }, done: true });
    }
  };

  // ---- connections ----

  const attach = (socket: WebSocket): void => {
    sessionCounter += 1;
    const client: Client = { socket, sessionId: `r-${process.pid}-${sessionCounter}`, ready: false, user: null, viewer: viewerOf([]), cursor: 0, closed: false, chunked: false, busy: false };
    keepClient(client, clients, (data, isBinary) => onFrame(client, data, isBinary), (code, message) => sendError(client, code, message));
  };

  await follower.start();

  const listener = await listenForFeed(host, options.port ?? 0, 'Floorwatch relay', attach);
  const port = listener.port;

  const heartbeat = setInterval(() => {
    const frame = JSON.stringify({ type: 'heartbeat', time: follower.floorNow(), heads: { [LIVE_STREAM]: follower.head } } satisfies ServerFrame);
    for (const client of clients) if (client.ready && !client.busy) send(client, frame);
  }, heartbeatIntervalMs);
  const pumping = setInterval(() => {
    for (const client of clients) if (client.cursor < follower.head) pump(client);
  }, 50);

  return {
    url: `ws://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    headSeq: () => follower.head,
    epoch: () => follower.epoch,
    consoleCount: () => [...clients].filter((client) => client.ready).length,
    malformedCount: () => follower.malformed,
    badFrameCount: () => badFrames,
    close: async () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      clearInterval(pumping);
      for (const client of [...clients]) terminate(client);
      await listener.close();
      await follower.stop();
    },
  };
}
