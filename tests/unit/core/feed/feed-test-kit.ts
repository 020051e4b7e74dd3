/**
 * A tiny feed server speaking protocol v1 on 127.0.0.1:0, an in-memory FeedSink, and waits on
 * events (never sleeps) for the feed client tests.
 */
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { FloorEvent } from '../../../../src-shared/protocol/events.js';
import { PROTOCOL_VERSION } from '../../../../src-shared/protocol/frames.js';
import type { ClientFrame } from '../../../../src-shared/protocol/frames.js';
import { FeedClient } from '../../../../src-main/core/feed/feed-client.js';
import type { BackfillBatch, FeedClientOptions, FeedClientStatus, FeedSink, FeedSnapshot, IngestBatch, RejectInput } from '../../../../src-main/core/feed/feed-client.js';
import { wsFeedSocket, SYSTEM_FEED_TIMING } from '../../../../src-main/core/feed/ws-socket.js';

export const TOKEN = 'secret-token';
export const T0 = Date.UTC(2024, 2, 5, 12);

type HelloFrame = Extract<ClientFrame, { type: 'hello' }>;

export class ServerConnection {
  readonly frames: ClientFrame[] = [];
  hello: HelloFrame | null = null;
  closeCode: number | null = null;
  private readonly emitter = new EventEmitter();

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as ClientFrame;
      this.frames.push(frame);
      if (frame.type === 'hello') this.hello = frame;
      this.emitter.emit('frame', frame);
    });
    socket.on('close', (code) => {
      this.closeCode = code;
      this.emitter.emit('close', code);
    });
  }

  send(frame: object): void {
    this.socket.send(JSON.stringify(frame));
  }

  sendRaw(text: string): void {
    this.socket.send(text);
  }

  welcome(options: { epoch: string; resume?: 'replay' | 'snapshot'; headSeq?: number; heartbeatIntervalMs?: number }): void {
    this.send({
      type: 'welcome',
      protocolVersion: PROTOCOL_VERSION,
      sessionId: 'session-1',
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 1_000,
      streams: [{ stream: 'floor', epoch: options.epoch, resume: options.resume ?? 'replay', headSeq: options.headSeq ?? 0 }],
    });
  }

  events(epoch: string, events: readonly unknown[]): void {
    this.send({ type: 'events', stream: 'floor', epoch, events });
  }

  /** Resolves with the first frame (already received or to come) that matches. */
  frame<T extends ClientFrame['type']>(type: T, predicate: (frame: Extract<ClientFrame, { type: T }>) => boolean = () => true): Promise<Extract<ClientFrame, { type: T }>> {
    const matches = (frame: ClientFrame): frame is Extract<ClientFrame, { type: T }> => frame.type === type && predicate(frame as Extract<ClientFrame, { type: T }>);
    const found = this.frames.find(matches);
    if (found) return Promise.resolve(found);
    return withDeadline(`a ${type} frame`, (resolve) => {
      const listener = (frame: ClientFrame) => {
        if (!matches(frame)) return;
        this.emitter.off('frame', listener);
        resolve(frame);
      };
      this.emitter.on('frame', listener);
    });
  }

  closed(): Promise<number> {
    if (this.closeCode !== null) return Promise.resolve(this.closeCode);
    return withDeadline('the connection to close', (resolve) => this.emitter.once('close', resolve));
  }
}

export class TestFeedServer {
  readonly connections: ServerConnection[] = [];
  /** What the server does when a client says hello; each test scripts its own. */
  onHello: (connection: ServerConnection, hello: HelloFrame, index: number) => void = () => undefined;
  onFrame: (connection: ServerConnection, frame: ClientFrame) => void = () => undefined;
  private readonly emitter = new EventEmitter();

  private constructor(
    private readonly server: WebSocketServer,
    readonly url: string,
  ) {
    server.on('connection', (socket) => {
      const connection = new ServerConnection(socket);
      const index = this.connections.push(connection) - 1;
      socket.on('message', () => {
        const frame = connection.frames[connection.frames.length - 1];
        if (!frame) return;
        if (frame.type === 'hello') {
          if (frame.token !== TOKEN) {
            connection.send({ type: 'error', code: 'unauthorized', message: 'bad token' });
            socket.close(4001, 'unauthorized');
            return;
          }
          this.onHello(connection, frame, index);
          this.emitter.emit('hello', index);
        } else {
          this.onFrame(connection, frame);
        }
      });
    });
  }

  static async start(): Promise<TestFeedServer> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as AddressInfo;
    return new TestFeedServer(server, `ws://127.0.0.1:${port}/feed`);
  }

  /** Resolves with connection `index` (0-based) once it has said hello. */
  hello(index: number): Promise<ServerConnection> {
    const ready = () => {
      const connection = this.connections[index];
      return connection?.hello ? connection : null;
    };
    const found = ready();
    if (found) return Promise.resolve(found);
    return withDeadline(`hello on connection ${index}`, (resolve) => {
      const listener = () => {
        const connection = ready();
        if (!connection) return;
        this.emitter.off('hello', listener);
        resolve(connection);
      };
      this.emitter.on('hello', listener);
    });
  }

  async close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export class MemorySink implements FeedSink {
  readonly positions = new Map<string, { epoch: string; lastSeq: number }>();
  readonly events: FloorEvent[] = [];
  readonly unknownEvents: IngestBatch['unknownEvents'] = [];
  readonly rejects: RejectInput[] = [];
  readonly snapshots: FeedSnapshot[] = [];
  readonly backfills: BackfillBatch[] = [];
  /** Make the next N ingest calls fail, as a full disk would. */
  failIngest = 0;

  position(stream: string) {
    return this.positions.get(stream) ?? null;
  }

  ingest(batch: IngestBatch): void {
    if (this.failIngest > 0) {
      this.failIngest -= 1;
      throw new Error('disk full');
    }
    this.events.push(...batch.events);
    this.unknownEvents.push(...batch.unknownEvents);
    this.rejects.push(...batch.rejects);
    this.positions.set(batch.stream, { epoch: batch.epoch, lastSeq: batch.lastSeq });
  }

  snapshot(snapshot: FeedSnapshot): void {
    this.snapshots.push(snapshot);
    this.events.length = 0;
    this.positions.set(snapshot.stream, { epoch: snapshot.epoch, lastSeq: snapshot.seq });
  }

  reject(rejects: RejectInput[]): void {
    this.rejects.push(...rejects);
  }

  backfill(batch: BackfillBatch): void {
    this.backfills.push(batch);
  }
}

/** A valid floor event with the given seq. */
export function statusEvent(seq: number): FloorEvent {
  return { seq, time: T0 + seq, type: 'agent.status', agentId: `a${seq % 3}`, kind: seq % 2 === 0 ? 'available' : 'away', reason: 'r' };
}

export function eventRange(from: number, to: number): FloorEvent[] {
  const events: FloorEvent[] = [];
  for (let seq = from; seq <= to; seq += 1) events.push(statusEvent(seq));
  return events;
}

export function createClient(server: TestFeedServer, sink: FeedSink, overrides: Partial<FeedClientOptions> = {}): FeedClient {
  return new FeedClient({
    url: server.url,
    token: TOKEN,
    clientName: 'floorwatch-test',
    clientVersion: '0.0.0',
    connect: wsFeedSocket,
    ...SYSTEM_FEED_TIMING,
    // Always the shortest backoff: reconnects happen at the 50 ms floor.
    random: () => 0,
    sink,
    ...overrides,
  });
}

/** Resolves with the first status (current or to come) that matches; fails with the last status at the deadline. */
export function waitForStatus(client: FeedClient, label: string, predicate: (status: FeedClientStatus) => boolean): Promise<FeedClientStatus> {
  const current = client.status();
  if (predicate(current)) return Promise.resolve(current);
  let unsubscribe: () => void = () => undefined;
  return withDeadline(
    `${label} (last status ${JSON.stringify(client.status())})`,
    (resolve) => {
      unsubscribe = client.onStatus((status) => {
        if (!predicate(status)) return;
        unsubscribe();
        resolve(status);
      });
    },
    () => unsubscribe(),
  );
}

const DEADLINE_MS = 10_000;

function withDeadline<T>(label: string, wait: (resolve: (value: T) => void) => void, cleanup: () => void = () => undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Timed out waiting for ${label}`));
    }, DEADLINE_MS);
    wait((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}
