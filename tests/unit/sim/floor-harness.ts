/**
 * A simulator driven by hand for tests: a real server on 127.0.0.1:0 whose wall clock only moves
 * when the test says, a real WebSocket client signed in as one user, and the core's own reducer
 * turning what the client receives into the live state the console would show.
 */
import type { FloorEvent } from '../../../src-shared/protocol/events.js';
import type { FeedCommand, ServerFrame, ServerFrameOf } from '../../../src-shared/protocol/frames.js';
import { applyEvents, applySnapshot } from '../../../src-main/core/floor-state/reducer.js';
import type { LiveState } from '../../../src-main/core/floor-state/state.js';
import type { FloorOptions } from '../../../src-main/sim/floor.js';
import { startSimServer } from '../../../src-main/sim/server.js';
import type { SimServer } from '../../../src-main/sim/server.js';
import { FeedTestClient } from './feed-test-client.js';

// A Tuesday at 12:00 UTC: 08:00 in New York (billing open, tech support always open) and 05:00 in
// Los Angeles, where Sales (weekdays 08:00–20:00) is still closed.
export const START = Date.UTC(2026, 2, 10, 12, 0, 0);
export const MINUTE = 60_000;

const running: { sim: SimServer; feed: FeedTestClient }[] = [];

/** Stops every floor started since the last call (for afterEach). */
export async function stopFloors(): Promise<void> {
  for (const { sim, feed } of running.splice(0)) {
    feed.socket.terminate();
    await sim.close();
  }
}

export const is =
  <T extends ServerFrame['type']>(type: T) =>
  (frame: ServerFrame): frame is ServerFrameOf<T> =>
    frame.type === type;

/** Polls a condition that has no event of its own (a deadline, not a sleep). */
export async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export interface TestFloor {
  readonly sim: SimServer;
  readonly feed: FeedTestClient;
  /** The console's view: the snapshot plus every live event received, through the core reducer. */
  live(): LiveState;
  /** Live events received after the given seq. */
  eventsAfter(seq: number): FloorEvent[];
  /** Moves the floor clock forward and waits until the client has every event up to then. */
  advance(ms: number): Promise<void>;
  /** Sends a command and waits for its result and the events it caused. */
  command(command: FeedCommand): Promise<ServerFrameOf<'command.result'>>;
  head(): number;
}

export interface TestFloorOptions {
  readonly seed?: number;
  readonly floor?: Partial<FloorOptions>;
  /** Derives the users' tokens; without it the server is open and the client is the admin. */
  readonly tokenSeed?: string;
  /** The client's token (default: none, the admin of an open server). */
  readonly token?: string;
}

/** Starts a floor of 40 agents and 10 queues and a client that has received its snapshot. */
export async function startFloor(options: TestFloorOptions = {}): Promise<TestFloor> {
  let wall = 1_000_000;
  const sim = await startSimServer({
    seed: options.seed ?? 5,
    speed: 1,
    tickMs: 5,
    now: () => wall,
    heartbeatIntervalMs: 60_000,
    ...(options.tokenSeed !== undefined ? { tokenSeed: options.tokenSeed } : {}),
    floor: { startTime: START, agents: 40, queues: 10, ...options.floor },
  });
  const feed = await FeedTestClient.open(sim.url);
  running.push({ sim, feed });
  feed.hello([], options.token ?? '');
  const snapshot = await feed.waitFor(is('snapshot'), 'the snapshot');
  let commandCount = 0;
  const caughtUp = () => until(() => feed.lastSeq() >= sim.headSeq(), 'the client to catch up');
  return {
    sim,
    feed,
    live: () => applyEvents(applySnapshot(snapshot.events as FloorEvent[], snapshot.seq), feed.liveEvents()),
    eventsAfter: (seq) => feed.liveEvents().filter((event) => event.seq > seq),
    head: () => sim.headSeq(),
    async advance(ms) {
      const emitted = new Promise<void>((resolve) => {
        const stop = sim.onEmit(() => {
          stop();
          resolve();
        });
      });
      wall += ms;
      await emitted;
      await caughtUp();
    },
    async command(command) {
      commandCount += 1;
      const commandId = `cmd-${commandCount}`;
      feed.send({ type: 'command', commandId, command });
      const result = await feed.waitFor((frame): frame is ServerFrameOf<'command.result'> => frame.type === 'command.result' && frame.commandId === commandId, `the result of ${command.type}`);
      await caughtUp();
      return result;
    },
  };
}
