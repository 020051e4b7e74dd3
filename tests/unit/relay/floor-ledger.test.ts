/**
 * The floor ledger (src-main/relay/floor-ledger.ts): over real simulator streams with random
 * supervisor commands, and over random agent events, its snapshot rebuilds in the console's
 * reducer what the whole stream builds, and agrees with the simulator's own snapshot and answers;
 * a ledger restored from a snapshot tags the rest of the stream alike; and one example per tag rule.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FloorEvent, FloorEventInput } from '../../../src-shared/protocol/events.js';
import type { FeedCommand } from '../../../src-shared/protocol/frames.js';
import { applyEvents, applySnapshot, createLiveState } from '../../../src-main/core/floor-state/reducer.js';
import type { LiveState } from '../../../src-main/core/floor-state/state.js';
import { FloorLedger, visibleTo, type EventQueues, type LedgerEntry } from '../../../src-main/relay/floor-ledger.js';
import { DEMO_USERS, forbiddenReason } from '../../../src-main/sim/demo-users.js';
import { createFloor } from '../../../src-main/sim/floor.js';
import { createRandom } from '../../../src-main/sim/random.js';

const START = Date.UTC(2026, 2, 10, 15, 0, 0);
/** Where a stream is cut, in thousandths of its length, drawn evenly (fast-check's bias toward the ends would mostly cut at the very start). */
const cutPoint = fc.noBias(fc.integer({ min: 0, max: 1000 }));
const cutAt = (permille: number, length: number): number => Math.round((permille / 1000) * length);

/** The simulator's own snapshot and answers after the first `at` events of a stream. */
interface Mark {
  readonly at: number;
  readonly snapshot: FloorEventInput[];
  readonly conversationQueues: ReadonlyMap<string, string | null>;
  readonly agentQueues: ReadonlyMap<string, readonly string[] | null>;
}

/** A floor's events numbered 1..n, with random supervisor commands mixed in, and marks along the way. */
function simStream(seed: number, minutes: number): { events: FloorEvent[]; marks: Mark[] } {
  const floor = createFloor({ seed, startTime: START, agents: 14, queues: 8, warmupMs: 2 * 60_000 });
  const random = createRandom(seed ^ 0x2545f491);
  floor.advanceTo(START);
  // A publisher starts from the floor as the simulator sums it up (the directory and the away reasons come only so).
  const inputs: FloorEventInput[] = floor.snapshotEvents();
  const marks: Mark[] = [];
  const queueIds = floor.queues.map((queue) => queue.queueId);
  const chatQueues = floor.queues.filter((queue) => queue.channel === 'chat').map((queue) => queue.queueId);
  const assigned = (): string[] => inputs.flatMap((event) => (event.type === 'conversation.assigned' ? [event.conversationId] : []));
  for (let time = START; time < START + minutes * 60_000; time += 15_000) {
    inputs.push(...floor.advanceTo(time));
    if (random.chance(0.4)) {
      const agent = random.pick(floor.agents);
      const queueId = random.pick(queueIds);
      const conversationId = random.pick(assigned().slice(-20).concat('none'));
      const alert = { alertId: `queued:${queueId}:queued@${random.integer(1, 40)}`, queueId, kind: 'queued', subject: 'queued', by: 'wfm-leader' } as const;
      const commands: FeedCommand[] = [
        { type: 'queue.set_mitigation', queueId, state: random.pick(['normal', 'paused', 'custom_message'] as const), message: 'Busy' },
        { type: 'queue.end_all', queueId },
        { type: 'queue.transfer_waiting', queueId: random.pick(chatQueues), targetQueueId: random.pick(chatQueues) },
        { type: 'agent.set_status', agentId: agent.agentId, kind: random.pick(['available', 'away', 'offline'] as const), reason: random.pick(['', 'Supervisor']) },
        { type: 'conversation.take_over', conversationId, supervisorId: 'wfm-leader' },
        { type: 'conversation.whisper', conversationId, supervisorId: 'wfm-leader', text: 'Psst' },
        { type: 'agent.set_queues', agentId: agent.agentId, queueIds: floor.queues.filter((queue) => queue.channel === agent.channel && random.chance(0.5)).map((queue) => queue.queueId) },
        { type: 'agent.set_capacity', agentId: agent.agentId, slots: agent.channel === 'voice' ? 1 : random.integer(1, 4) },
        { type: 'user.set_role', userId: agent.agentId, role: random.pick(['wfm_leader', null] as const), queueScope: [queueId] },
        { type: 'alert.acknowledge', ...alert },
        { type: 'alert.escalate', ...alert, toUserId: 'admin' },
      ];
      const outcome = floor.applyCommand(random.pick(commands), time);
      if (outcome.ok) inputs.push(...outcome.events);
    }
    if (random.chance(0.2)) {
      const snapshot = floor.snapshotEvents();
      const conversationIds = snapshot.flatMap((event) => (event.type === 'conversation.created' ? [event.conversationId] : []));
      marks.push({
        at: inputs.length,
        snapshot,
        conversationQueues: new Map(conversationIds.map((id) => [id, floor.conversationQueue(id)])),
        agentQueues: new Map(floor.agents.map((agent) => [agent.agentId, floor.agentQueues(agent.agentId)])),
      });
    }
  }
  return { events: inputs.map((event, index) => ({ ...event, seq: index + 1 }) as FloorEvent), marks };
}

function ledgerOf(events: readonly FloorEventInput[]): FloorLedger {
  const ledger = new FloorLedger();
  for (const event of events) ledger.apply(event);
  return ledger;
}

/** A snapshot as the protocol sends it: every event carries the snapshot's seq; the console applies it with applySnapshot. */
function rebuilt(events: readonly FloorEventInput[], seq: number): LiveState {
  return applySnapshot(events.map((event) => ({ ...event, seq }) as FloorEvent), seq);
}

const eventsOf = (entries: readonly LedgerEntry[]): FloorEventInput[] => entries.map((entry) => entry.event);
const sorted = <T>(map: ReadonlyMap<string, T>): [string, T][] => [...map].sort(([a], [b]) => a.localeCompare(b));

/**
 * What a snapshot promises of the live state: the configured queues, the directory, the away reasons, every
 * conversation in progress and its place in the queue index, and the agents (`agentIds`: those
 * logged in, or kept in the snapshot). Not promised, so left out: today's counters of queues and
 * agents (they count ended conversations, surveys and slot time, which a snapshot drops), an
 * agent's slot clock (applySnapshot restarts it at the snapshot's time), agents logged out (a
 * logout drops the agent), queues never configured (known only from such counters) and the last
 * event's time (the last event may be one a snapshot drops).
 */
function promised(state: LiveState, agentIds: ReadonlySet<string>, lenient: boolean): unknown {
  const agents = [...agentIds].sort().map((agentId) => {
    const agent = state.agents.get(agentId);
    if (agent === undefined) return [agentId, 'missing'];
    const { today: _today, slotTimeSince: _slotTimeSince, conversationIds, status, loggedInAt, ...rest } = agent;
    if (!lenient) return [agentId, { ...rest, status, loggedInAt, conversationIds }];
    return [agentId, { ...rest, status: { kind: status.kind, reason: status.reason }, conversationIds: [...conversationIds].sort() }];
  });
  const index = (map: ReadonlyMap<string, ReadonlySet<string>>, keep: (member: string) => boolean) =>
    sorted(map)
      .map(([queueId, members]) => [queueId, [...members].filter(keep).sort()] as const)
      .filter(([, members]) => members.length > 0);
  return {
    queues: sorted(state.queues).filter(([, queue]) => queue.configured),
    directory: sorted(state.directory),
    awayReasons: state.awayReasons,
    conversations: sorted(state.conversations),
    conversationsByQueue: index(state.conversationsByQueue, () => true),
    agents,
    agentsByQueue: index(state.agentsByQueue, (agentId) => agentIds.has(agentId)),
    lastSeq: state.lastSeq,
  };
}

/**
 * The two states agree on what a snapshot promises: the agents logged in in either, and every agent
 * the snapshot holds. `lenient`, for the simulator's own snapshot: an agent's conversations in any
 * order (it lists conversations one after the other, so their assignments come in another order),
 * and no times of statuses and logins: it dates a status repeated by a supervisor from the
 * repetition, where the console keeps the time of the first, and an agent set offline and back
 * from their login, where the console logs them in again when back. The ledger is held to the
 * stream's own times.
 */
function expectSameFloor(fromSnapshot: LiveState, fromStream: LiveState, lenient = false): void {
  const loggedIn = (state: LiveState) => [...state.agents.values()].filter((agent) => agent.loggedIn).map((agent) => agent.agentId);
  const agentIds = new Set([...fromSnapshot.agents.keys(), ...loggedIn(fromStream), ...loggedIn(fromSnapshot)]);
  expect(promised(fromSnapshot, agentIds, lenient)).toEqual(promised(fromStream, agentIds, lenient));
}

describe('floor ledger over simulator streams (properties)', () => {
  it('rebuilds from its snapshot, at any cut, the floor the whole stream builds', () => {
    let conversations = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), cutPoint, (seed, permille) => {
        const { events } = simStream(seed, 5);
        const cut = Math.max(1, cutAt(permille, events.length));
        const ledger = ledgerOf(events.slice(0, cut));
        const fromSnapshot = rebuilt(eventsOf(ledger.snapshot()), cut);
        conversations += fromSnapshot.conversations.size;
        expectSameFloor(fromSnapshot, applyEvents(createLiveState(), events.slice(0, cut)));
      }),
      { numRuns: 20 },
    );
    expect(conversations).toBeGreaterThan(20);
  });

  it("agrees with the simulator's own snapshot and its answers on where commands land", () => {
    let marks = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const { events, marks: taken } = simStream(seed, 5);
        const ledger = new FloorLedger();
        let applied = 0;
        for (const mark of taken) {
          for (; applied < mark.at; applied += 1) ledger.apply(events[applied] as FloorEvent);
          marks += 1;
          expectSameFloor(rebuilt(eventsOf(ledger.snapshot()), mark.at), rebuilt(mark.snapshot, mark.at), true);
          for (const [conversationId, queueId] of mark.conversationQueues) expect(ledger.conversationQueue(conversationId)).toBe(queueId);
          for (const [agentId, queueIds] of mark.agentQueues) expect(ledger.agentQueues(agentId)).toEqual(queueIds);
          const profiles = mark.snapshot.flatMap((event) => (event.type === 'user.profile' ? [event] : []));
          for (const profile of profiles) expect(ledger.person(profile.userId)).toEqual({ kind: profile.kind, role: profile.role, queueIds: profile.queueIds, queueScope: profile.queueScope });
        }
      }),
      { numRuns: 6 },
    );
    expect(marks).toBeGreaterThan(10);
  });

  it('restored from its snapshot, tags the rest of the stream alike and ends with the same snapshot', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), cutPoint, (seed, permille) => {
        const { events } = simStream(seed, 4);
        const cut = cutAt(permille, events.length);
        const original = ledgerOf(events.slice(0, cut));
        // As a publisher stores it and a relay reads it back.
        const restored = FloorLedger.restore(JSON.parse(JSON.stringify(original.snapshot())) as LedgerEntry[]);
        expect(restored.snapshot()).toEqual(original.snapshot());
        const rest = events.slice(cut);
        expect(rest.map((event) => restored.apply(event))).toEqual(rest.map((event) => original.apply(event)));
        expect(restored.snapshot()).toEqual(original.snapshot());
      }),
      { numRuns: 10 },
    );
  });

  it('keeps nothing of ended conversations and drops repeated changes: the snapshot stays small', () => {
    const { events } = simStream(99, 5);
    const snapshot = ledgerOf(events).snapshot();
    const live = new Set(snapshot.flatMap((entry) => (entry.event.type === 'conversation.created' ? [entry.event.conversationId] : [])));
    const conversationOf = (entry: LedgerEntry) => ('conversationId' in entry.event ? entry.event.conversationId : undefined);
    expect(snapshot.every((entry) => conversationOf(entry) === undefined || live.has(conversationOf(entry) as string))).toBe(true);
    expect(snapshot.some((entry) => entry.event.type === 'conversation.ended' || entry.event.type === 'survey.answered')).toBe(false);
    expect(snapshot.length).toBeLessThan(events.length / 3);
  });

  it('compares states in a way that sees a missing event', () => {
    const { events } = simStream(5, 3);
    const snapshot = eventsOf(ledgerOf(events).snapshot());
    const full = applyEvents(createLiveState(), events);
    expectSameFloor(rebuilt(snapshot, events.length), full);
    for (const type of ['conversation.message', 'agent.status', 'user.profile', 'queue.estimated_wait'] as const) {
      const last = snapshot.map((event) => event.type).lastIndexOf(type);
      expect(last).toBeGreaterThanOrEqual(0);
      const without = snapshot.filter((_, index) => index !== last);
      expect(() => expectSameFloor(rebuilt(without, events.length), full)).toThrow();
    }
  });
});

// ---- random agent events: logins, logouts, statuses, capacity, queues, profiles ----

const AGENTS = ['a-1', 'a-2', 'a-3'];
const QUEUES = ['q-1', 'q-2', 'q-3'];
const PERSON = { name: 'Ann', teamId: 't-1', teamName: 'Team', location: 'Here' } as const;

function profile(time: number, userId: string, queueIds: readonly string[], slots: number): FloorEventInput {
  return { type: 'user.profile', time, userId, ...PERSON, kind: 'agent', role: null, queueScope: null, queueIds: [...queueIds], slots };
}

function agentEvent(time: number): fc.Arbitrary<FloorEventInput> {
  const agentId = fc.constantFrom(...AGENTS);
  const queueIds = fc.subarray(QUEUES);
  const slots = fc.integer({ min: 1, max: 3 });
  return fc.oneof(
    fc.record({ agentId, queueIds, slots }).map(({ agentId: id, queueIds: queues, slots: count }): FloorEventInput => ({ type: 'agent.login', time, agentId: id, ...PERSON, slots: count, queueIds: queues })),
    agentId.map((id): FloorEventInput => ({ type: 'agent.logout', time, agentId: id })),
    fc.record({ agentId, kind: fc.constantFrom('available', 'away', 'offline'), reason: fc.constantFrom('', 'Lunch') }).map(
      ({ agentId: id, kind, reason }): FloorEventInput => ({ type: 'agent.status', time, agentId: id, kind, reason }),
    ),
    fc.record({ agentId, slots }).map(({ agentId: id, slots: count }): FloorEventInput => ({ type: 'agent.capacity', time, agentId: id, slots: count })),
    fc.record({ agentId, queueIds }).map(({ agentId: id, queueIds: queues }): FloorEventInput => ({ type: 'agent.queues', time, agentId: id, queueIds: queues })),
    fc.record({ agentId, queueIds, slots }).map(({ agentId: id, queueIds: queues, slots: count }) => profile(time, id, queues, count)),
  );
}

/**
 * The events as a feed of protocol v1.1 sends them (docs/protocol.md, "The directory"): status,
 * capacity and queue changes only of agents on shift (logged in, not yet logged out), and, once it
 * has sent a person's profile, the profile again whenever their queues or slots change. What an
 * agent off shift is like is their profile's: a snapshot keeps nothing else of them.
 */
function asFeed(events: readonly FloorEventInput[]): FloorEventInput[] {
  const people = new Map<string, { queueIds: readonly string[]; slots: number }>();
  const onShift = new Set<string>();
  return events.flatMap((event) => {
    if (event.type === 'user.profile') people.set(event.userId, event);
    if (event.type === 'agent.login') onShift.add(event.agentId);
    if (event.type === 'agent.logout') onShift.delete(event.agentId);
    const change = event.type === 'agent.status' || event.type === 'agent.capacity' || event.type === 'agent.queues';
    if (change && !onShift.has(event.agentId)) return [];
    if (event.type !== 'agent.login' && event.type !== 'agent.capacity' && event.type !== 'agent.queues') return [event];
    const known = people.get(event.agentId);
    if (known === undefined) return [event];
    const now = { queueIds: 'queueIds' in event ? event.queueIds : known.queueIds, slots: 'slots' in event ? event.slots : known.slots };
    people.set(event.agentId, now);
    return [event, profile(event.time, event.agentId, now.queueIds, now.slots)];
  });
}

/** Random agent events, one a second, numbered 1..n. */
const agentStream = fc
  .array(fc.nat(), { minLength: 1, maxLength: 60 })
  .chain((ticks) => fc.tuple(...ticks.map((_, index) => agentEvent(START + index * 1000))))
  .map((events) => asFeed(events).map((event, index) => ({ ...event, seq: index + 1 }) as FloorEvent));

describe('floor ledger over random agent events (properties)', () => {
  it('rebuilds every agent logged in, and the directory, as the whole stream does', () => {
    fc.assert(
      fc.property(agentStream, (events) => {
        const ledger = ledgerOf(events);
        expectSameFloor(rebuilt(eventsOf(ledger.snapshot()), events.length), applyEvents(createLiveState(), events));
        for (const agentId of AGENTS) {
          const restored = FloorLedger.restore(ledger.snapshot());
          expect(restored.agentQueues(agentId)).toEqual(ledger.agentQueues(agentId));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('restored at any cut, tags the rest alike and ends with the same snapshot', () => {
    fc.assert(
      fc.property(agentStream, cutPoint, (events, permille) => {
        const cut = cutAt(permille, events.length);
        const original = ledgerOf(events.slice(0, cut));
        const restored = FloorLedger.restore(original.snapshot());
        const rest = events.slice(cut);
        expect(rest.map((event) => restored.apply(event))).toEqual(rest.map((event) => original.apply(event)));
        expect(restored.snapshot()).toEqual(original.snapshot());
      }),
      { numRuns: 400 },
    );
  });
});

// ---- the tag rules, one example each ----

const T = START;
const created = (conversationId: string, queueId: string): FloorEventInput => ({
  type: 'conversation.created', time: T, conversationId, channel: 'chat', queueId, intent: 'billing', customer: { customerId: `cu-${conversationId}` },
});
const message = (conversationId: string): FloorEventInput => ({ type: 'conversation.message', time: T, conversationId, messageId: `${conversationId}-m`, sender: 'customer', kind: 'text', text: 'Hi' });
const login = (agentId: string, queueIds: string[]): FloorEventInput => ({ type: 'agent.login', time: T, agentId, ...PERSON, slots: 2, queueIds });
const status = (agentId: string, kind: 'available' | 'away' | 'offline'): FloorEventInput => ({ type: 'agent.status', time: T, agentId, kind, reason: '' });
const supervisor = (userId: string, queueScope: string[] | null): FloorEventInput => ({
  type: 'user.profile', time: T, userId, ...PERSON, kind: 'supervisor', role: 'wfm_leader', queueScope, queueIds: [], slots: 0,
});

/** Applies the events and returns the tag of each. */
function tags(ledger: FloorLedger, ...events: FloorEventInput[]): EventQueues[] {
  return events.map((event) => ledger.apply(event));
}

describe('floor ledger tags', () => {
  it('tags queue settings, alerts and surveys with their queue, and the away reasons with the whole floor', () => {
    const ledger = new FloorLedger();
    expect(tags(ledger, { type: 'queue.estimated_wait', time: T, queueId: 'q-1', seconds: 30 }, { type: 'agent.away_reasons', time: T, reasons: ['Lunch'] })).toEqual([['q-1'], null]);
    expect(ledger.apply({ type: 'alert.updated', time: T, alertId: 'queued:q-2:queued@7', queueId: 'q-2', kind: 'queued', subject: 'queued', state: 'acknowledged', by: 'wfm-leader' })).toEqual(['q-2']);
    expect(ledger.apply({ type: 'survey.answered', time: T, conversationId: 'c-9', queueId: 'q-3', rating: 5 })).toEqual(['q-3']);
    expect(ledger.snapshot().map((entry) => entry.event.type)).toEqual(['queue.estimated_wait', 'agent.away_reasons', 'alert.updated']);
  });

  it('tags a transfer with both queues: consoles of the queue it leaves see it go, and nothing after', () => {
    const ledger = new FloorLedger();
    const transfer: FloorEventInput = { type: 'conversation.transferred', time: T, conversationId: 'c-1', fromQueueId: 'q-1', toQueueId: 'q-2' };
    const [createdIn, before, transferred, after] = tags(ledger, created('c-1', 'q-1'), message('c-1'), transfer, message('c-1'));
    expect([createdIn, before, transferred, after]).toEqual([['q-1'], ['q-1'], ['q-1', 'q-2'], ['q-2']]);
    expect([transferred, after].map((queues) => visibleTo(queues ?? [], ['q-1']))).toEqual([true, false]);
    expect(ledger.conversationQueue('c-1')).toBe('q-2');
  });

  it('tags an event that moves a conversation elsewhere with the queue it leaves too', () => {
    const ledger = new FloorLedger();
    ledger.apply(created('c-1', 'q-1'));
    expect(ledger.apply({ type: 'conversation.queued', time: T, conversationId: 'c-1', queueId: 'q-3' })).toEqual(['q-3', 'q-1']);
    expect(ledger.apply({ type: 'conversation.assigned', time: T, conversationId: 'c-1', queueId: 'q-3', agentId: 'a-1' })).toEqual(['q-3']);
  });

  it('fails closed on a conversation it does not know; of an ended one it keeps only the queue, for a note after the end', () => {
    const ledger = new FloorLedger();
    expect(ledger.apply(message('c-unknown'))).toEqual([]);
    expect(visibleTo([], ['q-1'])).toBe(false);
    expect(visibleTo([], null)).toBe(true);
    expect(tags(ledger, created('c-1', 'q-1'), { type: 'conversation.ended', time: T, conversationId: 'c-1', disposition: 'resolved' }, message('c-1'))).toEqual([['q-1'], ['q-1'], ['q-1']]);
    expect(ledger.conversationQueue('c-1')).toBe('q-1');
    expect(ledger.snapshot()).toEqual([]);
    // Not in the snapshot: a ledger restored from it knows nothing of c-1.
    expect(FloorLedger.restore(ledger.snapshot()).conversationQueue('c-1')).toBeNull();
  });

  it('tags a snapshot by the floor now: a conversation transferred away goes with its new queue, an agent with its queues now', () => {
    const ledger = new FloorLedger();
    ledger.apply(created('c-1', 'q-1'));
    ledger.apply({ type: 'conversation.transferred', time: T, conversationId: 'c-1', fromQueueId: 'q-1', toQueueId: 'q-2' });
    ledger.apply(login('a-1', ['q-1']));
    ledger.apply({ type: 'agent.queues', time: T, agentId: 'a-1', queueIds: ['q-3'] });
    const byType = new Map(ledger.snapshot().map((entry) => [entry.event.type, entry.queues]));
    expect(byType.get('conversation.created')).toEqual(['q-2']);
    expect(byType.get('conversation.transferred')).toEqual(['q-2']);
    expect(byType.get('agent.login')).toEqual(['q-3']);
    expect(byType.get('agent.queues')).toEqual(['q-3']);
    expect(ledger.snapshot().filter((entry) => visibleTo(entry.queues, ['q-1']))).toEqual([]);
  });

  it('remembers the queues of the latest 50,000 ended conversations, no more', () => {
    const ledger = new FloorLedger();
    for (let index = 0; index <= 50_000; index++) {
      ledger.apply(created(`c-${index}`, 'q-1'));
      ledger.apply({ type: 'conversation.abandoned', time: T, conversationId: `c-${index}`, queueId: 'q-1' });
    }
    expect(ledger.conversationQueue('c-0')).toBeNull();
    expect(ledger.conversationQueue('c-1')).toBe('q-1');
    expect(ledger.conversationQueue('c-50000')).toBe('q-1');
  });

  it("tags an agent's events with the agent's queues; a change of queues with the old and the new", () => {
    const ledger = new FloorLedger();
    expect(tags(ledger, login('a-1', ['q-1']), status('a-1', 'available'))).toEqual([['q-1'], ['q-1']]);
    const moved = ledger.apply({ type: 'agent.queues', time: T, agentId: 'a-1', queueIds: ['q-2'] });
    expect(moved).toEqual(['q-2', 'q-1']);
    expect(visibleTo(moved, ['q-1'])).toBe(true);
    expect(tags(ledger, { type: 'agent.capacity', time: T, agentId: 'a-1', slots: 3 }, { type: 'agent.logout', time: T, agentId: 'a-1' })).toEqual([['q-2'], ['q-2']]);
    expect(ledger.snapshot()).toEqual([]);
  });

  it('fails closed on an agent it does not know; an agent off shift has the queues of their profile', () => {
    const ledger = new FloorLedger();
    expect(ledger.apply(status('a-x', 'offline'))).toEqual([]);
    expect(ledger.agentQueues('a-x')).toBeNull();
    ledger.apply({ ...profile(T, 'a-2', ['q-4'], 1) });
    expect(ledger.agentQueues('a-2')).toEqual(['q-4']);
    expect(ledger.apply(status('a-2', 'available'))).toEqual(['q-4']);
    // A status alone logged the agent in (as the console takes it); an offline status drops them again.
    expect(ledger.snapshot().map((entry) => entry.event.type)).toEqual(['user.profile', 'agent.status']);
    ledger.apply(status('a-2', 'offline'));
    expect(ledger.snapshot().map((entry) => entry.event.type)).toEqual(['user.profile']);
  });

  it("tags a profile with the person's queues and scope, old and new; a supervisor of every queue only for consoles of every queue", () => {
    const ledger = new FloorLedger();
    expect(ledger.apply(profile(T, 'a-1', ['q-1'], 2))).toEqual(['q-1']);
    expect(tags(ledger, supervisor('tl-1', ['q-1', 'q-2']), supervisor('tl-1', ['q-3']))).toEqual([['q-1', 'q-2'], ['q-3', 'q-1', 'q-2']]);
    const everyQueue = ledger.apply(supervisor('boss', null));
    expect(everyQueue).toEqual([]);
    expect([visibleTo(everyQueue, ['q-1']), visibleTo(everyQueue, null)]).toEqual([false, true]);
    expect(ledger.person('boss')).toEqual({ kind: 'supervisor', role: 'wfm_leader', queueIds: [], queueScope: null });
    expect(ledger.person('nobody')).toBeNull();
  });

  it('tags a type it does not know with no queue and keeps nothing of it; ignores a seq', () => {
    const ledger = new FloorLedger();
    expect(ledger.apply({ type: 'feed.withheld', time: T } as unknown as FloorEventInput)).toEqual([]);
    ledger.apply({ ...created('c-1', 'q-1'), seq: 12 } as FloorEvent);
    expect(ledger.snapshot()).toEqual([{ event: created('c-1', 'q-1'), queues: ['q-1'] }]);
  });

  it('lets a console see an event when one of its queues is in scope, or either side is the whole floor', () => {
    expect(visibleTo(['q-1', 'q-2'], ['q-2'])).toBe(true);
    expect(visibleTo(['q-1'], ['q-2'])).toBe(false);
    expect(visibleTo(null, ['q-2'])).toBe(true);
    expect(visibleTo(['q-1'], null)).toBe(true);
  });
});

describe('floor ledger compaction', () => {
  it('keeps the last change of at most 500 alerts, the least recently changed forgotten first', () => {
    const ledger = new FloorLedger();
    const alert = (n: number, state: 'acknowledged' | 'escalated'): FloorEventInput => ({ type: 'alert.updated', time: T + n, alertId: `queued:q-1:queued@${n}`, queueId: 'q-1', kind: 'queued', subject: 'queued', state, by: 'wfm-leader' });
    for (let n = 0; n < 500; n += 1) ledger.apply(alert(n, 'acknowledged'));
    ledger.apply(alert(0, 'escalated'));
    ledger.apply(alert(500, 'acknowledged'));
    const kept = ledger.snapshot().map((entry) => entry.event);
    expect(kept).toHaveLength(500);
    expect(kept).not.toContainEqual(alert(1, 'acknowledged'));
    expect(kept.slice(-2)).toEqual([alert(0, 'escalated'), alert(500, 'acknowledged')]);
  });

  it('keeps an agent set offline and back: the login, the offline status, the return and the latest changes', () => {
    const ledger = new FloorLedger();
    const events = [login('a-1', ['q-1']), status('a-1', 'available'), status('a-1', 'offline'), status('a-1', 'away'), status('a-1', 'available'), { ...status('a-1', 'away'), reason: 'Lunch' }];
    for (const event of events) ledger.apply(event);
    expect(ledger.snapshot().map((entry) => entry.event)).toEqual([events[0], events[2], events[3], events[4], events[5]]);
  });

  it('answers where a command lands, so a scoped user is kept to their queues', () => {
    const ledger = new FloorLedger();
    for (const event of [created('c-1', 'q-orders'), created('c-2', 'q-billing'), login('a-1', ['q-billing'])]) ledger.apply(event);
    const user = DEMO_USERS.find((candidate) => candidate.userId === 'orders-leader');
    if (user === undefined) throw new Error('no orders leader among the demo users');
    const whisper = (conversationId: string): FeedCommand => ({ type: 'conversation.whisper', conversationId, supervisorId: user.userId, text: 'Psst' });
    expect(forbiddenReason(user, whisper('c-1'), ledger)).toBeNull();
    expect(forbiddenReason(user, whisper('c-2'), ledger)).toMatch(/outside the user's queue scope/);
    expect(forbiddenReason(user, { type: 'agent.set_capacity', agentId: 'a-1', slots: 2 }, ledger)).toMatch(/works in none of the user's queues/);
  });
});
