/**
 * The simulator's feed server: feed protocol v1.1 over WebSocket (src-shared/protocol).
 *
 * An imperative shell around the pure floor model: a timer advances the floor to the current
 * floor time, numbers the new events (live stream "floor", no gaps) and keeps them in a replay
 * buffer; each client has a cursor into that buffer, so replay after a reconnect and live
 * delivery are the same code path. History comes only through backfill (stream "history").
 *
 * Each hello's token names a person of the floor's directory who has a console role (the demo users
 * of demo-users.ts, the team leaders, anyone given a role since): the welcome says who, with the
 * role as it is at that hello; every command is checked against that user's role and queue scope
 * (refused with `forbidden`), and the audit head a user's console sends with its commands is kept
 * and handed back in the next welcome.
 */
import { randomBytes } from 'node:crypto';
import type { RawData, WebSocket } from 'ws';
import { PROTOCOL_VERSION } from '../../src-shared/protocol/events.js';
import type { FloorEvent, FloorEventInput } from '../../src-shared/protocol/events.js';
import { HISTORY_STREAM, LIVE_STREAM } from '../../src-shared/protocol/frames.js';
import type { AuditHead, ClientFrame, FeedCommand, FeedErrorCode, FeedUser, ServerFrame } from '../../src-shared/protocol/frames.js';
import { assertNever } from '../../src-shared/result.js';
import { DEMO_USERS, demoUserToken, forbiddenReason, randomTokenSeed } from './demo-users.js';
import { createFloor } from './floor.js';
import type { FloorOptions } from './floor.js';
import { generateHistory } from './history.js';
import { errorFrame, keepClient, listenForFeed, welcomeFrame, MAX_EVENTS_PER_FRAME, PUMP_HIGH_WATER_BYTES, readClientFrame, refuseToken, refuseVersion, sendSnapshotTo, sendTo } from './feed-wire.js';
import type { FeedListener, WireClient } from './feed-wire.js';
import type { SnapshotHeader } from './snapshot-frames.js';
import { errorMessage } from '../../src-shared/errors.js';

export interface SimServerOptions {
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly seed?: number;
  /** Time acceleration: floor time = startTime + elapsed wall time * speed. */
  readonly speed?: number;
  readonly floor?: Partial<FloorOptions>;
  /**
   * One more token, standing for the admin demo user (full access, as a single token had before
   * demo users). When neither this nor tokenSeed is set, any token is accepted as the admin: an
   * open simulator, for tests only (the console and the CLI always give a token seed).
   */
  readonly token?: string;
  /** Derives each demo user's token (demoUserToken); without it, tokens are random per start. */
  readonly tokenSeed?: string;
  /** Put in the epoch and every conversation id; default: this start's time and a random part. */
  readonly runId?: string;
  readonly heartbeatIntervalMs?: number;
  readonly tickMs?: number;
  /** Live events kept for replay after a reconnect (default 500,000); older ones cost a snapshot. */
  readonly replayBufferSize?: number;
  readonly historyDays?: number;
  readonly epoch?: string;
  /** Wall clock (ms). */
  readonly now?: () => number;
}

export interface SimServer {
  readonly url: string;
  readonly port: number;
  readonly epoch: string;
  headSeq(): number;
  /** Every event of the live stream still in the replay buffer, in seq order. */
  emitted(): readonly FloorEvent[];
  /** Called when a batch has been numbered and sent; returns an unsubscribe function. */
  onEmit(listener: (events: readonly FloorEvent[], emittedAtMs: number) => void): () => void;
  /** The feed goes away (connections cut, port closed); the floor keeps running and buffering. */
  pause(): Promise<void>;
  /** Listens again on the same port. */
  resume(): Promise<void>;
  /** Cuts every connection abruptly but keeps listening. */
  dropConnections(): void;
  connectionCount(): number;
  /** Client frames rejected as malformed since start. */
  badFrameCount(): number;
  /** The demo users (with their roles as they are now) and their tokens; any directory person with a role has one too (demoUserToken). */
  users(): readonly { readonly user: FeedUser; readonly token: string }[];
  /** The last audit head a user's console sent with a command, or null. */
  auditAnchor(userId: string): AuditHead | null;
  /** Live events the replay buffer holds in memory: at most 1.25 × replayBufferSize + 1,024. */
  bufferedEventCount(): number;
  close(): Promise<void>;
}

const COMMAND_MEMORY = 10_000;
const DEFAULT_WARMUP_MS = 10 * 60_000;
export const DEFAULT_REPLAY_BUFFER_SIZE = 500_000;

interface Client extends WireClient {
  ready: boolean;
  /** Who the hello's token named; set with ready. */
  user: FeedUser | null;
  /** Last live seq sent to this client. */
  cursor: number;
  /** A chunked snapshot is on its way: live events wait until its end. */
  snapshotting: boolean;
}

interface CommandResult {
  readonly ok: boolean;
  readonly reason?: string;
  readonly forbidden?: boolean;
}

/** Starts the simulator and its feed server; resolves once it is listening. */
export async function startSimServer(options: SimServerOptions = {}): Promise<SimServer> {
  const clock = options.now ?? Date.now;
  const host = options.host ?? '127.0.0.1';
  const seed = (options.seed ?? options.floor?.seed ?? 1) >>> 0;
  const speed = options.speed ?? 1;
  const tickMs = Math.max(5, options.tickMs ?? 50);
  const heartbeatIntervalMs = Math.min(60_000, Math.max(100, Math.round(options.heartbeatIntervalMs ?? 1_000)));
  const replayBufferSize = Math.max(1, options.replayBufferSize ?? DEFAULT_REPLAY_BUFFER_SIZE);
  const historyDays = Math.max(0, options.historyDays ?? 7);
  const wallStart = clock();
  const startTime = Math.floor(options.floor?.startTime ?? wallStart);
  // The run's own id keeps a restart with the same seed from reusing conversation ids or an epoch.
  const runId = options.runId ?? `${wallStart.toString(36)}${randomBytes(3).toString('hex')}`;
  const floorOptions: FloorOptions = { ...options.floor, seed, startTime, idTag: options.floor?.idTag ?? runId };
  const floor = createFloor(floorOptions);
  const epoch = options.epoch ?? `sim-${seed}-${startTime}-${runId}`;
  const tokenSeed = options.tokenSeed ?? randomTokenSeed();
  // The user table is this instance's floor directory: whoever has a console role now may log in
  // with their token, so a role given by user.set_role reaches that person's next hello.
  const tokens = new Map<string, string>();
  const tokenOf = (userId: string): string => {
    let token = tokens.get(userId);
    if (token === undefined) {
      token = demoUserToken(tokenSeed, userId);
      tokens.set(userId, token);
    }
    return token;
  };
  const openAccess = options.token === undefined && options.tokenSeed === undefined;
  const defaultUser = DEMO_USERS.find((user) => user.role === 'admin') as FeedUser;
  /** Per user, the highest audit head received with a command (one entry per console user at most). */
  const anchors = new Map<string, AuditHead>();
  const historyEpoch = `history-${seed}`;
  const historyEnd = startTime - (floorOptions.warmupMs ?? DEFAULT_WARMUP_MS);
  const floorNow = (): number => Math.floor(startTime + Math.max(0, clock() - wallStart) * speed);

  // ---- live stream: numbering and replay buffer ----

  let buffer: FloorEvent[] = [];
  let bufferStart = 0;
  let firstSeq = 1;
  let head = 0;
  const listeners = new Set<(events: readonly FloorEvent[], emittedAtMs: number) => void>();
  const clients = new Set<Client>();
  let sessionCounter = 0;
  let badFrames = 0;
  const commandResults = new Map<string, CommandResult>();

  const append = (inputs: readonly FloorEventInput[]): void => {
    if (inputs.length === 0) return;
    const batch = inputs.map((event) => ({ ...event, seq: ++head }) as FloorEvent);
    for (const event of batch) buffer.push(event);
    const excess = buffer.length - bufferStart - replayBufferSize;
    if (excess > 0) {
      bufferStart += excess;
      firstSeq += excess;
      // Events before bufferStart are still held by the array: compact early enough that the
      // memory held stays within 1.25 × the buffer's size (plus a little).
      if (bufferStart >= Math.max(1_024, replayBufferSize / 4)) {
        buffer = buffer.slice(bufferStart);
        bufferStart = 0;
      }
    }
    for (const client of clients) pump(client);
    const emittedAt = clock();
    for (const listener of listeners) listener(batch, emittedAt);
  };

  const advance = (): void => {
    append(floor.advanceTo(floorNow()));
  };

  // The initial configuration is numbered before anyone can connect, so headSeq >= 1 and every
  // snapshot can carry a positive seq.
  advance();

  // ---- sending ----

  const send = (client: Client, frame: ServerFrame | string): void => sendTo(client, frame, () => terminate(client));

  const terminate = (client: Client): void => {
    client.closed = true;
    clients.delete(client);
    client.socket.terminate();
  };

  /** Sends the client everything after its cursor, in frames of at most 5,000 events. */
  const pump = (client: Client): void => {
    if (!client.ready || client.closed || client.snapshotting) return;
    while (client.cursor < head) {
      if (client.socket.bufferedAmount > PUMP_HIGH_WATER_BYTES) return;
      if (client.cursor < firstSeq - 1) {
        // What it still needs has left the buffer: cut it, it will come back for a snapshot.
        terminate(client);
        return;
      }
      const from = bufferStart + (client.cursor + 1 - firstSeq);
      const events = buffer.slice(from, from + Math.min(MAX_EVENTS_PER_FRAME, head - client.cursor));
      client.cursor += events.length;
      send(client, { type: 'events', stream: LIVE_STREAM, epoch, events });
    }
  };

  let snapshotCounter = 0;

  /** Sends the floor as of head (feed-wire.ts, sendSnapshotTo); live events follow its end. */
  const sendSnapshot = async (client: Client): Promise<void> => {
    // Snapshot events are state, not history: each carries the snapshot's own seq; live events continue at seq + 1.
    const header: SnapshotHeader = { stream: LIVE_STREAM, epoch, seq: head, time: floor.now() };
    client.cursor = head;
    snapshotCounter += 1;
    await sendSnapshotTo(
      client,
      header,
      `snap-${client.sessionId}-${snapshotCounter}`,
      () => floor.snapshotEvents(),
      () => floor.snapshotEvents({ includeMessages: false }),
      (frame) => send(client, frame),
      (on) => {
        client.snapshotting = on;
      },
    );
    pump(client);
  };

  const sendError = (client: Client, code: FeedErrorCode, message: string): void => send(client, errorFrame(code, message));

  // ---- client frames ----

  const badFrame = (client: Client, message: string): void => {
    badFrames += 1;
    sendError(client, 'bad_frame', message);
  };

  const onHello = (client: Client, hello: Extract<ClientFrame, { type: 'hello' }>): void => {
    if (hello.protocolVersion !== PROTOCOL_VERSION) return refuseVersion(client, hello.protocolVersion, (frame) => send(client, frame));
    const user = floor.consoleUsers().find((candidate) => tokenOf(candidate.userId) === hello.token) ?? (openAccess || hello.token === options.token ? defaultUser : null);
    if (user === null) return refuseToken(client, (frame) => send(client, frame));
    advance();
    const position = hello.streams.find((stream) => stream.stream === LIVE_STREAM);
    const canReplay = position !== undefined && position.epoch === epoch && position.lastSeq >= firstSeq - 1 && position.lastSeq <= head;
    client.chunked = hello.chunkedSnapshots === true;
    send(client, welcomeFrame(client, { heartbeatIntervalMs, epoch, replay: canReplay, headSeq: head, user, auditAnchor: anchors.get(user.userId) ?? null }));
    client.user = user;
    client.ready = true;
    if (canReplay) {
      client.cursor = position.lastSeq;
      pump(client);
    } else {
      void sendSnapshot(client);
    }
  };

  const keepAnchor = (userId: string, auditHead: AuditHead | undefined): void => {
    if (auditHead === undefined) return;
    const kept = anchors.get(userId);
    // A retried older command must not move the anchor back.
    if (kept === undefined || auditHead.auditId >= kept.auditId) anchors.set(userId, { auditId: auditHead.auditId, hash: auditHead.hash });
  };

  const onCommand = (client: Client, commandId: string, command: FeedCommand, auditHead: AuditHead | undefined): void => {
    const user = client.user ?? defaultUser;
    keepAnchor(user.userId, auditHead);
    // Results are remembered per user: one user's command id says nothing about another's.
    const key = `${user.userId}\u0000${commandId}`;
    let result = commandResults.get(key);
    if (!result) {
      // Number what happened so far first, so a refused command leaves nothing unnumbered.
      advance();
      const forbidden = forbiddenReason(user, command, {
        conversationQueue: (conversationId) => floor.conversationQueue(conversationId),
        agentQueues: (agentId) => floor.agentQueues(agentId),
        person: (userId) => floor.person(userId),
      });
      const outcome = forbidden === null ? floor.applyCommand(command, floorNow()) : null;
      if (outcome === null) {
        result = { ok: false, reason: forbidden ?? 'forbidden', forbidden: true };
      } else if (outcome.ok) {
        append(outcome.events);
        result = { ok: true };
      } else {
        result = { ok: false, reason: outcome.reason };
      }
      commandResults.set(key, result);
      if (commandResults.size > COMMAND_MEMORY) {
        const oldest = commandResults.keys().next().value;
        if (oldest !== undefined) commandResults.delete(oldest);
      }
    }
    send(
      client,
      result.ok
        ? { type: 'command.result', commandId, ok: true }
        : { type: 'command.result', commandId, ok: false, reason: result.reason, ...(result.forbidden ? { code: 'forbidden' as const } : {}) },
    );
  };

  const onFrame = (client: Client, data: RawData, isBinary: boolean): void => {
    if (client.closed) return;
    const frame = readClientFrame(data, isBinary);
    if (typeof frame === 'string') return badFrame(client, frame);
    if (!client.ready && frame.type !== 'hello') return badFrame(client, 'say hello first');
    switch (frame.type) {
      case 'hello':
        if (client.ready) return badFrame(client, 'hello was already received on this connection');
        onHello(client, frame);
        return;
      case 'heartbeat':
        return;
      case 'backfill.request':
        void backfill(client, frame);
        return;
      case 'command':
        onCommand(client, frame.commandId, frame.command, frame.auditHead);
        return;
      default:
        assertNever(frame, 'client frame');
    }
  };

  // ---- backfill ----

  const backfill = async (client: Client, request: Extract<ClientFrame, { type: 'backfill.request' }>): Promise<void> => {
    const windowStart = Math.max(historyEnd - historyDays * 86_400_000, request.since);
    const windowEnd = Math.min(historyEnd, request.until);
    const history = generateHistory({
      seed,
      days: historyDays,
      endTime: historyEnd,
      since: request.since,
      until: request.until,
      queues: floorOptions.queues,
      agents: floorOptions.agents,
      arrivalScale: floorOptions.arrivalScale,
    });
    let pending: FloorEvent[] = [];
    let sentEvents = 0;
    let generated = 0;
    let lastTime = windowStart;
    let truncated = false;
    let exhausted = false;
    const estimateTotal = (): number => {
      const fraction = windowEnd > windowStart ? Math.min(1, Math.max(0.01, (lastTime - windowStart) / (windowEnd - windowStart))) : 1;
      return Math.min(request.maxEvents, Math.max(sentEvents + pending.length, Math.round(generated / fraction)));
    };
    try {
      while (!client.closed) {
        while (!exhausted && !truncated && pending.length < MAX_EVENTS_PER_FRAME) {
          const next = history.next();
          if (next.done) {
            exhausted = true;
            break;
          }
          for (const event of next.value) {
            if (sentEvents + pending.length >= request.maxEvents) {
              truncated = true;
              break;
            }
            pending.push(event);
            generated += 1;
            lastTime = event.time;
          }
        }
        const events = pending.slice(0, MAX_EVENTS_PER_FRAME);
        pending = pending.slice(events.length);
        sentEvents += events.length;
        const done = (exhausted || truncated) && pending.length === 0;
        const totalEvents = done ? sentEvents : estimateTotal();
        const frame: ServerFrame = {
          type: 'backfill',
          requestId: request.requestId,
          stream: HISTORY_STREAM,
          epoch: historyEpoch,
          events,
          progress: { sentEvents, totalEvents },
          done,
          ...(done && truncated ? { truncated: true } : {}),
        };
        if (client.closed) return;
        const data = JSON.stringify(frame);
        if (client.socket.bufferedAmount > PUMP_HIGH_WATER_BYTES) {
          // Wait for the socket to drain before generating more: the client sets the pace.
          await new Promise<void>((resolve) => client.socket.send(data, () => resolve()));
        } else {
          send(client, data);
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        if (done) return;
      }
    } catch (error) {
      sendError(client, 'internal', `backfill ${request.requestId} failed: ${errorMessage(error)}`);
    } finally {
      history.return();
    }
  };

  // ---- connections ----

  const attach = (socket: WebSocket): void => {
    sessionCounter += 1;
    const client: Client = { socket, sessionId: `s-${seed}-${sessionCounter}`, ready: false, user: null, cursor: 0, closed: false, chunked: false, snapshotting: false };
    keepClient(client, clients, (data, isBinary) => onFrame(client, data, isBinary), (code, message) => sendError(client, code, message));
  };

  let listener: FeedListener | undefined;
  let port = options.port ?? 0;

  const listen = async (): Promise<void> => {
    listener = await listenForFeed(host, port, 'Floorwatch feed', attach);
    port = listener.port;
  };

  const dropConnections = (): void => {
    for (const client of [...clients]) terminate(client);
  };

  const stopListening = async (): Promise<void> => {
    const current = listener;
    listener = undefined;
    dropConnections();
    await current?.close();
  };

  await listen();

  const ticker = setInterval(advance, tickMs);
  const heartbeat = setInterval(() => {
    const frame = JSON.stringify({ type: 'heartbeat', time: floorNow(), heads: { [LIVE_STREAM]: head } } satisfies ServerFrame);
    for (const client of clients) if (client.ready) send(client, frame);
  }, heartbeatIntervalMs);
  let closed = false;

  return {
    url: `ws://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    epoch,
    headSeq: () => head,
    emitted: () => buffer.slice(bufferStart),
    onEmit: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    pause: async () => {
      if (!closed) await stopListening();
    },
    resume: async () => {
      if (!closed && !listener) await listen();
    },
    dropConnections,
    connectionCount: () => clients.size,
    badFrameCount: () => badFrames,
    users: () => floor.consoleUsers().flatMap((user) => (DEMO_USERS.some((demo) => demo.userId === user.userId) ? [{ user, token: tokenOf(user.userId) }] : [])),
    auditAnchor: (userId) => anchors.get(userId) ?? null,
    bufferedEventCount: () => buffer.length,
    close: async () => {
      if (closed) return;
      closed = true;
      clearInterval(ticker);
      clearInterval(heartbeat);
      await stopListening();
    },
  };
}
