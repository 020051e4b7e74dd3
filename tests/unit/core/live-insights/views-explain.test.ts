/** live.explain on a real store and live floor: the figure a view shows, its inputs, and the asker's scope. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accessFor, type Session } from '../../../../src-main/core/api/session.js';
import type { ConversationsMessage, LiveTarget } from '../../../../src-shared/api/live-insights.js';
import type { MetricId } from '../../../../src-shared/metrics/dictionary.js';
import type { MetricExplanation } from '../../../../src-shared/metrics/explanation.js';
import type { Result } from '../../../../src-shared/result.js';
import { ANN, at, recorder, smallFloor, viewsHarness, type ViewsHarness } from './views-test-kit.js';

let harness: ViewsHarness;

beforeEach(() => {
  harness = viewsHarness({ floorTime: at(30), now: () => 1_700_000_000_000 });
  harness.apply(smallFloor().events);
});
afterEach(() => harness.close());

function explain(session: Session, target: LiveTarget, metricId: MetricId, channels?: ('chat' | 'voice')[]): Result<MetricExplanation> {
  return harness.api.queries['live.explain'](accessFor(session), { type: 'live.explain', target, metricId, channels });
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
});
