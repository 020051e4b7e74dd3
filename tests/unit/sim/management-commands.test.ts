/**
 * The simulator applies the management commands for real, shown over its feed protocol (a real
 * server, a real socket, the core's reducer): an agent's queues change routing at once, a lowered
 * limit stops new work without taking any away, and a role reaches the person's next session only.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FloorEvent } from '../../../src-shared/protocol/events.js';
import type { ServerFrameOf } from '../../../src-shared/protocol/frames.js';
import type { LiveState } from '../../../src-main/core/floor-state/state.js';
import { demoUserToken } from '../../../src-main/sim/demo-users.js';
import { FeedTestClient } from './feed-test-client.js';
import { MINUTE, is, startFloor, stopFloors, type TestFloor } from './floor-harness.js';

const clients: FeedTestClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.terminate();
  await stopFloors();
});

const TOKEN_SEED = 'management-seed';
const token = (userId: string): string => demoUserToken(TOKEN_SEED, userId);

/** A chat agent of the floor who does not work the queue. */
function chatAgentOutside(live: LiveState, queueId: string): string {
  const agent = [...live.agents.values()].find((candidate) => !candidate.queueIds.includes(queueId) && candidate.queueIds.every((id) => live.queues.get(id)?.channel === 'chat'));
  if (!agent) throw new Error(`no chat agent outside ${queueId}`);
  return agent.agentId;
}

/** The conversations an agent holds after these events, starting from those held before; fails if one was assigned while at the limit. */
function holdings(events: readonly FloorEvent[], agentId: string, held: Set<string>, limit: number): { assignedUnder: number } {
  let assignedUnder = 0;
  for (const event of events) {
    if (event.type === 'conversation.assigned' && event.agentId === agentId) {
      expect(held.size, `assigned ${event.conversationId} while holding ${held.size}`).toBeLessThan(limit);
      held.add(event.conversationId);
      assignedUnder += 1;
    } else if (event.type === 'conversation.ended' || event.type === 'conversation.abandoned') {
      held.delete(event.conversationId);
    } else if ((event.type === 'conversation.transferred' || event.type === 'conversation.taken_over') && event.fromAgentId === agentId) {
      held.delete(event.conversationId);
    }
  }
  return { assignedUnder };
}

async function hello(floor: TestFloor, userToken: string): Promise<{ feed: FeedTestClient; welcome: ServerFrameOf<'welcome'> | null; error: ServerFrameOf<'error'> | null }> {
  const feed = await FeedTestClient.open(floor.sim.url);
  clients.push(feed);
  feed.hello([], userToken);
  const frame = await feed.waitFor((candidate) => candidate.type === 'welcome' || candidate.type === 'error', 'a welcome or an error');
  return { feed, welcome: frame.type === 'welcome' ? frame : null, error: frame.type === 'error' ? frame : null };
}

async function commandOn(feed: FeedTestClient, commandId: string, command: unknown): Promise<ServerFrameOf<'command.result'>> {
  feed.send({ type: 'command', commandId, command });
  return feed.waitFor((frame): frame is ServerFrameOf<'command.result'> => frame.type === 'command.result' && frame.commandId === commandId, `the result of ${commandId}`);
}

describe('simulator: agent.set_queues', () => {
  it('changes routing at once: a conversation waiting in the added queue goes to the agent in the same instant', async () => {
    const floor = await startFloor();
    const queueId = 'q-tech-support';
    const agentId = chatAgentOutside(floor.live(), queueId);
    // The agent works nothing for now, is available and has room; the queue's own agents go offline.
    expect(await floor.command({ type: 'agent.set_queues', agentId, queueIds: [] })).toMatchObject({ ok: true });
    expect(await floor.command({ type: 'agent.set_capacity', agentId, slots: 8 })).toMatchObject({ ok: true });
    expect(await floor.command({ type: 'agent.set_status', agentId, kind: 'available', reason: '' })).toMatchObject({ ok: true });
    for (const member of [...floor.live().agents.values()].filter((agent) => agent.queueIds.includes(queueId))) {
      expect(await floor.command({ type: 'agent.set_status', agentId: member.agentId, kind: 'offline', reason: 'Gone home' })).toMatchObject({ ok: true });
    }
    const waitingIn = (): string[] => [...(floor.live().conversationsByQueue.get(queueId) ?? [])].filter((id) => floor.live().conversations.get(id)?.state === 'queued');
    for (let step = 0; step < 30 && waitingIn().length === 0; step += 1) await floor.advance(MINUTE);
    const waiting = waitingIn();
    expect(waiting.length).toBeGreaterThan(0);

    const from = floor.head();
    expect(await floor.command({ type: 'agent.set_queues', agentId, queueIds: [queueId] })).toEqual({ type: 'command.result', commandId: expect.any(String), ok: true });
    const after = floor.eventsAfter(from);
    expect(after[0]).toMatchObject({ type: 'agent.queues', agentId, queueIds: [queueId] });
    expect(after.find((event) => event.type === 'user.profile')).toMatchObject({ userId: agentId, kind: 'agent', queueIds: [queueId], slots: 8 });
    const assigned = after.filter((event) => event.type === 'conversation.assigned');
    expect(assigned.length).toBeGreaterThan(0);
    expect(assigned.every((event) => event.type === 'conversation.assigned' && event.agentId === agentId && event.queueId === queueId)).toBe(true);
    // All at the command's own time: routing did not wait for the next tick.
    expect(new Set(after.map((event) => event.time)).size).toBe(1);
    const live = floor.live();
    expect(live.agents.get(agentId)?.queueIds).toEqual([queueId]);
    expect(live.directory.get(agentId)?.queueIds).toEqual([queueId]);
    expect(live.conversations.get(waiting[0] ?? '')?.agentId).toBe(agentId);
  });

  it('refuses an unknown agent, an unknown queue and a queue of the other channel, changing nothing', async () => {
    const floor = await startFloor();
    const agentId = chatAgentOutside(floor.live(), 'q-tech-support');
    const before = floor.live().agents.get(agentId)?.queueIds;
    const from = floor.head();
    expect(await floor.command({ type: 'agent.set_queues', agentId: 'a-999', queueIds: ['q-billing'] })).toMatchObject({ ok: false, reason: 'unknown agent a-999' });
    expect(await floor.command({ type: 'agent.set_queues', agentId, queueIds: ['q-billing', 'q-nowhere'] })).toMatchObject({ ok: false, reason: 'unknown queue q-nowhere' });
    const wrong = await floor.command({ type: 'agent.set_queues', agentId, queueIds: ['q-billing', 'q-phone-support'] });
    expect(wrong).toMatchObject({ ok: false });
    expect(wrong.ok ? '' : wrong.reason).toContain('q-phone-support is a voice queue');
    expect(floor.eventsAfter(from).filter((event) => event.type === 'agent.queues' || event.type === 'user.profile')).toEqual([]);
    expect(floor.live().agents.get(agentId)?.queueIds).toEqual(before);
  });
});

describe('simulator: agent.set_capacity', () => {
  it('an agent over a lowered limit keeps their conversations and takes no more until under it', async () => {
    const floor = await startFloor({ floor: { arrivalScale: 3 } });
    let busy = [...floor.live().agents.values()].find((agent) => agent.conversationIds.length >= 2);
    for (let step = 0; step < 20 && !busy; step += 1) {
      await floor.advance(MINUTE);
      busy = [...floor.live().agents.values()].find((agent) => agent.conversationIds.length >= 2);
    }
    if (!busy) throw new Error('no agent with two conversations');
    const held = new Set(busy.conversationIds);
    const from = floor.head();
    expect(await floor.command({ type: 'agent.set_capacity', agentId: busy.agentId, slots: 1 })).toMatchObject({ ok: true });
    expect(floor.eventsAfter(from).slice(0, 2)).toMatchObject([
      { type: 'agent.capacity', agentId: busy.agentId, slots: 1 },
      { type: 'user.profile', userId: busy.agentId, slots: 1 },
    ]);
    expect(floor.live().agents.get(busy.agentId)?.conversationIds).toEqual(busy.conversationIds);
    for (let step = 0; step < 20; step += 1) await floor.advance(MINUTE);
    holdings(floor.eventsAfter(from), busy.agentId, held, 1);
    // Some of what was held has ended since: the limit was tested on a live agent.
    expect(busy.conversationIds.some((id) => !held.has(id))).toBe(true);
  });

  it('refuses an unknown agent and more than one call at once for a voice agent', async () => {
    const floor = await startFloor();
    const voice = [...floor.live().agents.values()].find((agent) => agent.queueIds.some((id) => floor.live().queues.get(id)?.channel === 'voice'));
    expect(await floor.command({ type: 'agent.set_capacity', agentId: 'a-999', slots: 2 })).toMatchObject({ ok: false, reason: 'unknown agent a-999' });
    expect(await floor.command({ type: 'agent.set_capacity', agentId: voice?.agentId ?? '', slots: 2 })).toMatchObject({ ok: false, reason: expect.stringContaining('one call at a time') });
    expect(await floor.command({ type: 'agent.set_capacity', agentId: voice?.agentId ?? '', slots: 1 })).toMatchObject({ ok: true });
  });
});

describe('simulator: user.set_role', () => {
  it('reaches the person at their next hello and not before: a promoted agent gets in, a demoted leader keeps the open session as it was', async () => {
    const floor = await startFloor({ tokenSeed: TOKEN_SEED, token: token('admin') });
    const leader = await hello(floor, token('orders-leader'));
    expect(leader.welcome?.user).toMatchObject({ userId: 'orders-leader', role: 'wfm_leader', queueScope: ['q-orders'] });
    expect((await hello(floor, token('a-001'))).error).toMatchObject({ code: 'unauthorized' });

    const from = floor.head();
    expect(await floor.command({ type: 'user.set_role', userId: 'a-001', role: 'wfm_leader', queueScope: ['q-billing'] })).toMatchObject({ ok: true });
    expect(await floor.command({ type: 'user.set_role', userId: 'orders-leader', role: 'business_stakeholder' })).toMatchObject({ ok: true });
    expect(floor.eventsAfter(from).map((event) => (event.type === 'user.profile' ? [event.userId, event.role, event.queueScope] : event.type))).toEqual([
      ['a-001', 'wfm_leader', ['q-billing']],
      ['orders-leader', 'business_stakeholder', ['q-orders']],
    ]);
    expect(floor.live().directory.get('a-001')).toMatchObject({ role: 'wfm_leader', queueScope: ['q-billing'] });

    const promoted = await hello(floor, token('a-001'));
    expect(promoted.welcome?.user).toEqual({ userId: 'a-001', name: floor.live().directory.get('a-001')?.name, role: 'wfm_leader', queueScope: ['q-billing'] });

    // The session opened before the change is not cut and acts as it was signed in.
    const ordersAgent = [...floor.live().agents.values()].find((agent) => agent.queueIds.includes('q-orders'))?.agentId ?? '';
    const setStatus = { type: 'agent.set_status', agentId: ordersAgent, kind: 'away', reason: 'Coaching' };
    expect(await commandOn(leader.feed, 'old-session', setStatus)).toMatchObject({ ok: true });
    const next = await hello(floor, token('orders-leader'));
    expect(next.welcome?.user).toMatchObject({ userId: 'orders-leader', role: 'business_stakeholder' });
    expect(await commandOn(next.feed, 'new-session', setStatus)).toMatchObject({ ok: false, code: 'forbidden' });

    // Without a role, no console: the token no longer opens a session.
    expect(await floor.command({ type: 'user.set_role', userId: 'a-001', role: null })).toMatchObject({ ok: true });
    expect((await hello(floor, token('a-001'))).error).toMatchObject({ code: 'unauthorized' });
  });

  it('refuses an unknown person and an unknown queue in the scope', async () => {
    const floor = await startFloor();
    expect(await floor.command({ type: 'user.set_role', userId: 'nobody', role: 'wfm_leader', queueScope: ['q-orders'] })).toMatchObject({ ok: false, reason: 'unknown user nobody' });
    expect(await floor.command({ type: 'user.set_role', userId: 'a-002', role: 'wfm_leader', queueScope: ['q-nowhere'] })).toMatchObject({ ok: false, reason: 'unknown queue q-nowhere' });
  });

  it('applies the scope rules to a scoped leader: their own role, admin, people and queues outside their scope are refused as forbidden', async () => {
    const floor = await startFloor({ tokenSeed: TOKEN_SEED, token: token('admin') });
    const { feed } = await hello(floor, token('orders-leader'));
    const live = floor.live();
    const inside = [...live.agents.values()].find((agent) => agent.queueIds.length === 1 && agent.queueIds[0] === 'q-orders')?.agentId ?? '';
    const outside = chatAgentOutside(live, 'q-orders');
    const results = await Promise.all([
      commandOn(feed, 'own', { type: 'user.set_role', userId: 'orders-leader', role: 'admin' }),
      commandOn(feed, 'grant-admin', { type: 'user.set_role', userId: inside, role: 'admin', queueScope: ['q-orders'] }),
      commandOn(feed, 'outside-agent', { type: 'agent.set_queues', agentId: outside, queueIds: ['q-orders'] }),
      commandOn(feed, 'add-outside', { type: 'agent.set_queues', agentId: inside, queueIds: ['q-orders', 'q-billing'] }),
      commandOn(feed, 'no-scope', { type: 'user.set_role', userId: inside, role: 'wfm_leader' }),
      commandOn(feed, 'capacity-outside', { type: 'agent.set_capacity', agentId: outside, slots: 2 }),
      commandOn(feed, 'promote-inside', { type: 'user.set_role', userId: inside, role: 'wfm_leader', queueScope: ['q-orders'] }),
    ]);
    expect(results.slice(0, 6).map((result) => (result.ok ? 'ok' : result.code))).toEqual(['forbidden', 'forbidden', 'forbidden', 'forbidden', 'forbidden', 'forbidden']);
    expect(results[6]).toMatchObject({ ok: true });
  });
});

describe('simulator: directory in the snapshot', () => {
  it('a client gets every person and the away reasons in its snapshot', async () => {
    const floor = await startFloor();
    const snapshot = await floor.feed.waitFor(is('snapshot'), 'the snapshot');
    const events = snapshot.events as FloorEvent[];
    const profiles = events.filter((event) => event.type === 'user.profile');
    // 40 agents, 5 demo users, a leader per team of eight.
    expect(profiles).toHaveLength(40 + 5 + 5);
    expect(events.find((event) => event.type === 'agent.away_reasons')).toMatchObject({ reasons: ['Break', 'Lunch', 'Training', 'Meeting', 'Coaching'] });
    expect(floor.live().awayReasons).toEqual(['Break', 'Lunch', 'Training', 'Meeting', 'Coaching']);
  });
});
