/** The simulator's demo users: tokens per user, the user in the welcome, the audit anchor kept per user. */
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerFrameOf } from '../../../src-shared/protocol/frames.js';
import type { FeedCommand, FeedUser } from '../../../src-shared/protocol/frames.js';
import { DEMO_USERS, demoUser, demoUserToken, forbiddenReason, type CommandPlaces } from '../../../src-main/sim/demo-users.js';
import { startSimServer, type SimServer } from '../../../src-main/sim/server.js';
import { FeedTestClient } from './feed-test-client.js';

const START = Date.UTC(2026, 2, 10, 15, 0, 0);
const servers: SimServer[] = [];
const clients: FeedTestClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.terminate();
  for (const server of servers.splice(0)) await server.close();
});

async function welcomeFor(sim: SimServer, token: string): Promise<{ feed: FeedTestClient; welcome: ServerFrameOf<'welcome'> }> {
  const feed = await FeedTestClient.open(sim.url);
  clients.push(feed);
  feed.hello([], token);
  const welcome = await feed.waitFor((frame): frame is ServerFrameOf<'welcome'> => frame.type === 'welcome', 'welcome');
  return { feed, welcome };
}

describe('simulator demo users', () => {
  it('derives one token per user from the seed, the same for every start', async () => {
    const sim = await startSimServer({ seed: 2, tokenSeed: 'seed-a', floor: { startTime: START } });
    servers.push(sim);
    expect(sim.users().map((entry) => entry.user.userId)).toEqual(DEMO_USERS.map((user) => user.userId));
    for (const entry of sim.users()) expect(entry.token).toBe(demoUserToken('seed-a', entry.user.userId));
    expect(new Set(sim.users().map((entry) => entry.token)).size).toBe(DEMO_USERS.length);
    expect(demoUserToken('seed-b', 'admin')).not.toBe(demoUserToken('seed-a', 'admin'));
  });

  it('names the user in the welcome and hands back the last audit head that user sent', async () => {
    const sim = await startSimServer({ seed: 2, tokenSeed: 'seed-a', floor: { startTime: START } });
    servers.push(sim);
    const token = demoUserToken('seed-a', 'stakeholder');
    const first = await welcomeFor(sim, token);
    expect(first.welcome).toMatchObject({ protocolVersion: 1, minor: 1, user: { userId: 'stakeholder', role: 'business_stakeholder', queueScope: ['q-orders', 'q-returns'] }, auditAnchor: null });

    first.feed.send({ type: 'command', commandId: 'c1', command: { type: 'queue.set_mitigation', queueId: 'q-orders', state: 'paused' }, auditHead: { auditId: 5, hash: 'h5' } });
    first.feed.send({ type: 'command', commandId: 'c2', command: { type: 'queue.set_mitigation', queueId: 'q-orders', state: 'normal' }, auditHead: { auditId: 6, hash: 'h6' } });
    // A late retry of an older command does not move the anchor back.
    first.feed.send({ type: 'command', commandId: 'c1', command: { type: 'queue.set_mitigation', queueId: 'q-orders', state: 'paused' }, auditHead: { auditId: 5, hash: 'h5' } });
    await first.feed.waitFor((frame) => first.feed.frames.filter((candidate) => candidate.type === 'command.result').length >= 3 && frame.type === 'command.result', 'three results');
    expect(sim.auditAnchor('stakeholder')).toEqual({ auditId: 6, hash: 'h6' });

    const again = await welcomeFor(sim, token);
    expect(again.welcome.auditAnchor).toEqual({ auditId: 6, hash: 'h6' });
    // Another user's anchor is their own.
    const admin = await welcomeFor(sim, demoUserToken('seed-a', 'admin'));
    expect(admin.welcome.auditAnchor).toBeNull();
  });

  it('puts the run in the epoch and in conversation ids, so two runs of one seed never share them', async () => {
    const a = await startSimServer({ seed: 2, floor: { startTime: START } });
    const b = await startSimServer({ seed: 2, floor: { startTime: START } });
    servers.push(a, b);
    expect(a.epoch).not.toBe(b.epoch);
    const ids = (sim: SimServer) => sim.emitted().flatMap((event) => (event.type === 'conversation.created' ? [event.conversationId] : []));
    expect(ids(a).length).toBeGreaterThan(0);
    expect(ids(a).filter((id) => ids(b).includes(id))).toEqual([]);
  });
});

/** A small floor as the rules see it: agents with their queues, supervisors with their scope. */
const PEOPLE: Record<string, NonNullable<ReturnType<CommandPlaces['person']>>> = {
  'a-orders': { kind: 'agent', role: null, queueIds: ['q-orders'], queueScope: null },
  'a-both': { kind: 'agent', role: null, queueIds: ['q-orders', 'q-billing'], queueScope: null },
  'a-billing': { kind: 'agent', role: null, queueIds: ['q-billing'], queueScope: null },
  'tl-orders': { kind: 'supervisor', role: 'wfm_leader', queueIds: [], queueScope: ['q-orders'] },
  'tl-all': { kind: 'supervisor', role: 'wfm_leader', queueIds: [], queueScope: null },
  admin: { kind: 'supervisor', role: 'admin', queueIds: [], queueScope: null },
};
const PLACES: CommandPlaces = {
  conversationQueue: () => null,
  agentQueues: (agentId) => (PEOPLE[agentId]?.kind === 'agent' ? (PEOPLE[agentId]?.queueIds ?? null) : null),
  person: (userId) => PEOPLE[userId] ?? null,
};

const user = (userId: string): FeedUser => demoUser(userId) as FeedUser;
const ordersLeader = user('orders-leader');
const leader = user('wfm-leader');

describe('simulator management scope rules', () => {
  const cases: [string, FeedUser, FeedCommand, RegExp | null][] = [
    ['a stakeholder may not manage users', user('stakeholder'), { type: 'agent.set_capacity', agentId: 'a-orders', slots: 2 }, /needs admin\.users/],
    ['a stakeholder may not set business hours', user('stakeholder'), { type: 'queue.set_business_hours', queueId: 'q-orders', businessHours: { windows: [], holidays: [] } }, /needs admin\.business_hours/],
    ['a wallboard may not set thresholds', user('wallboard'), { type: 'queue.set_thresholds', queueId: 'q-orders', thresholds: { queuedLow: 1, queuedHigh: 2, longestWaitSec: 60, ahtSec: 300, firstResponseSec: 60, serviceLevelPct: 80, abandonRatePct: 5 } }, /needs admin\.thresholds/],
    ['nobody changes their own role, not even an admin', user('admin'), { type: 'user.set_role', userId: 'admin', role: 'wfm_leader' }, /own role/],
    ['granting admin takes an admin', leader, { type: 'user.set_role', userId: 'a-orders', role: 'admin' }, /grant the admin role/],
    ['changing an admin takes an admin', leader, { type: 'user.set_role', userId: 'admin', role: null }, /an admin: only an admin/],
    ['an admin grants admin', user('admin'), { type: 'user.set_role', userId: 'a-orders', role: 'admin', queueScope: null }, null],
    ['an unscoped leader gives a role with any scope', leader, { type: 'user.set_role', userId: 'a-billing', role: 'wfm_leader' }, null],
    ['a scoped leader: hours of a queue in scope', ordersLeader, { type: 'queue.set_business_hours', queueId: 'q-orders', businessHours: { windows: [], holidays: [] } }, null],
    ['a scoped leader: hours of a queue outside', ordersLeader, { type: 'queue.set_business_hours', queueId: 'q-billing', businessHours: { windows: [], holidays: [] } }, /q-billing: it is outside/],
    ['a scoped leader: an agent sharing no queue', ordersLeader, { type: 'agent.set_capacity', agentId: 'a-billing', slots: 2 }, /works in none/],
    ['a scoped leader: slots of an agent sharing a queue', ordersLeader, { type: 'agent.set_capacity', agentId: 'a-both', slots: 2 }, null],
    ['a scoped leader: adding a queue outside', ordersLeader, { type: 'agent.set_queues', agentId: 'a-orders', queueIds: ['q-orders', 'q-billing'] }, /q-billing: it is outside/],
    ['a scoped leader: removing a queue outside', ordersLeader, { type: 'agent.set_queues', agentId: 'a-both', queueIds: ['q-orders'] }, /q-billing: it is outside/],
    ['a scoped leader: removing a queue in scope, keeping the others', ordersLeader, { type: 'agent.set_queues', agentId: 'a-both', queueIds: ['q-billing'] }, null],
    ['a scoped leader: an agent whose queues reach outside', ordersLeader, { type: 'user.set_role', userId: 'a-both', role: 'wfm_leader', queueScope: ['q-orders'] }, /reach outside/],
    ['a scoped leader: a supervisor of every queue', ordersLeader, { type: 'user.set_role', userId: 'tl-all', role: null }, /reach outside/],
    ['a scoped leader: a role without a scope', ordersLeader, { type: 'user.set_role', userId: 'a-orders', role: 'wfm_leader' }, /must give a-orders a queue scope/],
    ['a scoped leader: a role with every queue', ordersLeader, { type: 'user.set_role', userId: 'a-orders', role: 'wfm_leader', queueScope: null }, /must give a-orders a queue scope/],
    ['a scoped leader: a scope beyond theirs', ordersLeader, { type: 'user.set_role', userId: 'a-orders', role: 'wfm_leader', queueScope: ['q-orders', 'q-billing'] }, /queue q-billing/],
    ['a scoped leader: a role inside their scope', ordersLeader, { type: 'user.set_role', userId: 'a-orders', role: 'business_stakeholder', queueScope: ['q-orders'] }, null],
    ['a scoped leader: a supervisor inside their scope loses the console', ordersLeader, { type: 'user.set_role', userId: 'tl-orders', role: null }, null],
    ['a scoped leader: someone unknown is left to the floor', ordersLeader, { type: 'user.set_role', userId: 'nobody', role: null }, null],
  ];
  it.each(cases)('%s', (_title, who, command, expected) => {
    const reason = forbiddenReason(who, command, PLACES);
    if (expected === null) expect(reason).toBeNull();
    else expect(reason).toMatch(expected);
  });
});
