/** live.explain on a real store and live floor: the figure a view shows, its inputs, and the asker's scope. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accessFor, type Session } from '../../../../src-main/core/api/session.js';
import type { ConversationsMessage, LiveTarget, PerformanceMessage } from '../../../../src-shared/api/live-insights.js';
import type { MetricId } from '../../../../src-shared/metrics/dictionary.js';
import type { MetricExplanation } from '../../../../src-shared/metrics/explanation.js';
import { AGENT_FIGURE_IDS, type AgentFigureExplanation, type AgentFigureId } from '../../../../src-shared/metrics/agent-explanation.js';
import { valueFromTerms } from '../../../../src-shared/metrics/explanation.js';
import type { Result } from '../../../../src-shared/result.js';
import { ANN, at, recorder, smallFloor, viewsHarness, type ViewsHarness } from './views-test-kit.js';

let harness: ViewsHarness;

beforeEach(() => {
  harness = viewsHarness({ floorTime: at(30), now: () => 1_700_000_000_000 });
  harness.apply(smallFloor().events);
});
afterEach(() => harness.close());

function explain(session: Session, target: LiveTarget, metricId: MetricId, channels?: ('chat' | 'voice')[]): Result<MetricExplanation> {
  const result = harness.api.queries['live.explain'](accessFor(session), { type: 'live.explain', target, metricId, channels });
  if (result.ok && 'figureId' in result.value) throw new Error('a queue figure was explained as an agent figure');
  return result as Result<MetricExplanation>;
}

function explainAgent(session: Session, agentId: string, figureId: AgentFigureId, period: 'now' | 'today'): Result<AgentFigureExplanation> {
  const result = harness.api.queries['live.explain'](accessFor(session), { type: 'live.explain', target: { kind: 'agent', agentId, period }, metricId: figureId });
  if (result.ok && !('figureId' in result.value)) throw new Error('an agent figure was explained as a queue figure');
  return result as Result<AgentFigureExplanation>;
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('live.explain', () => {
  it("explains the queue panel's figure with the conversations behind it", () => {
    const pushes = recorder<ConversationsMessage>();
    harness.api.topics['live.conversations'](accessFor(ANN), { topic: 'live.conversations', target: { kind: 'queue', queueId: 'q-billing' } }, pushes.listener);
    const panel = pushes.messages[0]?.panel;
    const explanation = value(explain(ANN, { kind: 'queue', queueId: 'q-billing' }, 'offered'));
    expect(explanation.value).toBe(panel?.metrics.offered);
    expect(explanation).toMatchObject({ queueIds: ['q-billing'], asOfTime: at(30), behind: { kind: 'conversations', ids: ['c3', 'c1'], total: 2 } });
    expect(value(explain(ANN, { kind: 'queue', queueId: 'q-billing' }, 'longestWaitSec')).summary).toBe('9 s, the longest of 1 customer waiting');
  });

  it("explains a group over its members, and a channel filter over that channel's members only", () => {
    const group = value(explain(ANN, { kind: 'group', groupId: 'preset-chat' }, 'assigned'));
    expect(group).toMatchObject({ queueIds: ['q-billing', 'q-sales'], value: 2, behind: { ids: ['c2', 'c1'], total: 2 } });
    const agents = value(explain(ANN, { kind: 'group', groupId: 'preset-mixed~chat' }, 'loggedInAgents', ['chat']));
    expect(agents).toMatchObject({ queueIds: ['q-sales'], value: 1, behind: { kind: 'agents', ids: ['a2'], total: 1 } });
  });

  it('refuses a queue outside the asker\'s scope, and one that does not exist', () => {
    const scoped: Session = { ...ANN, queueScope: ['q-sales'] };
    expect(explain(scoped, { kind: 'queue', queueId: 'q-billing' }, 'queued')).toEqual({ ok: false, error: 'Queue q-billing is outside your queues.' });
    expect(explain(ANN, { kind: 'queue', queueId: 'q-none' }, 'queued')).toEqual({ ok: false, error: 'No queue q-none.' });
    // A group is cut to the queues in scope: its figure says nothing of the others.
    expect(value(explain(scoped, { kind: 'group', groupId: 'preset-chat' }, 'assigned'))).toMatchObject({ queueIds: ['q-sales'], behind: { ids: ['c2'] } });
  });

  it("explains each agent figure of the agent panel as the panel shows it, for both periods", () => {
    for (const period of ['now', 'today'] as const) {
      const pushes = recorder<PerformanceMessage>();
      harness.api.topics['live.performance'](accessFor(ANN), { topic: 'live.performance', target: { kind: 'group', groupId: 'preset-chat' }, period }, pushes.listener);
      const rows = pushes.messages[0]?.agents ?? [];
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const shown: Record<AgentFigureId, number | null> = { timeInStatusSec: (at(30) - row.statusSince) / 1000, handleTimeSec: row.ahtSec, avgResponseTimeSec: row.avgResponseTimeSec, assignments: row.assignments };
        for (const figureId of AGENT_FIGURE_IDS) {
          const explanation = value(explainAgent(ANN, row.agentId, figureId, period));
          expect(explanation.value, `${row.agentId} ${figureId} ${period}`).toBe(shown[figureId]);
          const recomputed = valueFromTerms(explanation);
          if (shown[figureId] === null) expect(recomputed).toBeNull();
          else expect(recomputed).toBeCloseTo(shown[figureId] ?? Number.NaN, 9);
        }
      }
    }
  });

  it("lists an agent's held conversations now, and points to their day in the Conversation Manager since midnight", () => {
    const now = value(explainAgent(ANN, 'a1', 'handleTimeSec', 'now'));
    expect(now).toMatchObject({ agentId: 'a1', value: 20, kind: 'mean', numerator: { value: 20 }, denominator: { value: 1 }, behind: { kind: 'conversations', ids: ['c1'], total: 1 } });
    expect(now.summary).toBe('20 s in total over 1 conversations held now: mean 20 s');
    expect(value(explainAgent(ANN, 'a1', 'assignments', 'today')).behind).toMatchObject({ kind: 'history', until: at(30) });
    expect(value(explainAgent(ANN, 'a1', 'timeInStatusSec', 'now')).behind).toEqual({ kind: 'agents', ids: ['a1'], total: 1 });
  });

  it('refuses an agent outside the asker\'s scope, an unknown agent, and a figure that does not fit its target', () => {
    const scoped: Session = { ...ANN, queueScope: ['q-sales'] };
    expect(explainAgent(scoped, 'a1', 'handleTimeSec', 'now')).toEqual({ ok: false, error: 'Agent a1 is outside your queues.' });
    expect(explainAgent(ANN, 'a-none', 'handleTimeSec', 'now')).toEqual({ ok: false, error: 'Agent a-none is outside your queues.' });
    expect(value(explainAgent(scoped, 'a2', 'assignments', 'now'))).toMatchObject({ value: 1, behind: { ids: ['c2'] } });
    const wrongWay = harness.api.queries['live.explain'](accessFor(ANN), { type: 'live.explain', target: { kind: 'agent', agentId: 'a1', period: 'now' }, metricId: 'queued' });
    expect(wrongWay).toEqual({ ok: false, error: 'queued is not a figure of the agent panel.' });
    const otherWay = harness.api.queries['live.explain'](accessFor(ANN), { type: 'live.explain', target: { kind: 'queue', queueId: 'q-billing' }, metricId: 'handleTimeSec' });
    expect(otherWay).toEqual({ ok: false, error: 'handleTimeSec is a figure of an agent, not of a queue or group.' });
  });
});
