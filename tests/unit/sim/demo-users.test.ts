/** The simulator's demo users: tokens per user, the user in the welcome, the audit anchor kept per user. */
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerFrameOf } from '../../../src-shared/protocol/frames.js';
import { DEMO_USERS, demoUserToken } from '../../../src-main/sim/demo-users.js';
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
