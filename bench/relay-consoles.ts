/**
 * A child process of the relay bench (bench/relay.ts): consoles of one relay, started from a JSON
 * argument, reporting on standard output, one JSON line per answer.
 *
 * - `consoles`: real console feed paths (the core's FeedClient on a WebSocket, storing into its own
 *   SQLite cache through the store sink, the WAL checkpoint worker beside it). The process also
 *   follows the floor's log on JetStream, so it knows when each event was stored there; an event's
 *   latency is from that moment to the end of the store write that made it durable on a console.
 * - `listeners`: protocol clients that take a snapshot and then follow the floor live, parsing every
 *   frame and checking that seqs follow each other, as a console's decoder does before its store:
 *   the other consoles on the relay, which a two-core machine could not also run as whole caches.
 * - `receivers`: protocol clients that replay the whole log from seq 1 and count what they get, for
 *   the relay's own throughput: each frame's events are counted by their `"seq":` keys and the last
 *   one read, so the measure is the relay's, not a parser's.
 *
 * Standard input: `measure` starts keeping latencies, `report` prints them and exits.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { AREA_MIGRATIONS } from '../src-main/core/area-migrations.js';
import { FeedClient } from '../src-main/core/feed/feed-client.js';
import type { FeedSink } from '../src-main/core/feed/feed-types.js';
import { SYSTEM_FEED_TIMING, wsFeedSocket } from '../src-main/core/feed/ws-socket.js';
import { createStoreSink } from '../src-main/core/store-sink.js';
import { openStore } from '../src-main/core/store/store.js';
import type { Store } from '../src-main/core/store/store.js';
import { startWalCheckpointer } from '../src-main/core/store/wal-checkpointer.js';
import { openFloorLog } from '../src-main/relay/floor-log.js';
import { follow } from '../src-main/relay/log-reader.js';
import { LIVE_STREAM, PROTOCOL_VERSION } from '../src-shared/protocol/frames.js';

interface ConsolesJob {
  readonly mode: 'consoles';
  readonly url: string;
  readonly tokens: readonly string[];
  readonly natsUrl: string;
  readonly floor: string;
  readonly dataDir: string;
}
interface ListenersJob {
  readonly mode: 'listeners';
  readonly url: string;
  readonly tokens: readonly string[];
}
interface ReceiversJob {
  readonly mode: 'receivers';
  readonly url: string;
  readonly tokens: readonly string[];
  readonly epoch: string;
  readonly lastSeq: number;
}

const job = JSON.parse(process.argv[2] ?? '{}') as ConsolesJob | ListenersJob | ReceiversJob;
const say = (line: unknown): void => {
  process.stdout.write(`${JSON.stringify(line)}\n`);
};

async function runConsoles(consoles: ConsolesJob): Promise<void> {
  const log = await openFloorLog({ servers: consoles.natsUrl, floor: consoles.floor, name: 'bench consoles' });
  /** When JetStream stored each seq, and durable times of seqs not seen there yet. */
  const storedAt = new Map<number, number>();
  const early = new Map<number, number[]>();
  const latencies: number[] = [];
  let measuring = false;
  const head = (await log.eventsInfo())?.state.last_seq ?? 0;
  const follower = await follow(log, head + 1, (messages) => {
    for (const message of messages) {
      storedAt.set(message.seq, message.storedAtMs);
      const waiting = early.get(message.seq);
      if (waiting !== undefined) {
        early.delete(message.seq);
        if (measuring) for (const at of waiting) latencies.push(at - message.storedAtMs);
      }
    }
  });
  const clients: FeedClient[] = [];
  const stores: Store[] = [];
  const checkpointers: { stop(): Promise<void> | void }[] = [];
  for (const [index, token] of consoles.tokens.entries()) {
    const path = join(consoles.dataDir, `console-${process.pid}-${index}.db`);
    const store = openStore({ path, migrations: AREA_MIGRATIONS });
    stores.push(store);
    checkpointers.push(startWalCheckpointer({ path }));
    const inner = createStoreSink(store);
    const sink: FeedSink = {
      ...inner,
      ingest: (batch) => {
        inner.ingest(batch);
        const durableAt = Date.now();
        if (!measuring) return;
        const seqs = [...batch.events.map((event) => event.seq), ...(batch.unknownEvents ?? []).map((event) => event.seq)];
        for (const seq of seqs) {
          const at = storedAt.get(seq);
          if (at !== undefined) latencies.push(durableAt - at);
          else early.set(seq, [...(early.get(seq) ?? []), durableAt]);
        }
      },
    };
    const client = new FeedClient({ url: consoles.url, token, clientName: 'floorwatch-bench', clientVersion: '0', connect: wsFeedSocket, ...SYSTEM_FEED_TIMING, sink });
    client.start();
    clients.push(client);
  }
  const trim = setInterval(() => {
    const floorSeq = Math.max(0, ...stores.map((store) => store.streamPosition(LIVE_STREAM)?.lastSeq ?? 0));
    for (const seq of storedAt.keys()) {
      if (seq >= floorSeq - 50_000) break;
      storedAt.delete(seq);
    }
  }, 5_000);
  say({ ready: consoles.tokens.length });
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'measure') measuring = true;
    if (line === 'positions') say({ positions: stores.map((store) => store.streamPosition(LIVE_STREAM)?.lastSeq ?? 0) });
    if (line === 'report') {
      measuring = false;
      say({ latencies, unmatched: [...early.values()].reduce((sum, list) => sum + list.length, 0) });
      break;
    }
  }
  clearInterval(trim);
  for (const client of clients) await client.stop();
  for (const checkpointer of checkpointers) await checkpointer.stop();
  for (const store of stores) store.close();
  await follower.stop();
  await log.close();
  rmSync(consoles.dataDir, { recursive: true, force: true });
}

async function runReceivers(receivers: ReceiversJob): Promise<void> {
  const started = Date.now();
  const done = await Promise.all(
    receivers.tokens.map(
      (token) =>
        new Promise<{ events: number; ms: number }>((resolve, reject) => {
          const socket = new WebSocket(receivers.url, { maxPayload: 64 * 1024 * 1024 });
          let events = 0;
          socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION, minor: 1, token, client: { name: 'bench', version: '0' }, streams: [{ stream: LIVE_STREAM, epoch: receivers.epoch, lastSeq: 0 }], chunkedSnapshots: true })));
          socket.on('message', (data: Buffer) => {
            const text = data.toString();
            if (!text.startsWith('{"type":"events"')) return;
            events += text.split('{"seq":').length - 1;
            const last = Number.parseInt(text.slice(text.lastIndexOf('{"seq":') + 7), 10);
            if (last >= receivers.lastSeq) {
              socket.close();
              resolve({ events, ms: Date.now() - started });
            }
          });
          socket.on('error', reject);
        }),
    ),
  );
  say({ received: done.reduce((sum, entry) => sum + entry.events, 0), ms: Math.max(...done.map((entry) => entry.ms)) });
}

async function runListeners(listeners: ListenersJob): Promise<void> {
  let events = 0;
  let gaps = 0;
  const sockets = listeners.tokens.map((token) => {
    const socket = new WebSocket(listeners.url, { maxPayload: 64 * 1024 * 1024 });
    let last = 0;
    socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION, minor: 1, token, client: { name: 'bench', version: '0' }, streams: [], chunkedSnapshots: true })));
    socket.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as { type: string; seq?: number; events?: { seq: number }[] };
      if (frame.type === 'snapshot.begin' || frame.type === 'snapshot') last = frame.seq ?? 0;
      if (frame.type !== 'events') return;
      for (const event of frame.events ?? []) {
        if (event.seq !== last + 1) gaps += 1;
        last = event.seq;
        events += 1;
      }
    });
    return socket;
  });
  say({ ready: sockets.length });
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'report') {
      say({ events, gaps });
      break;
    }
  }
  for (const socket of sockets) socket.terminate();
}

if (job.mode === 'consoles') await runConsoles(job);
else if (job.mode === 'listeners') await runListeners(job);
else await runReceivers(job);
process.exit(0);
