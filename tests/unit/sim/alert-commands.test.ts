/**
 * The simulator's alert commands: who may send them (forbiddenReason, the feed's first line) and
 * what the floor answers (one `alert.updated`, repeated in the next snapshot).
 */
import { describe, expect, it } from 'vitest';
import type { FeedCommand, FeedUser } from '../../../src-shared/protocol/frames.js';
import { demoUser, forbiddenReason, type CommandPlaces } from '../../../src-main/sim/demo-users.js';
import { createFloor } from '../../../src-main/sim/floor.js';

const START = Date.UTC(2026, 2, 10, 15, 0, 0);
const ALERT = { alertId: 'threshold:q-orders:longestWaitSec@12', queueId: 'q-orders', kind: 'threshold' as const, subject: 'longestWaitSec' };

function user(userId: string): FeedUser {
  const found = demoUser(userId);
  if (found === null) throw new Error(`no demo user ${userId}`);
  return found;
}

const people: Record<string, ReturnType<CommandPlaces['person']>> = {
  'orders-leader': { kind: 'supervisor', role: 'wfm_leader', queueIds: [], queueScope: ['q-orders'] },
  'billing-leader': { kind: 'supervisor', role: 'wfm_leader', queueIds: [], queueScope: ['q-billing'] },
  stakeholder: { kind: 'supervisor', role: 'business_stakeholder', queueIds: [], queueScope: ['q-orders', 'q-returns'] },
};
const places: CommandPlaces = { conversationQueue: () => null, agentQueues: () => null, person: (userId) => people[userId] ?? null };

describe('alert commands at the feed', () => {
  it('refuses another user acting, a queue outside the scope, and an escalation to someone without the queue or not a leader', () => {
    const leader = user('wfm-leader');
    const orders = user('orders-leader');
    expect(forbiddenReason(leader, { type: 'alert.acknowledge', ...ALERT, by: 'wfm-leader' }, places)).toBeNull();
    expect(forbiddenReason(leader, { type: 'alert.acknowledge', ...ALERT, by: 'orders-leader' }, places)).toMatch(/only as themselves/u);
    expect(forbiddenReason(orders, { type: 'alert.snooze', ...ALERT, alertId: 'threshold:q-billing:aht@1', queueId: 'q-billing', by: 'orders-leader' }, places)).toMatch(/outside/u);
    expect(forbiddenReason(leader, { type: 'alert.escalate', ...ALERT, by: 'wfm-leader', toUserId: 'orders-leader' }, places)).toBeNull();
    expect(forbiddenReason(leader, { type: 'alert.escalate', ...ALERT, by: 'wfm-leader', toUserId: 'billing-leader' }, places)).toMatch(/does not have queue q-orders/u);
    expect(forbiddenReason(leader, { type: 'alert.escalate', ...ALERT, by: 'wfm-leader', toUserId: 'stakeholder' }, places)).toMatch(/not a supervisor or team leader/u);
    expect(forbiddenReason(user('stakeholder'), { type: 'alert.escalate', ...ALERT, by: 'stakeholder', toUserId: 'orders-leader' }, places)).toMatch(/alerts\.escalate/u);
  });

  it('answers with one alert.updated, kept for the next snapshot', () => {
    const floor = createFloor({ seed: 3, startTime: START });
    const at = START + 60_000;
    const snooze: FeedCommand = { type: 'alert.snooze', ...ALERT, by: 'wfm-leader', durationSec: 900, note: 'lunch rush' };
    const outcome = floor.applyCommand(snooze, at);
    if (!outcome.ok) throw new Error(outcome.reason);
    const updated = outcome.events.filter((event) => event.type === 'alert.updated');
    expect(updated).toEqual([{ type: 'alert.updated', time: at, ...ALERT, by: 'wfm-leader', state: 'snoozed', snoozedUntil: at + 900_000, note: 'lunch rush' }]);
    expect(floor.snapshotEvents().filter((event) => event.type === 'alert.updated')).toEqual(updated);
    const wrongQueue = floor.applyCommand({ type: 'alert.acknowledge', ...ALERT, queueId: 'q-billing', by: 'wfm-leader' }, at);
    expect(wrongQueue).toMatchObject({ ok: false, reason: expect.stringMatching(/does not belong/u) as unknown });
  });
});
