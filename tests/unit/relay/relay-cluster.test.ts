/**
 * The relay's promise (docs/relay.md): the simulator's floor through NATS JetStream and three relays
 * to twenty consoles (real cores, each with its own SQLite cache), while relays are killed with
 * SIGKILL and consoles' connections are cut, 200 times at random. Afterwards every console's stored
 * event log equals the stream from where it began to the end: no event lost, none twice, each one a
 * scoped console may not see stored as `feed.withheld`, and nothing of another queue in its cache.
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LIVE_STREAM } from '../../../src-shared/protocol/frames.js';
import { createCore, type Core } from '../../../src-main/core/core.js';
import { visibleTo } from '../../../src-main/relay/floor-ledger.js';
import type { EventQueues } from '../../../src-main/relay/floor-ledger.js';
import { readRange } from '../../../src-main/relay/log-reader.js';
import { freePort } from '../../../src-main/relay/nats-server-process.js';
import { createRandom } from '../../../src-main/sim/random.js';
import { busyAfternoon } from '../../support/busy-floor.js';
import { tempDir, waitFor } from '../../support/host-process.js';
import { ConsoleProxy, startRelayedFloor, startRelayProcess } from '../../support/relay-cluster.js';
import type { RelayProcess } from '../../support/relay-cluster.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const RELAYS = 3;
const CONSOLES = 20;
const DISRUPTIONS = 200;

interface StreamEvent {
  readonly type: string;
  readonly time: number;
  readonly body: Record<string, unknown>;
  readonly queues: EventQueues;
}

interface LoggedRow {
  readonly seq: number;
  readonly time: number;
  readonly type: string;
  readonly body: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('a floor through three relays', () => {
  it('keeps every console\'s log equal to the stream through 200 relay kills and connection cuts, and a scoped console sees nothing outside its queues', async () => {
    const dataDir = tempDir('relay-cluster');
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const floor = await startRelayedFloor(dataDir, { seed: 7, speed: 6, heartbeatIntervalMs: 500, floor: { agents: 40, startTime: busyAfternoon() } });
    cleanups.push(() => floor.close());
    await waitFor(() => floor.publisher.headSeq > 0, { what: 'the publisher to write the floor' });

    // ---- three relays, each on its own port for life (a restarted relay takes its place) ----
    const ports = await Promise.all(Array.from({ length: RELAYS }, () => freePort()));
    const relays: (RelayProcess | null)[] = await Promise.all(ports.map((port) => startRelayProcess({ natsUrl: floor.nats.url, floor: floor.floor, tokensFile: floor.tokensFile, port })));
    cleanups.push(async () => {
      for (const relay of relays) await relay?.kill();
    });
    const random = createRandom(20_261_206);
    const liveRelays = (): number[] => relays.flatMap((relay, index) => (relay === null ? [] : [index]));

    // ---- twenty consoles behind their own proxies; a quarter are scoped ----
    const byId = new Map(floor.users.map((entry) => [entry.user.userId, entry]));
    const cast = ['wfm-leader', 'orders-leader', 'admin', 'stakeholder', 'wallboard'];
    const consoles: { core: Core; proxy: ConsoleProxy; dir: string; scope: readonly string[] | null }[] = [];
    for (let index = 0; index < CONSOLES; index++) {
      const entry = byId.get(cast[index % cast.length] as string);
      if (entry === undefined) throw new Error('a demo user is missing');
      const proxy = await ConsoleProxy.start(() => {
        const live = liveRelays();
        return live.length === 0 ? null : (relays[random.pick(live)] as RelayProcess).port;
      });
      const dir = tempDir(`relay-console-${index}`);
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const core = await createCore({ dataDir: dir, feed: { kind: 'remote', url: proxy.url, token: entry.token }, backfillDays: 0 });
      cleanups.push(async () => {
        await core.close();
        await proxy.close();
      });
      consoles.push({ core, proxy, dir, scope: entry.user.queueScope });
    }
    expect(consoles.filter((console) => console.scope !== null).length).toBeGreaterThanOrEqual(CONSOLES / 5);
    await waitFor(() => consoles.every(({ core }) => (core.store.streamPosition(LIVE_STREAM)?.lastSeq ?? 0) > 0), { what: 'every console to take its snapshot', timeoutMs: 60_000 });

    // ---- 200 disruptions at random: kill -9 a relay (it comes back a moment later), or cut a console ----
    let kills = 0;
    let cuts = 0;
    const restarts: Promise<void>[] = [];
    for (let step = 0; step < DISRUPTIONS; step++) {
      await sleep(random.integer(20, 150));
      const live = liveRelays();
      if (random.chance(0.25) && live.length >= 2) {
        const index = random.pick(live);
        const relay = relays[index] as RelayProcess;
        relays[index] = null;
        await relay.kill();
        kills += 1;
        const downFor = random.integer(100, 1_500);
        restarts.push(
          sleep(downFor).then(async () => {
            relays[index] = await startRelayProcess({ natsUrl: floor.nats.url, floor: floor.floor, tokensFile: floor.tokensFile, port: ports[index] as number });
          }),
        );
      } else {
        random.pick(consoles).proxy.cut();
        cuts += 1;
      }
    }
    await Promise.all(restarts);
    expect(kills + cuts).toBe(DISRUPTIONS);
    expect(kills).toBeGreaterThanOrEqual(20);

    // ---- the source stops; everyone catches up to the end of the log ----
    await floor.bridge.close();
    const info = await floor.log.eventsInfo();
    const head = info?.state.last_seq ?? 0;
    const epoch = floor.publisher.epoch;
    expect(head).toBeGreaterThan(1_000);
    await waitFor(() => consoles.every(({ core }) => core.store.streamPosition(LIVE_STREAM)?.epoch === epoch && core.store.streamPosition(LIVE_STREAM)?.lastSeq === head), {
      what: `every console to reach seq ${head}`,
      timeoutMs: 120_000,
    }).catch((error: unknown) => {
      const states = consoles.map(({ core }, index) => `console ${index}: ${JSON.stringify(core.store.streamPosition(LIVE_STREAM))} ${JSON.stringify(core.feedStatus())}`);
      const outputs = relays.map((relay, index) => `relay ${index}:\n${relay?.output() ?? '(down)'}`);
      throw new Error(`${String(error)}\n${states.join('\n')}\n${outputs.join('\n')}`);
    });

    // ---- every console's log against the stream itself ----
    const stream = new Map<number, StreamEvent>();
    await readRange(floor.log, 1, head, (message) => {
      const { type, time, ...body } = JSON.parse(new TextDecoder().decode(message.data)) as { type: string; time: number } & Record<string, unknown>;
      stream.set(message.seq, { type, time, body, queues: message.queues });
    });
    expect(stream.size).toBe(head);

    for (const [index, { core, dir, scope }] of consoles.entries()) {
      const db = new Database(join(dir, 'floorwatch.db'), { readonly: true, fileMustExist: true });
      try {
        const rows = db.prepare('SELECT seq, time, type, body FROM events WHERE stream = ? AND epoch = ? ORDER BY seq').all(LIVE_STREAM, epoch) as LoggedRow[];
        const first = rows[0]?.seq ?? 0;
        // 0 lost, 0 twice: one row per seq from the console's first to the log's last.
        expect(rows.length, `console ${index}: rows from ${first} to ${head}`).toBe(head - first + 1);
        expect(new Set(rows.map((row) => row.seq)).size).toBe(rows.length);
        expect(rows.at(-1)?.seq).toBe(head);
        let withheld = 0;
        for (const row of rows) {
          const sent = stream.get(row.seq) as StreamEvent;
          if (visibleTo(sent.queues, scope)) {
            // The log's body is the event without seq, time and type (a message's is rebuilt whole from its row).
            const { seq: _seq, time: _time, type: _type, ...body } = JSON.parse(row.body) as Record<string, unknown>;
            expect({ seq: row.seq, type: row.type, time: row.time, body }, `console ${index}`).toEqual({ seq: row.seq, type: sent.type, time: sent.time, body: sent.body });
          } else {
            withheld += 1;
            expect({ seq: row.seq, type: row.type }, `console ${index} (scope ${JSON.stringify(scope)}) stored an event outside its scope`).toEqual({ seq: row.seq, type: 'feed.withheld' });
          }
        }
        if (scope === null) expect(withheld).toBe(0);
        else {
          expect(withheld).toBeGreaterThan(0);
          // A conversation of another queue is in the cache only because the console saw it leave one of its own.
          const elsewhere = db.prepare('SELECT conversation_id AS conversationId, queue_id AS queueId FROM conversations').all() as { conversationId: string; queueId: string }[];
          for (const row of elsewhere.filter((candidate) => !scope.includes(candidate.queueId))) {
            const movedOut = rows.some((logged) => logged.type === 'conversation.transferred' && (JSON.parse(logged.body) as { conversationId: string; toQueueId: string; fromQueueId: string }).conversationId === row.conversationId && scope.includes((JSON.parse(logged.body) as { fromQueueId: string }).fromQueueId));
            expect(movedOut, `console ${index} (scope ${JSON.stringify(scope)}) holds conversation ${row.conversationId} of ${row.queueId}`).toBe(true);
          }
        }
      } finally {
        db.close();
      }
      expect(core.store.streamPosition(LIVE_STREAM)?.lastSeq).toBe(head);
    }
  }, 600_000);
});
