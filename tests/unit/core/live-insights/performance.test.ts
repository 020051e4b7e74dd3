/** live.performance: agents now and since midnight, teams and locations, feedback, channel filter, pushes. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accessFor, type Session } from '../../../../src-main/core/api/session.js';
import type { LiveTarget, PerformanceMessage, PerformancePeriod } from '../../../../src-shared/api/live-insights.js';
import type { Channel } from '../../../../src-shared/protocol/events.js';
import { waitFor } from '../../../support/host-process.js';
import { ANN, at, recorder, smallFloor, viewsHarness, type ViewsHarness } from './views-test-kit.js';

let harness: ViewsHarness;
let script: ReturnType<typeof smallFloor>;

beforeEach(() => {
  harness = viewsHarness({ floorTime: at(30) });
  script = smallFloor();
  // a1 finishes c1 (10 s to 40 s), answered the customer in 5 s; then takes c3 and a second chat.
  script.emit(at(25), { type: 'conversation.message', conversationId: 'c1', messageId: 'm3', sender: 'agent', senderId: 'a1', kind: 'text', text: 'Let me check' });
  script.emit(at(40), { type: 'conversation.ended', conversationId: 'c1', disposition: 'resolved' });
  script.emit(at(41), { type: 'conversation.assigned', conversationId: 'c3', queueId: 'q-billing', agentId: 'a1' });
  script.emit(at(42), { type: 'conversation.flagged', conversationId: 'c3', flag: 'high_effort' });
  script.emit(at(45), { type: 'survey.answered', conversationId: 'c1', queueId: 'q-billing', agentId: 'a1', rating: 5, comment: 'Quick and kind' });
  script.emit(at(46), { type: 'survey.answered', conversationId: 'c2', queueId: 'q-sales', agentId: 'a2', rating: 2 });
  harness.apply(script.events);
  harness.setFloorTime(at(50));
});
afterEach(() => harness.close());

function watch(session: Session, target: LiveTarget, period: PerformancePeriod, channels?: Channel[]) {
  const pushes = recorder<PerformanceMessage>();
  const result = harness.api.topics['live.performance'](accessFor(session), { topic: 'live.performance', target, period, channels }, pushes.listener);
  if (!result.ok) throw new Error(result.error);
  return { pushes, stop: result.value };
}

describe('live.performance', () => {
  it('right now: agents with what they hold, signals, teams, locations', () => {
    const first = watch(ANN, { kind: 'group', groupId: 'preset-chat' }, 'now').pushes.messages[0];
    expect(first?.period).toBe('now');
    expect(first?.agents.map((agent) => [agent.agentId, agent.assignments, agent.busy, agent.ahtSec, agent.signals])).toEqual([
      ['a1', 1, true, 9, ['high_effort']],
      ['a2', 1, true, 45, []],
    ]);
    expect(first?.teams).toEqual([
      { name: 'Team 1', size: 1, occupancyPct: 50, available: 0, busy: 1, away: 0, offline: 0 },
      { name: 'Team 2', size: 1, occupancyPct: 100, available: 0, busy: 1, away: 0, offline: 0 },
    ]);
    expect(first?.locations.map((location) => location.name)).toEqual(['Leeds', 'York']);
    expect(first?.metrics.assigned).toBe(2);
    expect(first?.mitigation).toEqual({ state: 'normal' });
  });

  it('since midnight: assignments, AHT of finished work and response time of the day, and today\'s feedback newest first', () => {
    const first = watch(ANN, { kind: 'group', groupId: 'preset-chat' }, 'today').pushes.messages[0];
    const a1 = first?.agents.find((agent) => agent.agentId === 'a1');
    // Two assignments today; c1 finished after 30 s; replies: 5 s (m2 at 20 s, m3 at 25 s).
    expect(a1).toMatchObject({ assignments: 2, ahtSec: 30, avgResponseTimeSec: 5 });
    expect(first?.feedback).toEqual([
      { at: at(46), conversationId: 'c2', agentId: 'a2', agentName: 'Agent a2', rating: 2, comment: null },
      { at: at(45), conversationId: 'c1', agentId: 'a1', agentName: 'Agent a1', rating: 5, comment: 'Quick and kind' },
    ]);
  });

  it('flags flex when an agent holds more conversations than slots', () => {
    const mark = script.events.length;
    script.emit(at(47), { type: 'conversation.created', conversationId: 'c4', queueId: 'q-sales', channel: 'chat', intent: 'upgrade', customer: { customerId: 'cust-4' } });
    script.emit(at(47), { type: 'conversation.assigned', conversationId: 'c4', queueId: 'q-sales', agentId: 'a2' });
    harness.apply(script.since(mark));
    const first = watch(ANN, { kind: 'queue', queueId: 'q-sales' }, 'now').pushes.messages[0];
    expect(first?.agents.find((agent) => agent.agentId === 'a2')?.signals).toEqual(['flex']);
  });

  it('filters by channel and keeps to the scope', () => {
    const voiceOnly = watch(ANN, { kind: 'group', groupId: 'preset-chat' }, 'now', ['voice']).pushes.messages[0];
    expect(voiceOnly?.agents).toEqual([]);
    expect(voiceOnly?.metrics.assigned).toBe(0);
    const scoped = watch({ ...ANN, queueScope: ['q-sales'] }, { kind: 'group', groupId: 'preset-chat' }, 'today').pushes.messages[0];
    expect(scoped?.agents.map((agent) => agent.agentId)).toEqual(['a2']);
    expect(scoped?.feedback.map((row) => row.conversationId)).toEqual(['c2']);
  });

  it('pushes a fresh snapshot when something in its queues changes', async () => {
    const { pushes } = watch(ANN, { kind: 'queue', queueId: 'q-billing' }, 'now');
    const mark = script.events.length;
    script.emit(at(51), { type: 'agent.status', agentId: 'a1', kind: 'away', reason: 'Lunch' });
    harness.apply(script.since(mark));
    await waitFor(() => pushes.messages.length >= 2, { what: 'a second snapshot' });
    expect(pushes.messages[1]?.agents[0]).toMatchObject({ agentId: 'a1', statusKind: 'away', statusReason: 'Lunch', statusSince: at(51), busy: false });
  });
});
