/**
 * The simulator's directory: every person it knows as `user.profile` events in its snapshots (the
 * rota, the agents off it that --directory adds, the supervisors) with the away reasons, the same
 * for a seed, and a snapshot of a 10,000-person directory that still fits in one frame.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { PROTOCOL_VERSION, floorEventSchema } from '../../../src-shared/protocol/events.js';
import type { FloorEventInput } from '../../../src-shared/protocol/events.js';
import { DEFAULT_MAX_FRAME_BYTES } from '../../../src-shared/protocol/frames.js';
import { DEMO_USERS } from '../../../src-main/sim/demo-users.js';
import { createFloor } from '../../../src-main/sim/floor.js';
import { startSimServer, type SimServer } from '../../../src-main/sim/server.js';

const START = Date.UTC(2026, 2, 10, 15, 0, 0);
const MINUTE = 60_000;

type Profile = Extract<FloorEventInput, { type: 'user.profile' }>;
const profilesOf = (events: readonly FloorEventInput[]): Profile[] => events.filter((event): event is Profile => event.type === 'user.profile');

const servers: SimServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

describe('simulator directory', () => {
  it('lists the rota as agents without a role, the demo users and a leader per team as supervisors, and the away reasons', () => {
    const floor = createFloor({ seed: 7, startTime: START, agents: 20 });
    floor.advanceTo(START);
    const events = floor.snapshotEvents();
    const profiles = profilesOf(events);
    for (const event of events) expect(floorEventSchema.safeParse({ ...event, seq: 1 }).success).toBe(true);
    const agents = profiles.filter((profile) => profile.kind === 'agent');
    expect(agents.map((profile) => profile.userId)).toEqual(floor.agents.map((agent) => agent.agentId));
    for (const profile of agents) {
      const agent = floor.agents.find((candidate) => candidate.agentId === profile.userId);
      expect(profile).toMatchObject({ role: null, queueScope: null, queueIds: agent?.queueIds, slots: agent?.slots });
      expect(profile.teamId).toMatch(/^t-\d+$/);
    }
    const supervisors = profiles.filter((profile) => profile.kind === 'supervisor');
    for (const user of DEMO_USERS) expect(supervisors.find((profile) => profile.userId === user.userId)).toMatchObject({ role: user.role, queueScope: user.queueScope, queueIds: [], slots: 0 });
    // 20 agents: three teams, each with a WFM leader scoped to the queues its agents work.
    const leaders = supervisors.filter((profile) => profile.userId.startsWith('tl-'));
    expect(leaders.map((leader) => leader.teamId)).toEqual(['t-01', 't-02', 't-03']);
    for (const leader of leaders) {
      const worked = new Set(agents.filter((agent) => agent.teamId === leader.teamId).flatMap((agent) => agent.queueIds));
      expect(leader.role).toBe('wfm_leader');
      expect(new Set(leader.queueScope)).toEqual(worked);
    }
    expect(events.find((event) => event.type === 'agent.away_reasons')).toMatchObject({ reasons: ['Break', 'Lunch', 'Training', 'Meeting', 'Coaching'] });
  });

  it('--directory adds agents off the rota, drawn like it and the same for a seed; they never log in and the rota is unchanged', () => {
    const small = createFloor({ seed: 7, startTime: START, agents: 20 });
    const large = createFloor({ seed: 7, startTime: START, agents: 20, directory: 300 });
    const again = createFloor({ seed: 7, startTime: START, agents: 20, directory: 300 });
    // The floor itself does not change with the directory's size.
    expect(large.advanceTo(START + 5 * MINUTE)).toEqual(small.advanceTo(START + 5 * MINUTE));
    again.advanceTo(START + 5 * MINUTE);
    const profiles = profilesOf(large.snapshotEvents());
    expect(profiles).toHaveLength(300);
    expect(profilesOf(again.snapshotEvents())).toEqual(profiles);
    const smallIds = new Set(profilesOf(small.snapshotEvents()).map((profile) => profile.userId));
    const offRota = profiles.filter((profile) => !smallIds.has(profile.userId));
    expect(offRota).toHaveLength(300 - smallIds.size);
    expect(offRota.every((profile) => profile.kind === 'agent' && profile.role === null && profile.queueIds.length >= 1 && profile.slots >= 1)).toBe(true);
    expect(new Set(offRota.map((profile) => profile.teamId)).size).toBeGreaterThan(20);
    const onShift = new Set(large.snapshotEvents().flatMap((event) => (event.type === 'agent.login' || event.type === 'agent.status' ? [event.agentId] : [])));
    expect(offRota.some((profile) => onShift.has(profile.userId))).toBe(false);
    // Commands reach them: their queues change, though they are not on shift (no agent.queues for the live floor).
    const someone = offRota[0] as Profile;
    const outcome = large.applyCommand({ type: 'agent.set_queues', agentId: someone.userId, queueIds: someone.queueIds.slice(0, 1) }, START + 5 * MINUTE);
    expect(outcome.ok && outcome.events.map((event) => event.type)).toEqual(['user.profile']);
    expect(large.applyCommand({ type: 'agent.set_status', agentId: someone.userId, kind: 'available', reason: '' }, START + 5 * MINUTE)).toEqual({ ok: false, reason: `agent ${someone.userId} is not logged in` });
  });

  it('a directory smaller than the rota and its supervisors is the rota and its supervisors', () => {
    const floor = createFloor({ seed: 7, startTime: START, agents: 20, directory: 3 });
    expect(profilesOf(floor.snapshotEvents())).toHaveLength(20 + DEMO_USERS.length + 3);
  });

  it('500 agents and a directory of 10,000: the snapshot frame stays under the receivers\' 4 MiB limit', async () => {
    const sim = await startSimServer({ seed: 42, speed: 1, heartbeatIntervalMs: 60_000, floor: { startTime: START, agents: 500, directory: 10_000 } });
    servers.push(sim);
    const socket = new WebSocket(sim.url);
    const frame = await new Promise<string>((resolve, reject) => {
      socket.once('open', () => socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION, token: '', client: { name: 'test', version: '1' }, streams: [] })));
      socket.on('message', (data) => {
        const text = data.toString();
        if (text.startsWith('{"type":"snapshot"')) resolve(text);
      });
      socket.once('error', reject);
    });
    socket.terminate();
    const bytes = Buffer.byteLength(frame);
    expect(bytes).toBeLessThan(DEFAULT_MAX_FRAME_BYTES);
    const snapshot = JSON.parse(frame) as { events: FloorEventInput[] };
    expect(profilesOf(snapshot.events)).toHaveLength(10_000);
  }, 30_000);
});
