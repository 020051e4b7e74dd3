/**
 * The floor's one writer on a real nats-server: the schema check,
 * a second publisher refused, a publisher started again (ledger and source position from the
 * log), snapshots in the object store, and `floorwatch-relay publish FILE` as a process.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FloorEventInput } from '../../../src-shared/protocol/events.js';
import { adaptAll } from '../../../src-main/adapters/run.js';
import { FloorLedger } from '../../../src-main/relay/floor-ledger.js';
import { openFloorLog } from '../../../src-main/relay/floor-log.js';
import type { FloorLog } from '../../../src-main/relay/floor-log.js';
import { FloorPublisher, readSnapshot } from '../../../src-main/relay/publisher.js';
import type { PublisherOptions } from '../../../src-main/relay/publisher.js';
import { createFloor } from '../../../src-main/sim/floor.js';
import { ROOT } from '../../support/host-process.js';
import { cleanupAfterEach, FLOOR_START, logMessages, useTestNats } from '../../support/relay-wire.js';

const cleanup = cleanupAfterEach();
const nats = useTestNats('relay-publisher');
let floors = 0;

/** A floor's log of its own, and two minutes of the model's floor from empty (every event valid) to write to it. */
async function freshFloor(seed: number): Promise<{ log: FloorLog; events: FloorEventInput[] }> {
  floors += 1;
  const log = await openFloorLog({ servers: nats().url, floor: `publisher-${floors}`, name: 'publisher test' });
  cleanup(() => log.close());
  const model = createFloor({ seed, startTime: FLOOR_START, agents: 12 });
  return { log, events: [...model.snapshotEvents(), ...model.advanceTo(FLOOR_START + 120_000)] };
}

async function publisherOf(log: FloorLog, options: Partial<PublisherOptions> = {}): Promise<FloorPublisher> {
  const publisher = await FloorPublisher.open(log, { source: { name: 'publisher test', commands: false }, ...options });
  cleanup(() => publisher.close());
  return publisher;
}

const bodyOf = (data: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(data));

/** Runs dist/relay/cli.mjs to its end. */
async function relayCli(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'dist/relay/cli.mjs'), ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stderr };
}

describe('the schema check', () => {
  it('skips and counts an event that fails the schema, and writes the rest in order', async () => {
    const { log, events: all } = await freshFloor(1);
    const events = all.slice(0, 40);
    const problems: string[] = [];
    const publisher = await publisherOf(log, { onSkipped: (problem) => problems.push(problem) });
    const broken = [{ type: 'queue.configured', time: FLOOR_START, queueId: '' }, { type: 'no.such.event', time: FLOOR_START }, { ...events[5], time: 'noon' }] as unknown as FloorEventInput[];
    await publisher.publish([...events.slice(0, 10), broken[0] as FloorEventInput, ...events.slice(10, 20), broken[1] as FloorEventInput, broken[2] as FloorEventInput, ...events.slice(20)]);
    expect(publisher.skippedCount).toBe(3);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^queue\.configured: /);
    const messages = await logMessages(log);
    expect(messages.map((message) => message.seq)).toEqual(events.map((_event, index) => index + 1));
    expect(messages.map((message) => bodyOf(message.data))).toEqual(events.map((event) => JSON.parse(JSON.stringify(event)) as unknown));
    expect(publisher.headSeq).toBe(events.length);
  });
});

describe('two publishers of one floor', () => {
  it('refuses the second one\'s write, and the log keeps only the first one\'s', async () => {
    const { log, events } = await freshFloor(2);
    const first = await publisherOf(log);
    const otherLog = await openFloorLog({ servers: nats().url, floor: log.names.floor, name: 'the second writer' });
    cleanup(() => otherLog.close());
    const second = await publisherOf(otherLog);
    await first.publish(events.slice(0, 50));
    const before = await logMessages(log);
    await expect(second.publish(events.slice(100, 110))).rejects.toThrow(/another publisher is writing floor/);
    // It stays stopped: a later write is refused before anything reaches the log, even one that would fit.
    expect(second.stopped?.message).toMatch(/another publisher/);
    await expect(second.publish(events.slice(110, 111))).rejects.toBe(second.stopped);
    const after = await logMessages(log);
    expect(after.map((message) => [message.seq, bodyOf(message.data)])).toEqual(before.map((message) => [message.seq, bodyOf(message.data)]));
    expect(after).toHaveLength(50);
    // The first goes on.
    await first.publish(events.slice(50, 60));
    expect((await log.eventsInfo())?.state.last_seq).toBe(60);
  });
});

describe('a publisher started again', () => {
  it('restores its ledger (the same tags for the events that follow) and its source position from the log', async () => {
    const { log, events } = await freshFloor(3);
    const split = Math.floor(events.length / 2);
    const position = (index: number): { epoch: string; seq: number } => ({ epoch: 'source-epoch', seq: index + 1 });
    const first = await FloorPublisher.open(log, { source: { name: 'publisher test', commands: true } });
    await first.publish(events.slice(0, 200), (event) => position(events.indexOf(event)));
    await first.writeSnapshot();
    await first.publish(events.slice(200, split), (event) => position(events.indexOf(event)));
    // Stopped without a last snapshot: the one after it restores from the snapshot and the events since.
    const second = await publisherOf(log);
    expect(second.headSeq).toBe(split);
    expect(second.sourcePosition()).toEqual(position(split - 1));
    expect(second.epoch).toBe(first.epoch);
    await second.publish(events.slice(split));

    // One ledger fed every event in order tags each exactly as the two publishers did.
    const ledger = new FloorLedger();
    const expected = events.map((event) => ledger.apply(event));
    const tags = (await logMessages(log)).map((message) => message.queues);
    expect(tags).toEqual(expected.map((queues) => (queues === null ? null : [...queues])));
    expect(tags.slice(split).some((queues) => queues !== null && queues.length > 0)).toBe(true);
  });

  it('starts again past a message in the log that is no event, and goes on after it', async () => {
    const { log, events } = await freshFloor(4);
    const first = await FloorPublisher.open(log, { source: { name: 'publisher test', commands: false } });
    await first.publish(events.slice(0, 30));
    await first.close();
    await log.js.publish(log.names.eventsSubject, 'not json');
    await log.js.publish(log.names.eventsSubject, JSON.stringify({ type: 'conversation.assigned', time: 5 }));
    const second = await publisherOf(log);
    expect(second.headSeq).toBe(32);
    await second.publish(events.slice(30, 40));
    expect((await log.eventsInfo())?.state.last_seq).toBe(42);
  });
});

describe('snapshots', () => {
  it('reads back what writeSnapshot wrote: the epoch, the head, the newest time and the ledger', async () => {
    const { log, events } = await freshFloor(5);
    const publisher = await publisherOf(log);
    expect(await readSnapshot(log)).toBeNull();
    await publisher.publish(events);
    await publisher.writeSnapshot();
    const ledger = new FloorLedger();
    for (const event of events) ledger.apply(event);
    const stored = await readSnapshot(log);
    expect(stored).toMatchObject({ epoch: publisher.epoch, seq: events.length, time: Math.max(...events.map((event) => event.time)) });
    expect(stored?.entries).toEqual(JSON.parse(JSON.stringify(ledger.snapshot())));
    // A ledger restored from it is the same floor.
    expect(FloorLedger.restore(stored?.entries ?? []).snapshot()).toEqual(stored?.entries);
  });
});

describe('floorwatch-relay publish', () => {
  it('writes a JSON-lines file of canonical events (an adapter\'s output) to the log and exits 0', async () => {
    const { events } = adaptAll('genesys', readFileSync(join(ROOT, 'tests/fixtures/adapters/genesys/notifications.jsonl'), 'utf8'));
    expect(events.length).toBeGreaterThan(3);
    const file = join(nats().dataDir, 'events.jsonl');
    writeFileSync(file, `${events.map((event) => JSON.stringify(event)).join('\n')}\nnot json\n`);
    const { code, stderr } = await relayCli(['publish', '--nats', nats().url, '--floor', 'from-file', '--source-name', 'genesys', file]);
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/1 lines not JSON/);
    const log = await openFloorLog({ servers: nats().url, floor: 'from-file', name: 'reader' });
    cleanup(() => log.close());
    const messages = await logMessages(log);
    expect(messages.map((message) => bodyOf(message.data))).toEqual(events.map((event) => JSON.parse(JSON.stringify(event)) as unknown));
    expect((await log.source.get('info'))?.json()).toEqual({ name: 'genesys', commands: false });
  });

  it('exits 2 on a bad command line', async () => {
    for (const args of [['frobnicate'], ['serve', '--nats', nats().url], ['publish', '--feed-url', 'ws://127.0.0.1:1', 'file.jsonl'], ['serve', '--tokens', 'x.json', '--port', 'eighty']]) {
      const { code, stderr } = await relayCli(args);
      expect(code, `${args.join(' ')}: ${stderr}`).toBe(2);
    }
  });
});
