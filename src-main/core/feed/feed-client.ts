/**
 * The feed client: one WebSocket to the contact-center feed, speaking protocol v1 (frames.ts).
 *
 * It says hello with the durable position, hands each frame's events to the sink (which stores them
 * durably before returning), and only then advances and tells listeners. Anything that could lose
 * or double-count an event makes it drop the connection and let the server replay from the durable
 * seq: a gap, a failed write, a silent server. Clock, timers, randomness and the socket are
 * injected, so every path is testable without waiting on real time.
 */
import type { BackfillStatus, ConnectionState, FeedCounters, FeedStatus } from '../../../src-shared/api/live.js';
import type { FloorEvent } from '../../../src-shared/protocol/events.js';
import { CLOSE_CODES, DEFAULT_MAX_FRAME_BYTES, LIVE_STREAM, PROTOCOL_VERSION, feedCommandSchema } from '../../../src-shared/protocol/frames.js';
import type { ClientFrame, FeedCommand, ServerFrame, ServerFrameOf, StreamPosition } from '../../../src-shared/protocol/frames.js';
import { assertNever } from '../../../src-shared/result.js';
import { backoffDelay } from '../../../src-shared/backoff.js';
import type { BackoffPolicy } from '../../../src-shared/backoff.js';
import type { FeedSocket, FeedSocketFactory } from './feed-socket.js';
import { classifyEvent, decodeServerFrame, describeIssues, excerptOf, readEventSeq, validateEvents } from './frame-decoder.js';
import type { RawFrameData, UnknownEvent } from './frame-decoder.js';
import { sequenceEvents } from './sequencer.js';

export type { FeedSocket, FeedSocketFactory, FeedSocketHandlers } from './feed-socket.js';
export type { UnknownEvent } from './frame-decoder.js';

/** A rejected frame or event, as the sink records it (a row in the rejects table). */
export interface RejectInput {
  readonly reason: string;
  readonly detail: string;
  readonly stream?: string;
  /** The event's seq when readable; informative only (an out-of-order event repeats a stored seq). */
  readonly seq?: number;
  readonly excerpt?: string;
}

export interface IngestBatch {
  readonly stream: string;
  readonly epoch: string;
  readonly events: FloorEvent[];
  readonly unknownEvents: UnknownEvent[];
  readonly rejects: RejectInput[];
  /** The stream's new durable position: the last seq consumed (valid, unknown or rejected). */
  readonly lastSeq: number;
}

export interface FeedSnapshot {
  readonly stream: string;
  readonly epoch: string;
  readonly seq: number;
  readonly time: number;
  readonly events: FloorEvent[];
}

export interface BackfillBatch {
  readonly stream: string;
  readonly epoch: string;
  readonly events: FloorEvent[];
  readonly progress: { readonly sentEvents: number; readonly totalEvents: number };
  readonly done: boolean;
}

/** Where the feed's data goes: implemented by the core over the store and the live state. */
export interface FeedSink {
  /** The durable position of a stream, or null when nothing has been stored yet. */
  position(stream: string): { epoch: string; lastSeq: number } | null;
  /** Stores one frame's worth; synchronous and durable when it returns. May throw (disk full...). */
  ingest(batch: IngestBatch): void;
  /** Replaces the stream's state with the snapshot. */
  snapshot(snapshot: FeedSnapshot): void;
  /** Frame-level rejects (no event seq to store them against). */
  reject(rejects: RejectInput[]): void;
  backfill?(batch: BackfillBatch): void;
}

export type FeedClientStatus = Omit<FeedStatus, 'now' | 'feed'>;

export interface CommandOutcome {
  readonly ok: boolean;
  readonly reason?: string;
}

export interface BackfillRequest {
  readonly since: number;
  readonly until: number;
  readonly maxEvents: number;
}

/** How long to wait between attempts when the server refused us (bad token, unsupported version). */
export interface RefusedRetryPolicy {
  readonly minMs: number;
  readonly capMs: number;
}

export interface FeedClientOptions {
  readonly url: string;
  readonly token: string;
  readonly clientName: string;
  readonly clientVersion: string;
  readonly connect: FeedSocketFactory;
  readonly now: () => number;
  readonly setTimer: (fn: () => void, ms: number) => unknown;
  readonly clearTimer: (handle: unknown) => void;
  readonly random: () => number;
  readonly sink: FeedSink;
  /** Default 250 ms base, 15 s cap. */
  readonly backoff?: BackoffPolicy;
  /** Default 5 s minimum, 60 s cap: slow enough not to hammer a server that refuses us. */
  readonly refusedRetry?: RefusedRetryPolicy;
  /** Silence after welcome that counts as a dead connection. Default 3 × the server's heartbeat interval, at least 1.5 s. */
  readonly heartbeatTimeoutMs?: number;
  /** Time allowed from opening the socket to the server's welcome. Default 10 s. */
  readonly connectTimeoutMs?: number;
  /** Default 30 s. */
  readonly commandTimeoutMs?: number;
  /** Default DEFAULT_MAX_FRAME_BYTES (4 MiB). */
  readonly maxFrameBytes?: number;
}

const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 250, capMs: 15_000 };
const DEFAULT_REFUSED_RETRY: RefusedRetryPolicy = { minMs: 5_000, capMs: 60_000 };
const MIN_HEARTBEAT_TIMEOUT_MS = 1_500;
const HEARTBEAT_TIMEOUT_FACTOR = 3;
/** Heartbeats showing the server ahead of us, with no events arriving, before we call it a gap. */
const STALL_HEARTBEATS = 2;
const STOP_GRACE_MS = 2_000;
const MAX_COMMAND_ID_LENGTH = 128;
/**
 * Events frames that arrive together (a replay, a backfill, a burst) are stored in one transaction
 * of up to this many events: a commit costs about the same for 500 events as for 5,000.
 */
export const MAX_GROUPED_EVENTS = 5_000;

interface StreamCursor {
  epoch: string;
  lastSeq: number;
  /** The server said a snapshot follows: events before it belong to a state we do not have. */
  awaitingSnapshot: boolean;
  /** Since when heartbeats have shown the server ahead of us without events arriving. */
  behindSince: number | null;
}

interface PendingCommand {
  readonly frame: ClientFrame;
  readonly promise: Promise<CommandOutcome>;
  readonly resolve: (outcome: CommandOutcome) => void;
  readonly timer: unknown;
}

interface BackfillJob {
  readonly requestId: string;
  readonly request: BackfillRequest;
  state: BackfillStatus['state'];
  sentEvents: number;
  totalEvents: number;
  error?: string;
}

type ReconnectKind = 'immediate' | 'backoff' | 'refused';

interface NumberedItem {
  readonly seq: number;
  readonly raw: unknown;
  readonly index: number;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Keeps the console connected to the feed and its events flowing into the sink, exactly once.
 *
 * Reconnects with jittered backoff, resumes from the durable seq, detects gaps, duplicates and dead
 * connections, retries commands under their id until answered, and reports all of it in status().
 */
export class FeedClient {
  private readonly options: FeedClientOptions;
  private readonly backoff: BackoffPolicy;
  private readonly refusedRetry: RefusedRetryPolicy;
  private readonly maxFrameBytes: number;

  private started = false;
  private stopped = false;
  private socket: FeedSocket | null = null;
  private closing: { socket: FeedSocket; resolve: () => void; timer: unknown } | null = null;
  private welcomed = false;
  /** The server refused us (bad token, version): shown as stopped while retrying slowly. */
  private refused = false;
  /** A gap reconnect already happened with no progress since: the next one backs off. */
  private immediateRetries = 0;
  private errorThisConnection = false;
  private heartbeatIntervalMs = 0;
  private helloPosition: { epoch: string; lastSeq: number } | null = null;
  private readonly cursors = new Map<string, StreamCursor>();

  private livenessTimer: unknown = null;
  private heartbeatTimer: unknown = null;
  private reconnectTimer: unknown = null;

  private connection: ConnectionState = 'connecting';
  private connectionSince: number;
  private lastFrameAt: number | null = null;
  private lastEventAt: number | null = null;
  private liveLastSeq = 0;
  private reconnectAttempts = 0;
  private nextRetryAt: number | null = null;
  private lastError: string | null = null;
  private framesReceived = 0;
  private eventsIngested = 0;
  private eventsDuplicate = 0;
  private gaps = 0;
  private readonly rejectCounts = new Map<string, number>();

  /** Events frames received but not yet stored: flushed at the end of the current task, at the size cap, or before any other frame. */
  private pendingEvents: { socket: FeedSocket; stream: string; epoch: string; events: unknown[] } | null = null;
  private flushQueued = false;
  private readonly pendingCommands = new Map<string, PendingCommand>();
  private backfillJob: BackfillJob | null = null;
  private backfillSequence = 0;

  private readonly statusListeners = new Set<(status: FeedClientStatus) => void>();
  private readonly eventListeners = new Set<(events: readonly FloorEvent[]) => void>();
  private readonly snapshotListeners = new Set<(snapshot: FeedSnapshot) => void>();

  constructor(options: FeedClientOptions) {
    this.options = options;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.refusedRetry = options.refusedRetry ?? DEFAULT_REFUSED_RETRY;
    this.maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    this.connectionSince = options.now();
  }

  // ---- public surface ----

  /** Connects (once); reconnects on its own until stop(). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopped = false;
    this.setConnection('connecting');
    this.openSocket();
  }

  /** Closes cleanly and stops reconnecting; pending commands are answered as not delivered. */
  stop(): Promise<void> {
    this.guarded(() => this.flushPendingEvents());
    this.stopped = true;
    this.started = false;
    this.clearConnectionTimers();
    this.clear(this.reconnectTimer);
    this.reconnectTimer = null;
    this.nextRetryAt = null;
    for (const [commandId, pending] of this.pendingCommands) {
      this.clear(pending.timer);
      this.pendingCommands.delete(commandId);
      pending.resolve({ ok: false, reason: 'the feed client stopped before the feed answered' });
    }
    if (this.backfillJob?.state === 'running') {
      this.backfillJob.state = 'failed';
      this.backfillJob.error = 'stopped before the backfill finished';
    }
    this.setConnection('stopped');
    const socket = this.socket;
    this.socket = null;
    this.welcomed = false;
    if (socket === null) return this.closing ? new Promise((resolve) => this.whenClosed(resolve)) : Promise.resolve();
    return new Promise((resolve) => {
      const timer = this.options.setTimer(() => {
        // No closing handshake from the server: drop the connection rather than wait forever.
        if (this.closing?.socket === socket) {
          this.closing = null;
          socket.terminate();
          resolve();
        }
      }, STOP_GRACE_MS);
      this.closing = { socket, resolve, timer };
      try {
        socket.close(1000, 'client stopping');
      } catch {
        socket.terminate();
      }
    });
  }

  /** A copy of the current status: connection, data age, position, counters and backfill progress. */
  status(): FeedClientStatus {
    const rejects: Record<string, number> = {};
    for (const [reason, count] of this.rejectCounts) rejects[reason] = count;
    const counters: FeedCounters = {
      framesReceived: this.framesReceived,
      eventsIngested: this.eventsIngested,
      eventsDuplicate: this.eventsDuplicate,
      gaps: this.gaps,
      rejects,
    };
    const job = this.backfillJob;
    const backfill: BackfillStatus = job
      ? { state: job.state, sentEvents: job.sentEvents, totalEvents: job.totalEvents, ...(job.error === undefined ? {} : { error: job.error }) }
      : { state: 'idle', sentEvents: 0, totalEvents: 0 };
    return {
      connection: this.connection,
      connectionSince: this.connectionSince,
      lastFrameAt: this.lastFrameAt,
      lastEventAt: this.lastEventAt,
      lastSeq: this.liveLastSeq,
      reconnectAttempts: this.reconnectAttempts,
      nextRetryAt: this.nextRetryAt,
      lastError: this.lastError,
      counters,
      backfill,
    };
  }

  /** Called after every change of status (frames, connection, counters). Returns an unsubscribe. */
  onStatus(listener: (status: FeedClientStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Live-stream events, called only after the sink has stored them durably. Returns an unsubscribe. */
  onEvents(listener: (events: readonly FloorEvent[]) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Live-stream snapshots, called after the sink has applied them. Returns an unsubscribe. */
  onSnapshot(listener: (snapshot: FeedSnapshot) => void): () => void {
    this.snapshotListeners.add(listener);
    return () => this.snapshotListeners.delete(listener);
  }

  /**
   * Sends a command and resolves with the feed's answer.
   *
   * Queued while disconnected and resent after every reconnect under the same commandId until a
   * result arrives (the server applies a commandId once). Resolves { ok: false } with a reason on an
   * invalid command, on stop(), or when no answer came within the timeout; the promise never rejects.
   */
  sendCommand(commandId: string, command: FeedCommand): Promise<CommandOutcome> {
    const existing = this.pendingCommands.get(commandId);
    if (existing) return existing.promise;
    if (commandId.length === 0 || commandId.length > MAX_COMMAND_ID_LENGTH) {
      return Promise.resolve({ ok: false, reason: `invalid command id: expected 1 to ${MAX_COMMAND_ID_LENGTH} characters` });
    }
    const parsed = feedCommandSchema.safeParse(command);
    if (!parsed.success) return Promise.resolve({ ok: false, reason: `invalid command: ${describeIssues(parsed.error)}` });
    if (this.stopped) return Promise.resolve({ ok: false, reason: 'the feed client is stopped' });
    const timeoutMs = this.options.commandTimeoutMs ?? 30_000;
    let resolve: (outcome: CommandOutcome) => void = () => undefined;
    const promise = new Promise<CommandOutcome>((settle) => {
      resolve = settle;
    });
    const timer = this.options.setTimer(() => {
      if (this.pendingCommands.get(commandId)?.promise !== promise) return;
      this.pendingCommands.delete(commandId);
      resolve({ ok: false, reason: `no answer from the feed within ${Math.round(timeoutMs / 1000)} s; it may or may not have been applied` });
    }, timeoutMs);
    const frame: ClientFrame = { type: 'command', commandId, command: parsed.data };
    this.pendingCommands.set(commandId, { frame, promise, resolve, timer });
    if (this.welcomed) this.send(frame);
    return promise;
  }

  /**
   * Asks the feed for history between since and until (bounded by maxEvents), delivered to sink.backfill.
   *
   * One backfill at a time: a new request replaces a running one. Sent now when connected, else at
   * the next welcome; re-requested after a reconnect (the sink's writes are idempotent by seq).
   */
  requestBackfill(request: BackfillRequest): void {
    this.backfillSequence += 1;
    const requestId = `backfill-${this.options.now().toString(36)}-${this.backfillSequence}`;
    this.backfillJob = { requestId, request, state: 'running', sentEvents: 0, totalEvents: 0 };
    if (this.welcomed) this.sendBackfillRequest(this.backfillJob);
    this.emitStatus();
  }

  // ---- connection lifecycle ----

  private openSocket(): void {
    this.nextRetryAt = null;
    this.errorThisConnection = false;
    this.welcomed = false;
    let socket: FeedSocket;
    try {
      socket = this.options.connect(this.options.url);
    } catch (error) {
      this.recordError(`could not open the feed connection: ${messageOf(error)}`);
      this.scheduleReconnect('backoff');
      return;
    }
    this.socket = socket;
    socket.listen({
      open: () => {
        if (this.socket === socket) this.onOpen();
      },
      message: (data) => {
        if (this.socket === socket) this.onMessage(data);
      },
      close: (code, reason) => this.onSocketClose(socket, code, reason),
      error: (error) => {
        if (this.socket !== socket) return;
        this.recordError(`feed connection error: ${error.message}`);
        this.emitStatus();
      },
    });
    const connectTimeoutMs = this.options.connectTimeoutMs ?? 10_000;
    this.armLiveness(connectTimeoutMs, `no welcome from the feed within ${connectTimeoutMs} ms`);
    this.emitStatus();
  }

  private onOpen(): void {
    let position: { epoch: string; lastSeq: number } | null;
    try {
      position = this.options.sink.position(LIVE_STREAM);
    } catch (error) {
      this.recordError(`could not read the stored feed position: ${messageOf(error)}`);
      this.dropConnection('terminate', 'backoff');
      return;
    }
    this.helloPosition = position;
    this.liveLastSeq = position?.lastSeq ?? 0;
    const stream: StreamPosition = position && position.epoch.length > 0 ? { stream: LIVE_STREAM, epoch: position.epoch, lastSeq: position.lastSeq } : { stream: LIVE_STREAM, lastSeq: 0 };
    this.send({
      type: 'hello',
      protocolVersion: PROTOCOL_VERSION,
      token: this.options.token,
      client: { name: this.options.clientName, version: this.options.clientVersion },
      streams: [stream],
    });
  }

  private onSocketClose(socket: FeedSocket, code: number, reason: string): void {
    if (this.closing?.socket === socket) {
      const { resolve, timer } = this.closing;
      this.closing = null;
      this.clear(timer);
      resolve();
      return;
    }
    if (this.socket !== socket) return;
    // What arrived before the close is valid data: store it rather than ask for it again.
    this.guarded(() => this.flushPendingEvents());
    if (this.socket !== socket) return;
    this.socket = null;
    this.clearConnectionTimers();
    if (this.stopped) return;
    const refusedByCode = code === CLOSE_CODES.unauthorized || code === CLOSE_CODES.unsupportedVersion;
    if (refusedByCode) this.refused = true;
    if (!this.errorThisConnection || refusedByCode) {
      this.recordError(`the feed closed the connection (code ${code}${reason ? `: ${reason}` : ''})`);
    }
    this.scheduleReconnect(this.refused ? 'refused' : 'backoff');
  }

  /** Leaves the current connection (without waiting for it to finish closing) and plans the next. */
  private dropConnection(how: 'terminate' | { code: number; reason: string }, next: ReconnectKind): void {
    const socket = this.socket;
    this.socket = null;
    this.clearConnectionTimers();
    if (socket) {
      try {
        if (how === 'terminate') socket.terminate();
        else socket.close(how.code, how.reason);
      } catch {
        socket.terminate();
      }
    }
    this.scheduleReconnect(next);
  }

  private scheduleReconnect(kind: ReconnectKind): void {
    this.welcomed = false;
    if (this.stopped) return;
    let delay: number;
    if (kind === 'immediate' && this.immediateRetries === 0) {
      // The server replays from the durable seq at once; a second gap with no progress in between backs off.
      this.immediateRetries += 1;
      delay = 0;
    } else if (kind === 'refused') {
      delay = Math.max(this.refusedRetry.minMs, backoffDelay(this.reconnectAttempts, { baseMs: this.backoff.baseMs, capMs: this.refusedRetry.capMs }, this.options.random));
      this.reconnectAttempts += 1;
    } else {
      delay = backoffDelay(this.reconnectAttempts, this.backoff, this.options.random);
      this.reconnectAttempts += 1;
    }
    this.nextRetryAt = this.options.now() + delay;
    this.setConnection(this.refused ? 'stopped' : 'reconnecting');
    this.clear(this.reconnectTimer);
    this.reconnectTimer = this.options.setTimer(() => {
      this.reconnectTimer = null;
      if (!this.stopped) this.openSocket();
    }, delay);
    this.emitStatus();
  }

  private armLiveness(ms: number, message: string): void {
    this.clear(this.livenessTimer);
    this.livenessTimer = this.options.setTimer(() => {
      this.livenessTimer = null;
      this.recordError(message);
      this.dropConnection('terminate', 'backoff');
    }, ms);
  }

  private heartbeatTimeoutMs(): number {
    return this.options.heartbeatTimeoutMs ?? Math.max(MIN_HEARTBEAT_TIMEOUT_MS, HEARTBEAT_TIMEOUT_FACTOR * this.heartbeatIntervalMs);
  }

  private armHeartbeatSender(): void {
    this.clear(this.heartbeatTimer);
    this.heartbeatTimer = this.options.setTimer(() => {
      this.heartbeatTimer = null;
      if (!this.welcomed) return;
      this.send({ type: 'heartbeat', time: this.options.now() });
      this.armHeartbeatSender();
    }, this.heartbeatIntervalMs);
  }

  private clearConnectionTimers(): void {
    this.clear(this.livenessTimer);
    this.clear(this.heartbeatTimer);
    this.livenessTimer = null;
    this.heartbeatTimer = null;
  }

  private whenClosed(resolve: () => void): void {
    const closing = this.closing;
    if (!closing) {
      resolve();
      return;
    }
    const previous = closing.resolve;
    closing.resolve = () => {
      previous();
      resolve();
    };
  }

  // ---- frames ----

  private onMessage(data: RawFrameData): void {
    this.framesReceived += 1;
    this.lastFrameAt = this.options.now();
    if (this.welcomed) this.armLiveness(this.heartbeatTimeoutMs(), `no frame from the feed within ${this.heartbeatTimeoutMs()} ms`);
    this.guarded(() => {
      const decoded = decodeServerFrame(data, this.maxFrameBytes);
      if (!decoded.ok) this.rejectFrame(decoded.reason, decoded.detail);
      else if (decoded.frame.type === 'events') this.queueEvents(decoded.frame);
      else {
        // Order matters (a heartbeat's head, a snapshot, a gap check): store what came first.
        this.flushPendingEvents();
        this.onFrame(decoded.frame);
      }
    });
    this.emitStatus();
  }

  /** Runs feed handling; a sink failure (e.g. disk full) advances nothing and the server replays after a reconnect. */
  private guarded(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.recordError(`storing feed data failed: ${messageOf(error)}`);
      this.dropConnection('terminate', 'backoff');
    }
  }

  private queueEvents(frame: ServerFrameOf<'events'>): void {
    const socket = this.socket;
    if (socket === null) return;
    const pending = this.pendingEvents;
    if (pending !== null && (pending.socket !== socket || pending.stream !== frame.stream || pending.epoch !== frame.epoch)) this.flushPendingEvents();
    if (this.pendingEvents === null) this.pendingEvents = { socket, stream: frame.stream, epoch: frame.epoch, events: [] };
    const events = this.pendingEvents.events;
    for (const event of frame.events) events.push(event);
    if (events.length >= MAX_GROUPED_EVENTS) {
      this.flushPendingEvents();
      return;
    }
    if (this.flushQueued) return;
    this.flushQueued = true;
    // Frames read from the socket in the same task arrive before this runs, and share its transaction.
    queueMicrotask(() => {
      this.flushQueued = false;
      this.guarded(() => this.flushPendingEvents());
      this.emitStatus();
    });
  }

  private flushPendingEvents(): void {
    const pending = this.pendingEvents;
    this.pendingEvents = null;
    // Events of a connection we have left are dropped: the next connection resumes from the durable seq.
    if (pending === null || pending.socket !== this.socket) return;
    this.onEventsFrame({ type: 'events', stream: pending.stream, epoch: pending.epoch, events: pending.events });
  }

  private onFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case 'welcome':
        return this.onWelcome(frame);
      case 'snapshot':
        return this.onSnapshotFrame(frame);
      case 'events':
        return this.onEventsFrame(frame);
      case 'heartbeat':
        return this.onHeartbeat(frame);
      case 'backfill':
        return this.onBackfillFrame(frame);
      case 'command.result':
        return this.onCommandResult(frame);
      case 'error':
        return this.onErrorFrame(frame);
      default:
        assertNever(frame, 'server frame');
    }
  }

  private onWelcome(frame: ServerFrameOf<'welcome'>): void {
    if (frame.protocolVersion !== PROTOCOL_VERSION) {
      this.refuse(`the feed speaks protocol ${frame.protocolVersion}; this console speaks ${PROTOCOL_VERSION}`);
      return;
    }
    this.welcomed = true;
    this.refused = false;
    this.heartbeatIntervalMs = frame.heartbeatIntervalMs;
    this.reconnectAttempts = 0;
    this.nextRetryAt = null;
    this.cursors.clear();
    for (const resume of frame.streams) {
      const stored = resume.stream === LIVE_STREAM ? this.helloPosition : this.options.sink.position(resume.stream);
      const storedEpoch = stored && stored.epoch.length > 0 ? stored.epoch : null;
      // With nothing stored, a replay simply starts this epoch from seq 1.
      const awaitingSnapshot = resume.resume === 'snapshot' || (storedEpoch !== null && storedEpoch !== resume.epoch);
      const lastSeq = !awaitingSnapshot && stored && storedEpoch === resume.epoch ? stored.lastSeq : 0;
      this.cursors.set(resume.stream, { epoch: resume.epoch, lastSeq, awaitingSnapshot, behindSince: null });
      if (resume.stream === LIVE_STREAM && !awaitingSnapshot) this.liveLastSeq = lastSeq;
    }
    this.setConnection('live');
    this.armLiveness(this.heartbeatTimeoutMs(), `no frame from the feed within ${this.heartbeatTimeoutMs()} ms`);
    this.armHeartbeatSender();
    for (const pending of this.pendingCommands.values()) this.send(pending.frame);
    if (this.backfillJob?.state === 'running') this.sendBackfillRequest(this.backfillJob);
  }

  private onSnapshotFrame(frame: ServerFrameOf<'snapshot'>): void {
    const cursor = this.cursors.get(frame.stream);
    if (!cursor) {
      this.rejectFrame('unknown_stream', `snapshot for stream "${frame.stream}" that the feed did not announce`, frame.stream);
      return;
    }
    const { valid, unknown, rejects } = validateEvents(frame.events);
    const snapshot: FeedSnapshot = { stream: frame.stream, epoch: frame.epoch, seq: frame.seq, time: frame.time, events: valid };
    this.options.sink.snapshot(snapshot);
    cursor.epoch = frame.epoch;
    cursor.lastSeq = frame.seq;
    cursor.awaitingSnapshot = false;
    cursor.behindSince = null;
    this.immediateRetries = 0;
    if (rejects.length > 0) this.rejectFrames(rejects.map((reject) => ({ ...reject, stream: frame.stream })));
    this.count('unknown_event_type', unknown.length);
    if (frame.stream !== LIVE_STREAM) return;
    this.liveLastSeq = frame.seq;
    this.lastEventAt = this.options.now();
    for (const listener of this.snapshotListeners) this.notify(() => listener(snapshot));
  }

  private onEventsFrame(frame: ServerFrameOf<'events'>): void {
    const cursor = this.cursors.get(frame.stream);
    if (!cursor) {
      this.rejectFrame('unknown_stream', `${frame.events.length} events for stream "${frame.stream}" that the feed did not announce`, frame.stream);
      return;
    }
    if (cursor.awaitingSnapshot) {
      this.rejectFrame('epoch_mismatch', `${frame.events.length} events for epoch ${frame.epoch} arrived before its snapshot`, frame.stream);
      return;
    }
    if (frame.epoch !== cursor.epoch) {
      // The stream restarted under a new epoch: reconnect so the hello asks for a snapshot.
      this.rejectFrame('epoch_mismatch', `${frame.events.length} events for epoch ${frame.epoch}; the stream is at epoch ${cursor.epoch}`, frame.stream);
      this.dropConnection({ code: CLOSE_CODES.gap, reason: 'epoch changed' }, 'immediate');
      return;
    }
    cursor.behindSince = null;

    const numbered: NumberedItem[] = [];
    const unnumbered: { index: number; raw: unknown }[] = [];
    frame.events.forEach((raw, index) => {
      const seq = readEventSeq(raw);
      if (seq === null) unnumbered.push({ index, raw });
      else numbered.push({ seq, raw, index });
    });
    const sequenced = sequenceEvents(cursor.lastSeq, numbered);
    const cutIndex = sequenced.gapIndex === null ? Number.POSITIVE_INFINITY : (numbered[sequenced.gapIndex]?.index ?? Number.POSITIVE_INFINITY);

    const validated = validateEvents(sequenced.accepted.map((item) => item.raw));
    const events = validated.valid;
    const unknownEvents = validated.unknown;
    const rejects: RejectInput[] = validated.rejects.map((reject) => ({ ...reject, stream: frame.stream }));
    let invalidCount = rejects.length;
    for (const item of unnumbered) {
      // Past a gap the server will send these again; record them then, not twice.
      if (item.index >= cutIndex) continue;
      const classified = classifyEvent(item.raw);
      if (classified.kind === 'invalid') {
        rejects.push({ ...classified.reject, stream: frame.stream });
        invalidCount += 1;
      }
    }
    for (const item of sequenced.outOfOrderItems) {
      rejects.push({ reason: 'out_of_order', detail: `seq ${item.seq} arrived after a higher seq in the same frame`, stream: frame.stream, seq: item.seq, excerpt: excerptOf(item.raw) });
    }

    const lastAccepted = sequenced.accepted[sequenced.accepted.length - 1];
    const lastSeq = lastAccepted ? lastAccepted.seq : cursor.lastSeq;
    if (sequenced.accepted.length > 0 || rejects.length > 0) {
      this.options.sink.ingest({ stream: frame.stream, epoch: frame.epoch, events, unknownEvents, rejects, lastSeq });
    }
    // Durable from here on: advance, count, tell listeners.
    cursor.lastSeq = lastSeq;
    this.eventsIngested += events.length;
    this.eventsDuplicate += sequenced.duplicates;
    this.count('invalid_event', invalidCount);
    this.count('unknown_event_type', unknownEvents.length);
    this.count('out_of_order', sequenced.outOfOrder);
    if (sequenced.accepted.length > 0) this.immediateRetries = 0;
    if (frame.stream === LIVE_STREAM) {
      this.liveLastSeq = lastSeq;
      if (events.length > 0) {
        this.lastEventAt = this.options.now();
        for (const listener of this.eventListeners) this.notify(() => listener(events));
      }
    }
    if (sequenced.gapAfter !== null) {
      const next = numbered[sequenced.gapIndex ?? 0]?.seq;
      this.gaps += 1;
      this.recordError(`gap in stream ${frame.stream}: seq ${next} followed ${sequenced.gapAfter}; resuming from ${sequenced.gapAfter}`);
      this.dropConnection({ code: CLOSE_CODES.gap, reason: 'gap' }, 'immediate');
    }
  }

  private onHeartbeat(frame: ServerFrameOf<'heartbeat'>): void {
    const now = this.options.now();
    for (const [stream, cursor] of this.cursors) {
      const head = frame.heads[stream];
      const behind = cursor.awaitingSnapshot || (head !== undefined && head > cursor.lastSeq);
      if (!behind) {
        cursor.behindSince = null;
        continue;
      }
      if (cursor.behindSince === null) {
        cursor.behindSince = now;
        continue;
      }
      if (now - cursor.behindSince >= STALL_HEARTBEATS * this.heartbeatIntervalMs) {
        // The server is ahead and sends nothing: an event went missing between frames.
        this.gaps += 1;
        this.recordError(
          cursor.awaitingSnapshot
            ? `stream ${stream}: the promised snapshot did not arrive`
            : `stream ${stream} stalled: the feed is at seq ${head}, stored ${cursor.lastSeq}`,
        );
        this.dropConnection({ code: CLOSE_CODES.gap, reason: 'stalled' }, 'immediate');
        return;
      }
    }
  }

  private onBackfillFrame(frame: ServerFrameOf<'backfill'>): void {
    const job = this.backfillJob;
    if (!job || job.requestId !== frame.requestId || job.state !== 'running') return;
    const { valid, unknown, rejects } = validateEvents(frame.events);
    try {
      this.options.sink.backfill?.({ stream: frame.stream, epoch: frame.epoch, events: valid, progress: frame.progress, done: frame.done });
    } catch (error) {
      // History is a bonus: a failed backfill must not take the live feed down with it.
      job.state = 'failed';
      job.error = `storing backfill failed: ${messageOf(error)}`;
      this.recordError(job.error);
      return;
    }
    if (rejects.length > 0) this.rejectFrames(rejects.map((reject) => ({ ...reject, stream: frame.stream })));
    this.count('unknown_event_type', unknown.length);
    job.sentEvents = frame.progress.sentEvents;
    job.totalEvents = frame.progress.totalEvents;
    if (frame.done) {
      job.state = 'done';
      if (frame.truncated) job.error = `stopped at ${job.request.maxEvents} events (the limit asked for)`;
    }
  }

  private onCommandResult(frame: ServerFrameOf<'command.result'>): void {
    const pending = this.pendingCommands.get(frame.commandId);
    // A resent command can be answered twice; the first answer wins.
    if (!pending) return;
    this.pendingCommands.delete(frame.commandId);
    this.clear(pending.timer);
    pending.resolve(frame.reason === undefined ? { ok: frame.ok } : { ok: frame.ok, reason: frame.reason });
  }

  private onErrorFrame(frame: ServerFrameOf<'error'>): void {
    switch (frame.code) {
      case 'unauthorized':
      case 'unsupported_version':
        this.refuse(`the feed refused the connection (${frame.code}): ${frame.message}`);
        return;
      case 'bad_frame':
      case 'internal':
        this.recordError(`the feed reported ${frame.code}: ${frame.message}`);
        return;
      default:
        assertNever(frame.code, 'error code');
    }
  }

  /** The server will not talk to us as we are: show it as stopped and only retry slowly. */
  private refuse(message: string): void {
    this.refused = true;
    this.recordError(message);
    this.dropConnection({ code: 1000, reason: 'refused' }, 'refused');
  }

  // ---- helpers ----

  private sendBackfillRequest(job: BackfillJob): void {
    this.send({ type: 'backfill.request', requestId: job.requestId, since: job.request.since, until: job.request.until, maxEvents: job.request.maxEvents });
  }

  private send(frame: ClientFrame): void {
    const socket = this.socket;
    if (!socket) return;
    try {
      socket.send(JSON.stringify(frame));
    } catch (error) {
      // The close handler follows a failed send; what was not answered is resent after the reconnect.
      this.recordError(`sending to the feed failed: ${messageOf(error)}`);
    }
  }

  private rejectFrame(reason: string, detail: string, stream?: string): void {
    this.rejectFrames([stream === undefined ? { reason, detail } : { reason, detail, stream }]);
  }

  private rejectFrames(rejects: RejectInput[]): void {
    this.options.sink.reject(rejects);
    for (const reject of rejects) this.count(reject.reason, 1);
  }

  private count(reason: string, amount: number): void {
    if (amount > 0) this.rejectCounts.set(reason, (this.rejectCounts.get(reason) ?? 0) + amount);
  }

  private recordError(message: string): void {
    this.lastError = message;
    this.errorThisConnection = true;
  }

  private notify(call: () => void): void {
    try {
      call();
    } catch (error) {
      this.recordError(`a feed listener failed: ${messageOf(error)}`);
    }
  }

  private setConnection(connection: ConnectionState): void {
    if (this.connection === connection) return;
    this.connection = connection;
    this.connectionSince = this.options.now();
    this.emitStatus();
  }

  private emitStatus(): void {
    if (this.statusListeners.size === 0) return;
    const status = this.status();
    for (const listener of this.statusListeners) {
      try {
        listener(status);
      } catch {
        // A status listener cannot break the feed; it will see the next status anyway.
      }
    }
  }

  private clear(handle: unknown): void {
    if (handle !== null && handle !== undefined) this.options.clearTimer(handle);
  }
}
