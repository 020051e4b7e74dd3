/**
 * The relay's figures (docs/relay.md, "Figures"), on the path consoles take: the simulator's floor
 * written to NATS JetStream by its publisher, one relay process, fifty consoles.
 *
 * - relay_fanout_p99_ms: with the floor running at over 1,000 events/s and 50 consoles on the relay,
 *   from the moment JetStream stored an event to the end of the store write that made it durable in
 *   a console's cache, over every event of 30 s on each of the five whole consoles (the core's feed
 *   client and store, one of them scoped). The other 45 parse every frame and check its numbering
 *   (ten of them scoped) but keep no cache: fifty caches each storing the floor would need fifty
 *   machines' worth of disk writes, which is what a floor of workstations has and this bench does
 *   not. Also its p50, the rate the floor ran at, and the listeners' gaps (must be 0).
 * - relay_events_per_s: what one relay sends per second, summed over 50 consoles replaying a log of
 *   100,000 events from its start (ten of them scoped, so part of what they get is withheld).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import type { FloorEventInput } from '../src-shared/protocol/events.js';
import { PROTOCOL_VERSION } from '../src-shared/protocol/frames.js';
import { openFloorLog } from '../src-main/relay/floor-log.js';
import { FloorPublisher } from '../src-main/relay/publisher.js';
import { createFloor } from '../src-main/sim/index.js';
import { ROOT, tempDir } from '../tests/support/host-process.js';
import { startRelayedFloor, startRelayProcess } from '../tests/support/relay-cluster.js';
import type { RelayedFloor } from '../tests/support/relay-cluster.js';
import { lastWednesdayAt } from './floor-clock.js';
import { percentile, report } from './stats.js';

const CONSOLES = 50;
const PER_PROCESS = 25;
/** Consoles with a whole cache in the fan-out figure; the rest are listeners. */
const WHOLE_CONSOLES = 5;
const SCOPED = 10;
const MEASURE_MS = Number(process.env.FLOORWATCH_BENCH_RELAY_MS ?? 30_000);
const BURST_EVENTS = 100_000;

interface Child {
  readonly process: ChildProcess;
  next(): Promise<Record<string, unknown>>;
  send(line: string): void;
}

function startChild(job: Record<string, unknown>): Child {
  const child = spawn(process.execPath, [join(ROOT, 'dist/bench/relay-consoles.mjs'), JSON.stringify(job)], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
  return {
    process: child,
    next: async () => {
      const line = await lines.next();
      if (line.done === true) throw new Error('a bench console process ended early');
      return JSON.parse(line.value) as Record<string, unknown>;
    },
    send: (line) => child.stdin?.write(`${line}\n`),
  };
}

/** Fifty tokens: forty of users of every queue, ten scoped. */
function consoleTokens(floor: RelayedFloor): string[] {
  const all = floor.users.filter((entry) => entry.user.queueScope === null).map((entry) => entry.token);
  const scoped = floor.users.filter((entry) => entry.user.queueScope !== null).map((entry) => entry.token);
  if (all.length === 0 || scoped.length === 0) throw new Error('the demo users lack a scoped or an unscoped user');
  return Array.from({ length: CONSOLES }, (_, index) => (index < SCOPED ? scoped[index % scoped.length] : all[index % all.length]) as string);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function fanout(dataDir: string): Promise<void> {
  const floor = await startRelayedFloor(join(dataDir, 'fanout'), { seed: 3, speed: 4, heartbeatIntervalMs: 1_000, floor: { agents: 640, startTime: lastWednesdayAt(15) } }, 'fanout');
  const relay = await startRelayProcess({ natsUrl: floor.nats.url, floor: floor.floor, tokensFile: floor.tokensFile });
  const tokens = consoleTokens(floor);
  const children: Child[] = [];
  try {
    // One whole console scoped (the tokens list starts with the scoped ones), four of every queue.
    const whole = [tokens[0] as string, ...tokens.slice(CONSOLES - WHOLE_CONSOLES + 1)];
    const listening = tokens.slice(1, CONSOLES - WHOLE_CONSOLES + 1);
    const consoles = startChild({ mode: 'consoles', url: relay.url, tokens: whole, natsUrl: floor.nats.url, floor: floor.floor, dataDir: tempDir('bench-relay-consoles') });
    const listeners = startChild({ mode: 'listeners', url: relay.url, tokens: listening });
    children.push(consoles, listeners);
    for (const child of children) await child.next();
    // Every console has its snapshot and keeps up before anything is measured.
    for (;;) {
      consoles.send('positions');
      const positions = (await consoles.next()).positions as number[];
      if (positions.every((position) => position > 0 && position >= floor.publisher.headSeq - 5_000)) break;
      process.stderr.write(`relay bench: consoles at ${Math.min(...positions)}…${Math.max(...positions)}, log head ${floor.publisher.headSeq}\n`);
      await sleep(500);
    }
    await sleep(5_000);
    const startHead = floor.publisher.headSeq;
    consoles.send('measure');
    await sleep(MEASURE_MS);
    const rate = ((floor.publisher.headSeq - startHead) * 1_000) / MEASURE_MS;
    for (const child of children) child.send('report');
    const [measured, listened] = await Promise.all(children.map((child) => child.next()));
    const latencies = (measured?.latencies as number[]).sort((a, b) => a - b);
    report('relay_fanout_listener_gaps', listened?.gaps as number, 'gaps');
    report('relay_fanout_p99_ms', percentile(latencies, 99), 'ms');
    report('relay_fanout_p50_ms', percentile(latencies, 50), 'ms');
    report('relay_fanout_events_per_s', Math.round(rate), 'events/s');
    report('relay_fanout_samples', latencies.length, 'events');
  } finally {
    for (const child of children) child.process.kill();
    await relay.kill();
    await floor.close();
  }
}

/** The relay's head as a welcome gives it. */
async function relayHead(url: string, token: string): Promise<{ head: number; epoch: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION, minor: 1, token, client: { name: 'bench', version: '0' }, streams: [], chunkedSnapshots: true })));
    socket.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as { type: string; streams?: { headSeq: number; epoch: string }[] };
      if (frame.type === 'welcome') {
        socket.terminate();
        resolve({ head: frame.streams?.[0]?.headSeq ?? 0, epoch: frame.streams?.[0]?.epoch ?? '' });
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve({ head: 0, epoch: '' }));
  });
}

async function throughput(dataDir: string): Promise<void> {
  // The demo users and their tokens; the simulator itself stays out of this log.
  const floor = await startRelayedFloor(join(dataDir, 'burst-users'), { seed: 4, floor: { agents: 20 } }, 'users');
  const log = await openFloorLog({ servers: floor.nats.url, floor: 'burst', name: 'bench burst publisher' });
  const publisher = await FloorPublisher.open(log, { source: { name: 'bench', commands: false }, snapshotEveryEvents: Number.MAX_SAFE_INTEGER, snapshotEveryMs: 3_600_000 });
  const start = lastWednesdayAt(15);
  const generator = createFloor({ seed: 8, startTime: start, agents: 2_000, queues: 20 });
  let time = start;
  while (publisher.headSeq < BURST_EVENTS) {
    time += 1_000;
    const events: FloorEventInput[] = generator.advanceTo(time).slice(0, BURST_EVENTS - publisher.headSeq);
    for (let from = 0; from < events.length; from += 5_000) await publisher.publish(events.slice(from, from + 5_000));
  }
  const relay = await startRelayProcess({ natsUrl: floor.nats.url, floor: 'burst', tokensFile: floor.tokensFile });
  const tokens = consoleTokens(floor);
  const children: Child[] = [];
  try {
    let state = await relayHead(relay.url, tokens[SCOPED] as string);
    while (state.head < publisher.headSeq) {
      await sleep(200);
      state = await relayHead(relay.url, tokens[SCOPED] as string);
    }
    for (let from = 0; from < CONSOLES; from += PER_PROCESS) {
      children.push(startChild({ mode: 'receivers', url: relay.url, tokens: tokens.slice(from, from + PER_PROCESS), epoch: state.epoch, lastSeq: state.head }));
    }
    const answers = await Promise.all(children.map((child) => child.next()));
    const received = answers.reduce((sum, answer) => sum + (answer.received as number), 0);
    const ms = Math.max(...answers.map((answer) => answer.ms as number));
    if (received !== CONSOLES * state.head) throw new Error(`the receivers got ${received} events, not ${CONSOLES} × ${state.head}`);
    report('relay_events_per_s', Math.round((received * 1_000) / ms), 'events/s');
  } finally {
    for (const child of children) child.process.kill();
    await relay.kill();
    await publisher.close();
    await log.close();
    await floor.close();
  }
}

export async function benchRelay(): Promise<void> {
  const dataDir = tempDir('bench-relay');
  try {
    if (process.env.FLOORWATCH_BENCH_RELAY_ONLY !== 'fanout') await throughput(dataDir);
    if (process.env.FLOORWATCH_BENCH_RELAY_ONLY !== 'throughput') await fanout(dataDir);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
