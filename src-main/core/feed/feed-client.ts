/**
 * The feed client: one WebSocket to the contact-center feed, speaking protocol v1.1 (frames.ts).
 *
 * It says hello with the durable position, hands each frame's events to the sink (which stores them
 * durably before returning), and only then advances and tells listeners. Anything that could lose
 * or double-count an event makes it drop the connection and let the server replay from the durable
 * seq: a gap, a failed write, a silent server. Clock, timers, randomness and the socket are
 * injected, so every path is testable without waiting on real time.
 *
 * This class is the handshake and the frame dispatch; its parts each hold one concern:
 * ReconnectPlan (when to try again), ConnectionWatch (liveness and heartbeats), StreamCursors and
 * sequenceFrame (where each stream stands, gaps and duplicates), CommandOutbox (commands until
 * answered), BackfillJob (the history request), SnapshotAssembly (a snapshot sent in chunks, applied
 * whole or not at all), FeedIdentity (who the welcome says the user is) and FeedHealth (what
 * status() reports).
 */
import type { ConnectionState } from '../../../src-shared/api/live.js';
import type { FloorEvent } from '../../../src-shared/protocol/events.js';
import { CLOSE_CODES, DEFAULT_MAX_FRAME_BYTES, LIVE_STREAM, PROTOCOL_MINOR, PROTOCOL_VERSION } from '../../../src-shared/protocol/frames.js';
import type { AuditHead, ClientFrame, FeedCommand, FeedUser, ServerFrame, ServerFrameOf, StreamPosition } from '../../../src-shared/protocol/frames.js';
import { assertNever } from '../../../src-shared/result.js';
import { BACKFILL_PART_EVENTS, BackfillIntake } from './backfill-intake.js';
import { BackfillJob } from './backfill-job.js';
import { CommandOutbox } from './command-outbox.js';
import { ConnectionWatch } from './connection-watch.js';
import { FeedHealth } from './feed-health.js';
import { FeedIdentity } from './feed-identity.js';
import type { FeedSocket } from './feed-socket.js';
import type { BackfillRequest, CommandOutcome, FeedClientOptions, FeedClientStatus, FeedSnapshot, RejectInput } from './feed-types.js';
import { EventsGrouping } from './events-grouping.js';
import { decodeServerFrame } from './frame-decoder.js';
import type { RawFrameData } from './frame-decoder.js';
import { ReconnectPlan, type ReconnectKind } from './reconnect-plan.js';
import { sequenceFrame } from './sequencer.js';
import { SnapshotIntake } from './snapshot-intake.js';
import { StreamCursors } from './stream-cursors.js';
import { errorMessage } from '../../../src-shared/errors.js';

export type { FeedSocket, FeedSocketFactory, FeedSocketHandlers } from './feed-socket.js';
export type { UnknownEvent } from './frame-decoder.js';
export type { BackfillBatch, BackfillRequest, CommandOutcome, FeedClientOptions, FeedClientStatus, FeedSink, FeedSnapshot, IngestBatch, RefusedRetryPolicy, RejectInput, SendCommandOptions } from './feed-types.js';

const DEFAULT_BACKOFF = { baseMs: 250, capMs: 15_000 };
const DEFAULT_REFUSED_RETRY = { minMs: 5_000, capMs: 60_000 };
const MIN_HEARTBEAT_TIMEOUT_MS = 1_500;
const HEARTBEAT_TIMEOUT_FACTOR = 3;
const STOP_GRACE_MS = 250; // stop()'s wait for the server's close frame: a courtesy, what was stored is durable
/**
 * Events frames that arrive together (a replay, a burst) are stored in one transaction of up to this
 * many events: a commit rewrites the pages its events share (docs/decisions/0055-sqlite-work-per-event.md).
 */
export const MAX_GROUPED_EVENTS = 10_000;

const messageOf = errorMessage;

/**
 * Keeps the console connected to the feed and its events flowing into the sink, exactly once.
 *
 * Reconnects with jittered backoff, resumes from the durable seq, detects gaps, duplicates and dead
 * connections, retries commands under their id until answered, and reports all of it in status().
 */
export class FeedClient {
  private readonly options: FeedClientOptions;
  private readonly maxFrameBytes: number;
  private readonly health: FeedHealth;
  private readonly reconnect: ReconnectPlan;
  private readonly watch: ConnectionWatch;
  private readonly cursors = new StreamCursors();
  private readonly commands: CommandOutbox;
  private readonly backfill = new BackfillJob();
  private readonly identity = new FeedIdentity();
  private readonly snapshots: SnapshotIntake;

  private started = false;
  private stopped = false;
  private socket: FeedSocket | null = null;
  private closing: { socket: FeedSocket; resolve: () => void; timer: unknown } | null = null;
  private welcomed = false;
  /** The server refused us (bad token, version): shown as stopped while retrying slowly. */
  private refused = false;
  private heartbeatIntervalMs = 0;
  private helloPosition: { epoch: string; lastSeq: number } | null = null;

  private readonly grouping: EventsGrouping<FeedSocket>;
  private readonly backfillIntake: BackfillIntake;

  private readonly statusListeners = new Set<(status: FeedClientStatus) => void>();
  private readonly eventListeners = new Set<(events: readonly FloorEvent[]) => void>();
  private readonly snapshotListeners = new Set<(snapshot: FeedSnapshot) => void>();

  constructor(options: FeedClientOptions) {
    this.options = options;
    this.maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    const timers = { setTimer: options.setTimer, clearTimer: options.clearTimer };
    this.health = new FeedHealth(options.now);
    this.reconnect = new ReconnectPlan({
      ...timers,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      refusedRetry: options.refusedRetry ?? DEFAULT_REFUSED_RETRY,
      now: options.now,
      random: options.random,
    });
    this.watch = new ConnectionWatch(timers);
    this.commands = new CommandOutbox({ ...timers, timeoutMs: options.commandTimeoutMs ?? 30_000, send: (frame) => this.send(frame) });
    this.snapshots = new SnapshotIntake({
      cursors: this.cursors,
      sink: options.sink,
      health: this.health,
      now: options.now,
      reject: (rejects) => this.rejectFrames(rejects),
      progressed: () => this.reconnect.progressed(),
      applied: (snapshot) => {
        for (const listener of this.snapshotListeners) this.notify(() => listener(snapshot));
      },
      refused: () => this.dropConnection({ code: CLOSE_CODES.gap, reason: 'snapshot refused' }, 'immediate'),
    });
    this.grouping = new EventsGrouping<FeedSocket>({
      maxEvents: MAX_GROUPED_EVENTS,
      store: (frame) => this.onEventsFrame(frame),
      isCurrent: (socket) => socket === this.socket,
      endOfTask: () => {
        this.guarded(() => this.flushPendingEvents());
        this.emitStatus();
      },
    });
    this.backfillIntake = new BackfillIntake({
      partEvents: options.backfillPartEvents ?? BACKFILL_PART_EVENTS,
      sink: options.sink, job: this.backfill, health: this.health,
      reject: (rejects) => this.rejectFrames(rejects),
      socket: () => this.socket,
      arrived: () => this.frameArrived(),
      handle: (data, counted) => this.onMessage(data, counted),
      settled: () => this.emitStatus(),
    });
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
    this.watch.clear();
    this.reconnect.cancel();
    this.commands.failAll('the feed client stopped before the feed answered');
    this.backfill.fail('stopped before the backfill finished');
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
    const health = this.health;
    return {
      connection: health.connection,
      connectionSince: health.connectionSince,
      lastFrameAt: health.lastFrameAt,
      lastEventAt: health.lastEventAt,
      lastSeq: health.liveLastSeq,
      reconnectAttempts: this.reconnect.attempts,
      nextRetryAt: this.reconnect.nextRetryAt,
      lastError: health.lastError,
      counters: health.counters(),
      backfill: this.backfill.status(),
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

  /** The user the feed's last welcome named (v1.1); null before any welcome or from a v1 feed. */
  user(): FeedUser | null {
    return this.identity.user();
  }

  /** The audit head the feed holds for this user (the last welcome's anchor), or null. */
  auditAnchor(): AuditHead | null {
    return this.identity.auditAnchor();
  }

  /** Called after the first welcome and whenever a welcome names another user (or none). Returns an unsubscribe. */
  onUserChange(listener: (user: FeedUser | null) => void): () => void {
    return this.identity.onChange(listener);
  }

  /**
   * Sends a command and resolves with the feed's answer.
   *
   * Queued while disconnected and resent after every reconnect under the same commandId until a
   * result arrives (the server applies a commandId once). Resolves { ok: false } with a reason on an
   * invalid command, on stop(), or when no answer came within the timeout; the promise never rejects.
   * `auditHead` goes on the frame: the feed keeps it as this user's audit anchor.
   */
  sendCommand(commandId: string, command: FeedCommand, options?: { readonly auditHead?: AuditHead }): Promise<CommandOutcome> {
    return this.commands.submit(commandId, command, { stopped: this.stopped, connected: this.welcomed }, options?.auditHead);
  }

  /**
   * Asks the feed for history between since and until (bounded by maxEvents), delivered to sink.backfill.
   *
   * One backfill at a time: a new request replaces a running one. Sent now when connected, else at
   * the next welcome; re-requested after a reconnect (the sink's writes are idempotent by seq).
   */
  requestBackfill(request: BackfillRequest): void {
    const frame = this.backfill.start(request, this.options.now());
    if (this.welcomed) this.send(frame);
    this.emitStatus();
  }

  // ---- connection lifecycle ----

  private openSocket(): void {
    this.reconnect.cancel();
    this.health.errorThisConnection = false;
    this.welcomed = false;
    // Parts of a snapshot from a connection since left are never applied: the next one is sent whole.
    this.snapshots.abandon();
    let socket: FeedSocket;
    try {
      socket = this.options.connect(this.options.url);
    } catch (error) {
      this.health.recordError(`could not open the feed connection: ${messageOf(error)}`);
      this.scheduleReconnect('backoff');
      return;
    }
    this.socket = socket;
    this.backfillIntake.reset();
    socket.listen({
      open: () => {
        if (this.socket === socket) this.onOpen();
      },
      message: (data) => {
        if (this.socket === socket) this.backfillIntake.receive(data);
      },
      close: (code, reason) => this.onSocketClose(socket, code, reason),
      error: (error) => {
        if (this.socket !== socket) return;
        this.health.recordError(`feed connection error: ${error.message}`);
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
      this.health.recordError(`could not read the stored feed position: ${messageOf(error)}`);
      this.dropConnection('terminate', 'backoff');
      return;
    }
    this.helloPosition = position;
    this.health.liveLastSeq = position?.lastSeq ?? 0;
    const stream: StreamPosition = position && position.epoch.length > 0 ? { stream: LIVE_STREAM, epoch: position.epoch, lastSeq: position.lastSeq } : { stream: LIVE_STREAM, lastSeq: 0 };
    this.send({
      type: 'hello',
      protocolVersion: PROTOCOL_VERSION,
      minor: PROTOCOL_MINOR,
      token: this.options.token,
      client: { name: this.options.clientName, version: this.options.clientVersion },
      streams: [stream],
      chunkedSnapshots: this.options.chunkedSnapshots !== false,
    });
  }

  private onSocketClose(socket: FeedSocket, code: number, reason: string): void {
    if (this.closing?.socket === socket) {
      const { resolve, timer } = this.closing;
      this.closing = null;
      this.options.clearTimer(timer);
      resolve();
      return;
    }
    if (this.socket !== socket) return;
    // What arrived before the close is valid data: store it rather than ask for it again.
    this.guarded(() => this.flushPendingEvents());
    if (this.socket !== socket) return;
    this.socket = null;
    this.watch.clear();
    if (this.stopped) return;
    const refusedByCode = code === CLOSE_CODES.unauthorized || code === CLOSE_CODES.unsupportedVersion;
    if (refusedByCode) this.refused = true;
    if (!this.health.errorThisConnection || refusedByCode) {
      this.health.recordError(`the feed closed the connection (code ${code}${reason ? `: ${reason}` : ''})`);
    }
    this.scheduleReconnect(this.refused ? 'refused' : 'backoff');
  }

  /** Leaves the current connection (without waiting for it to finish closing) and plans the next. */
  private dropConnection(how: 'terminate' | { code: number; reason: string }, next: ReconnectKind): void {
    const socket = this.socket;
    this.socket = null;
    this.watch.clear();
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
    this.reconnect.schedule(kind, () => {
      if (!this.stopped) this.openSocket();
    });
    this.setConnection(this.refused ? 'stopped' : 'reconnecting');
    this.emitStatus();
  }

  private armLiveness(ms: number, message: string): void {
    this.watch.armLiveness(ms, () => {
      this.health.recordError(message);
      this.dropConnection('terminate', 'backoff');
    });
  }

  private heartbeatTimeoutMs(): number {
    return this.options.heartbeatTimeoutMs ?? Math.max(MIN_HEARTBEAT_TIMEOUT_MS, HEARTBEAT_TIMEOUT_FACTOR * this.heartbeatIntervalMs);
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

  /** Counts a frame and re-arms the liveness watch as it arrives (a frame kept behind a backfill is handled later). */
  private frameArrived(): void {
    this.health.framesReceived += 1;
    this.health.lastFrameAt = this.options.now();
    if (this.welcomed) this.armLiveness(this.heartbeatTimeoutMs(), `no frame from the feed within ${this.heartbeatTimeoutMs()} ms`);
  }

  private onMessage(data: RawFrameData, counted: boolean): void {
    if (!counted) this.frameArrived();
    this.guarded(() => {
      const decoded = decodeServerFrame(data, this.maxFrameBytes);
      if (!decoded.ok) this.rejectFrame(decoded.reason, decoded.detail);
      else if ((decoded.frame.type === 'events' || decoded.frame.type === 'snapshot') && this.snapshots.assembling) this.snapshots.interrupt(decoded.frame.type === 'events' ? 'an events frame' : 'a one-frame snapshot');
      else if (decoded.frame.type === 'events') {
        if (this.socket !== null) this.grouping.add(this.socket, decoded.frame);
      } else {
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
      this.health.recordError(`storing feed data failed: ${messageOf(error)}`);
      this.dropConnection('terminate', 'backoff');
    }
  }

  private flushPendingEvents(): void {
    this.grouping.flush();
  }

  private onFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case 'welcome':
        return this.onWelcome(frame);
      case 'snapshot':
        return this.snapshots.whole(frame);
      case 'snapshot.begin':
      case 'snapshot.chunk':
      case 'snapshot.end':
        return this.snapshots.part(frame);
      case 'events':
        return this.onEventsFrame(frame);
      case 'heartbeat':
        return this.onHeartbeat(frame);
      case 'backfill':
        return this.backfillIntake.frame(frame);
      case 'command.result':
        return this.commands.answer(frame);
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
    this.identity.adopt(frame, (call) => this.notify(call));
    this.heartbeatIntervalMs = frame.heartbeatIntervalMs;
    this.reconnect.connected();
    this.cursors.resume(frame.streams, (stream) => (stream === LIVE_STREAM ? this.helloPosition : this.options.sink.position(stream)));
    const live = this.cursors.get(LIVE_STREAM);
    if (live && !live.awaitingSnapshot) this.health.liveLastSeq = live.lastSeq;
    this.setConnection('live');
    this.armLiveness(this.heartbeatTimeoutMs(), `no frame from the feed within ${this.heartbeatTimeoutMs()} ms`);
    this.watch.startHeartbeats(this.heartbeatIntervalMs, () => {
      if (!this.welcomed) return false;
      this.send({ type: 'heartbeat', time: this.options.now() });
      return true;
    });
    this.commands.resendAll();
    const backfill = this.backfill.pendingRequest();
    if (backfill) this.send(backfill);
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

    const sequenced = sequenceFrame(cursor.lastSeq, frame.stream, frame.events);
    const { events, unknownEvents, rejects, lastSeq } = sequenced;
    if (sequenced.accepted > 0 || rejects.length > 0) {
      this.options.sink.ingest({ stream: frame.stream, epoch: frame.epoch, events, unknownEvents, rejects, lastSeq });
    }
    // Durable from here on: advance, count, tell listeners.
    cursor.lastSeq = lastSeq;
    const health = this.health;
    health.eventsIngested += events.length;
    health.eventsDuplicate += sequenced.duplicates;
    health.count('invalid_event', sequenced.invalid);
    health.count('unknown_event_type', unknownEvents.length);
    health.count('out_of_order', sequenced.outOfOrder);
    if (sequenced.accepted > 0) this.reconnect.progressed();
    if (frame.stream === LIVE_STREAM) {
      health.liveLastSeq = lastSeq;
      if (events.length > 0) {
        health.lastEventAt = this.options.now();
        for (const listener of this.eventListeners) this.notify(() => listener(events));
      }
    }
    if (sequenced.gap !== null) {
      health.gaps += 1;
      health.recordError(`gap in stream ${frame.stream}: seq ${sequenced.gap.next} followed ${sequenced.gap.after}; resuming from ${sequenced.gap.after}`);
      this.dropConnection({ code: CLOSE_CODES.gap, reason: 'gap' }, 'immediate');
    }
  }

  private onHeartbeat(frame: ServerFrameOf<'heartbeat'>): void {
    const stall = this.cursors.stalled(frame.heads, this.options.now(), this.heartbeatIntervalMs);
    if (stall === null) return;
    // The server is ahead and sends nothing: an event went missing between frames.
    this.health.gaps += 1;
    this.health.recordError(stall);
    this.dropConnection({ code: CLOSE_CODES.gap, reason: 'stalled' }, 'immediate');
  }

  private onErrorFrame(frame: ServerFrameOf<'error'>): void {
    switch (frame.code) {
      case 'unauthorized':
      case 'unsupported_version':
        this.refuse(`the feed refused the connection (${frame.code}): ${frame.message}`);
        return;
      case 'bad_frame':
      case 'internal':
      case 'forbidden':
        this.health.recordError(`the feed reported ${frame.code}: ${frame.message}`);
        return;
      default:
        assertNever(frame.code, 'error code');
    }
  }

  /** The server will not talk to us as we are: show it as stopped and only retry slowly. */
  private refuse(message: string): void {
    this.refused = true;
    this.health.recordError(message);
    this.dropConnection({ code: 1000, reason: 'refused' }, 'refused');
  }

  // ---- helpers ----

  private send(frame: ClientFrame): void {
    const socket = this.socket;
    if (!socket) return;
    try {
      socket.send(JSON.stringify(frame));
    } catch (error) {
      // The close handler follows a failed send; what was not answered is resent after the reconnect.
      this.health.recordError(`sending to the feed failed: ${messageOf(error)}`);
    }
  }

  private rejectFrame(reason: string, detail: string, stream?: string): void {
    this.rejectFrames([stream === undefined ? { reason, detail } : { reason, detail, stream }]);
  }

  private rejectFrames(rejects: RejectInput[]): void {
    this.options.sink.reject(rejects);
    for (const reject of rejects) this.health.count(reject.reason, 1);
  }

  private notify(call: () => void): void {
    try {
      call();
    } catch (error) {
      this.health.recordError(`a feed listener failed: ${messageOf(error)}`);
    }
  }

  private setConnection(connection: ConnectionState): void {
    if (this.health.setConnection(connection)) this.emitStatus();
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
}
