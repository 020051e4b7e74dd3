/**
 * The relay at the wire, for focused tests: a floor's log on a real nats-server written by a real
 * publisher from the simulator's model (deterministic: a seed and a fixed floor time, no wall
 * clock), relays in this process, and raw WebSocket consoles that speak docs/protocol.md and keep
 * every frame's text.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import WebSocket from 'ws';
import { PROTOCOL_MINOR, PROTOCOL_VERSION } from '../../src-shared/protocol/events.js';
import type { FloorEventInput } from '../../src-shared/protocol/events.js';
import { LIVE_STREAM } from '../../src-shared/protocol/frames.js';
import type { FeedUser, StreamPosition } from '../../src-shared/protocol/frames.js';
import { openFloorLog } from '../../src-main/relay/floor-log.js';
import type { FloorLog } from '../../src-main/relay/floor-log.js';
import { readRange } from '../../src-main/relay/log-reader.js';
import type { LogMessage } from '../../src-main/relay/log-reader.js';
import { startNatsServer } from '../../src-main/relay/nats-server-process.js';
import type { NatsServerProcess } from '../../src-main/relay/nats-server-process.js';
import { FloorPublisher } from '../../src-main/relay/publisher.js';
import type { SourceInfo } from '../../src-main/relay/publisher.js';
import { startRelayServer } from '../../src-main/relay/relay-server.js';
import type { RelayServer } from '../../src-main/relay/relay-server.js';
import { TokenTable } from '../../src-main/relay/tokens.js';
import { createFloor } from '../../src-main/sim/floor.js';
import type { Floor } from '../../src-main/sim/floor.js';
import { DEMO_USERS } from '../../src-main/sim/demo-users.js';
import { tempDir, waitFor } from './host-process.js';

/** A fixed afternoon (15:00 UTC): the model's floor is busy, whatever the hour the test runs. */
export const FLOOR_START = Date.UTC(2026, 5, 16, 15);

/** Cleanups run after each test, last registered first. */
export function cleanupAfterEach(): (cleanup: () => Promise<void> | void) => void {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return (cleanup) => {
    cleanups.push(cleanup);
  };
}

/** A nats-server with JetStream in a temporary directory, removed when it stops. */
export async function startTestNats(prefix: string): Promise<NatsServerProcess & { readonly dataDir: string }> {
  const dataDir = tempDir(prefix);
  const nats = await startNatsServer({ dataDir: join(dataDir, 'jetstream') });
  return {
    ...nats,
    dataDir,
    stop: async () => {
      await nats.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type TestNats = Awaited<ReturnType<typeof startTestNats>>;

/** One nats-server for every test of the file: started before the first, stopped after the last. */
export function useTestNats(prefix: string): () => TestNats {
  let nats: TestNats | undefined;
  beforeAll(async () => {
    nats = await startTestNats(prefix);
  });
  afterAll(async () => {
    await nats?.stop();
  });
  return () => {
    if (nats === undefined) throw new Error('nats-server is not started');
    return nats;
  };
}

/** Each demo user of its own (`<userId>-token-0123456789`). */
export const WIRE_USERS: readonly { readonly user: FeedUser; readonly token: string }[] = DEMO_USERS.map((user) => ({ user, token: `${user.userId}-token-0123456789` }));

export function wireToken(userId: string): string {
  const entry = WIRE_USERS.find((candidate) => candidate.user.userId === userId);
  if (entry === undefined) throw new Error(`no user ${userId}`);
  return entry.token;
}

export const wireTokens = (): TokenTable => TokenTable.parse({ users: WIRE_USERS.map(({ user, token }) => ({ token, user })) });

/** One floor's log written by its publisher from the simulator's model, one step of floor time at a time. */
export class ModelFloor {
  private readonly model: Floor;
  private readonly written: FloorEventInput[] = [];

  private constructor(
    readonly log: FloorLog,
    public publisher: FloorPublisher,
    seed: number,
  ) {
    this.model = createFloor({ seed, startTime: FLOOR_START, agents: 20 });
  }

  static async open(natsUrl: string, floor: string, options: { seed?: number; source?: SourceInfo } = {}): Promise<ModelFloor> {
    const log = await openFloorLog({ servers: natsUrl, floor, name: `publisher of ${floor}` });
    const publisher = await FloorPublisher.open(log, { source: options.source ?? { name: 'the model floor', commands: false } });
    const model = new ModelFloor(log, publisher, options.seed ?? 5);
    await model.write(model.model.snapshotEvents());
    return model;
  }

  /** Every event written, in order: the one at index i has seq i + 1 (in this epoch). */
  get events(): readonly FloorEventInput[] {
    return this.written;
  }

  /** Runs the model on by `ms` of floor time and writes what happened; resolves once stored. */
  async advance(ms: number): Promise<readonly FloorEventInput[]> {
    const events = this.model.advanceTo(this.model.now() + ms);
    await this.write(events);
    return events;
  }

  async write(events: readonly FloorEventInput[]): Promise<void> {
    await this.publisher.publish(events);
    this.written.push(...events);
  }

  /** The log started over (the source lost its numbering): the model's floor as a snapshot in a new epoch. */
  async newEpoch(): Promise<void> {
    await this.publisher.newEpoch();
    this.written.length = 0;
    await this.write(this.model.snapshotEvents());
  }

  async close(): Promise<void> {
    await this.publisher.close();
    await this.log.close();
  }
}

/** A relay in this process on its own connection to the floor's log. */
export async function startWireRelay(natsUrl: string, floor: string, tokens: TokenTable = wireTokens(), windowSize?: number): Promise<RelayServer & { readonly log: FloorLog }> {
  const log = await openFloorLog({ servers: natsUrl, floor, name: `relay of ${floor}` });
  const relay = await startRelayServer({ log, tokens, heartbeatIntervalMs: 200, ...(windowSize === undefined ? {} : { windowSize }) });
  return {
    url: relay.url,
    port: relay.port,
    log,
    headSeq: () => relay.headSeq(),
    epoch: () => relay.epoch(),
    consoleCount: () => relay.consoleCount(),
    malformedCount: () => relay.malformedCount(),
    badFrameCount: () => relay.badFrameCount(),
    close: async () => {
      await relay.close();
      await log.close();
    },
  };
}

/** Every message of the events stream, in order. */
export async function logMessages(log: FloorLog): Promise<LogMessage[]> {
  const info = await log.eventsInfo();
  const messages: LogMessage[] = [];
  await readRange(log, info?.state.first_seq ?? 1, info?.state.last_seq ?? 0, (message) => {
    messages.push(message);
  });
  return messages;
}

export type Frame = Record<string, unknown> & { readonly type: string };
export interface WireEvent {
  readonly seq: number;
  readonly type: string;
  readonly time: number;
  readonly [field: string]: unknown;
}

export interface HelloOptions {
  readonly streams?: readonly StreamPosition[];
  readonly chunkedSnapshots?: boolean;
  readonly protocolVersion?: number;
}

/** A console at the wire: raw frames in, every frame out kept with its text. */
export class WireClient {
  readonly frames: { readonly raw: string; readonly frame: Frame }[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const raw = data.toString();
      this.frames.push({ raw, frame: JSON.parse(raw) as Frame });
    });
    this.closed = new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  static async open(url: string): Promise<WireClient> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new WireClient(socket);
  }

  /** Opens, says hello and waits for the welcome, and for the whole snapshot when it is one. */
  static async signIn(url: string, token: string, options: HelloOptions = {}): Promise<{ client: WireClient; welcome: Frame }> {
    const client = await WireClient.open(url);
    client.hello(token, options);
    const welcome = await client.next((frame) => frame.type === 'welcome' || frame.type === 'error', 'a welcome');
    if (welcome.type !== 'welcome') throw new Error(`refused: ${JSON.stringify(welcome)}`);
    const resume = (welcome.streams as { resume: string }[])[0]?.resume;
    if (resume === 'snapshot') await client.next((frame) => frame.type === (options.chunkedSnapshots === false ? 'snapshot' : 'snapshot.end'), 'the snapshot');
    return { client, welcome };
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  hello(token: string, options: HelloOptions = {}): void {
    this.send({
      type: 'hello',
      protocolVersion: options.protocolVersion ?? PROTOCOL_VERSION,
      ...(options.chunkedSnapshots === false ? {} : { minor: PROTOCOL_MINOR, chunkedSnapshots: true }),
      token,
      client: { name: 'wire test', version: '1' },
      streams: options.streams ?? [],
    });
  }

  /** The first frame (from index `from` on) that matches; waits for it. */
  async next(match: (frame: Frame) => boolean, what: string, from = 0): Promise<Frame> {
    const found = await waitFor(() => this.frames.slice(from).find((entry) => match(entry.frame)), { what: `${what} (frames so far: ${this.frames.map((entry) => entry.frame.type).join(', ')})` });
    return found.frame;
  }

  /** Frames of a type, in order. */
  ofType(type: string): Frame[] {
    return this.frames.flatMap((entry) => (entry.frame.type === type ? [entry.frame] : []));
  }

  /** Every event of every `events` frame, in order. */
  events(): WireEvent[] {
    return this.ofType('events').flatMap((frame) => frame.events as WireEvent[]);
  }

  lastSeq(): number {
    return this.events().at(-1)?.seq ?? 0;
  }

  /** Waits until the events received reach `seq`. */
  async reach(seq: number): Promise<void> {
    await waitFor(() => this.lastSeq() >= seq, { what: `events up to seq ${seq} (at ${this.lastSeq()})` });
  }

  /** The frames of `type` after the index reached now. */
  mark(): number {
    return this.frames.length;
  }

  /** A command's answer. */
  async command(commandId: string, command: unknown, auditHead?: { auditId: number; hash: string }): Promise<Frame> {
    const from = this.mark();
    this.send({ type: 'command', commandId, command, ...(auditHead === undefined ? {} : { auditHead }) });
    return this.next((frame) => frame.type === 'command.result' && frame.commandId === commandId, `the answer to ${commandId}`, from);
  }

  close(): void {
    this.socket.close();
  }
}

/** Says hello and reports how the relay refused it: the error's code, the close code, and whether a welcome came. */
export async function refusal(url: string, token: string, options: HelloOptions = {}): Promise<{ code: unknown; close: number; welcomed: boolean }> {
  const client = await WireClient.open(url);
  client.hello(token, options);
  const error = await client.next((frame) => frame.type === 'error', 'the refusal');
  const { code } = await client.closed;
  return { code: error.code, close: code, welcomed: client.ofType('welcome').length > 0 };
}

/** The live stream's position a console resumes with. */
export const livePosition = (epoch: string, lastSeq: number): StreamPosition => ({ stream: LIVE_STREAM, epoch, lastSeq });
