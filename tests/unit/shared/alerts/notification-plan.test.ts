/**
 * The notification planner: grouped, rate-limited, quiet while acknowledged or snoozed, and every
 * occasion notified exactly once — by example and as properties over any stream of alert changes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AlertKind, AlertRecord, AlertState } from '../../../../src-shared/api/alerts.js';
import { EMPTY_PLAN_STATE, MAX_NOTICES, NOTICE_WINDOW_MS, occasionOf, planNotifications, type NotificationPlanState, type PlannedNotice } from '../../../../src-shared/alerts/notification-plan.js';

const ME = 'sam';

function alert(alertId: string, fields: Partial<AlertRecord> = {}): AlertRecord {
  return {
    alertId,
    kind: 'threshold',
    queueId: 'q-orders',
    queueName: 'Orders',
    subject: 'longestWaitSec',
    title: 'Longest wait past its threshold',
    severity: 'warning',
    conversationId: null,
    raisedAt: 0,
    raisedSeq: 1,
    state: 'open',
    resolvedAt: null,
    snoozedUntil: null,
    escalatedTo: null,
    escalatedToName: null,
    updates: [],
    ...fields,
  };
}

const ALL = new Set(['q-orders:threshold', 'q-orders:queued', 'q-billing:threshold', 'q-billing:queued', 'q-billing:event', 'q-orders:event']);
const context = (now: number, subscriptions: ReadonlySet<string> = ALL) => ({ userId: ME, subscriptions, now });

describe('planNotifications', () => {
  it('groups the alerts of one queue into one notice that opens the queue', () => {
    const plan = planNotifications(EMPTY_PLAN_STATE, [alert('a'), alert('b', { subject: 'ahtNowSec', title: 'AHT past its threshold', severity: 'critical' })], context(0));
    expect(plan.notices).toEqual([expect.objectContaining({ tag: 'alerts:q-orders', title: 'Orders: 2 alerts', route: '/queue/q-orders', severity: 'critical', alertIds: ['a', 'b'] })]);
  });

  it('notifies only the queue × kind the user opted into, and an escalation to them always', () => {
    const subscriptions = new Set(['q-orders:queued']);
    const plan = planNotifications(EMPTY_PLAN_STATE, [alert('a'), alert('b', { kind: 'queued' }), alert('c', { queueId: 'q-billing', state: 'escalated', escalatedTo: ME })], context(0, subscriptions));
    expect(plan.notices.flatMap((notice) => notice.alertIds).sort()).toEqual(['b', 'c']);
    expect(plan.notices[0]).toMatchObject({ escalation: true, tag: 'escalation:c' });
  });

  it('is quiet while acknowledged or snoozed, and notifies again when a snooze runs out', () => {
    const first = planNotifications(EMPTY_PLAN_STATE, [alert('a')], context(0));
    expect(first.notices).toHaveLength(1);
    const snoozeUpdate = { state: 'snoozed' as const, by: 'x', byName: 'X', at: 1, note: null, snoozedUntil: 5, escalatedTo: null, escalatedToName: null };
    const snoozed = planNotifications(first.state, [alert('a', { state: 'snoozed', updates: [snoozeUpdate] })], context(NOTICE_WINDOW_MS));
    expect(snoozed.notices).toEqual([]);
    const back = planNotifications(snoozed.state, [alert('a', { state: 'open', updates: [snoozeUpdate] })], context(2 * NOTICE_WINDOW_MS));
    expect(back.notices.map((notice) => notice.alertIds)).toEqual([['a']]);
  });

  it('holds what is past the limit and plans it again at retryAt', () => {
    const queues = Array.from({ length: MAX_NOTICES + 1 }, (_, index) => `q${index}`);
    const subscriptions = new Set(queues.map((queueId) => `${queueId}:threshold`));
    let state: NotificationPlanState = EMPTY_PLAN_STATE;
    for (let index = 0; index < MAX_NOTICES; index += 1) state = planNotifications(state, [alert(`a${index}`, { queueId: `q${index}` })], context(index, subscriptions)).state;
    const late = alert('late', { queueId: `q${MAX_NOTICES}` });
    const held = planNotifications(state, [late], context(10, subscriptions));
    expect(held.notices).toEqual([]);
    expect(held.retryAt).toBe(NOTICE_WINDOW_MS);
    expect(planNotifications(held.state, [late], context(NOTICE_WINDOW_MS + 1, subscriptions)).notices).toHaveLength(1);
  });
});

// ---- properties ----

const KINDS: readonly AlertKind[] = ['threshold', 'queued', 'event'];
const STATES: readonly AlertState[] = ['open', 'acknowledged', 'snoozed', 'escalated'];

/** One moment of the topic: which alerts are open, in which state, and when. */
const moment = fc.record({
  advanceMs: fc.integer({ min: 0, max: 40_000 }),
  alerts: fc.uniqueArray(
    fc.record({
      id: fc.integer({ min: 0, max: 12 }),
      queue: fc.constantFrom('q-orders', 'q-billing', 'q-other'),
      kind: fc.constantFrom(...KINDS),
      state: fc.constantFrom(...STATES),
      toMe: fc.boolean(),
      updates: fc.integer({ min: 0, max: 2 }),
    }),
    { selector: (entry) => entry.id, maxLength: 10 },
  ),
});

interface Entry {
  readonly id: number;
  readonly queue: string;
  readonly kind: AlertKind;
  readonly state: AlertState;
  readonly toMe: boolean;
  readonly updates: number;
}

function recordOf(entry: Entry): AlertRecord {
  const update = { state: 'acknowledged' as const, by: 'x', byName: 'X', at: 0, note: null, snoozedUntil: null, escalatedTo: null, escalatedToName: null };
  return alert(`a${entry.id}`, {
    queueId: entry.queue,
    kind: entry.kind,
    state: entry.state,
    escalatedTo: entry.state === 'escalated' ? (entry.toMe ? ME : 'someone') : null,
    updates: Array.from({ length: entry.updates }, () => update),
  });
}

describe('planNotifications, for any stream of alert changes', () => {
  it('never shows more than MAX_NOTICES in any window, and never an alert that should be quiet', () => {
    fc.assert(
      fc.property(fc.array(moment, { maxLength: 40 }), (moments) => {
        let state: NotificationPlanState = EMPTY_PLAN_STATE;
        let now = 0;
        const shown: { at: number; notice: PlannedNotice }[] = [];
        for (const step of moments) {
          now += step.advanceMs;
          const open = step.alerts.map(recordOf);
          const plan = planNotifications(state, open, context(now));
          for (const notice of plan.notices) {
            shown.push({ at: now, notice });
            for (const alertId of notice.alertIds) {
              const record = open.find((candidate) => candidate.alertId === alertId);
              expect(record !== undefined && occasionOf(record, { userId: ME, subscriptions: ALL }) !== null).toBe(true);
            }
          }
          state = plan.state;
        }
        for (const { at } of shown) expect(shown.filter((other) => other.at > at - NOTICE_WINDOW_MS && other.at <= at).length).toBeLessThanOrEqual(MAX_NOTICES);
      }),
    );
  });

  it('notifies each occasion once: the same alerts again show nothing, and every one is shown once the limit allows', () => {
    fc.assert(
      fc.property(moment, (step) => {
        const open = step.alerts.map(recordOf);
        let state: NotificationPlanState = EMPTY_PLAN_STATE;
        const seen = new Set<string>();
        // Plan until nothing waits, a window apart: everything due is shown, each alert once.
        for (let round = 0, now = 0; round < 10; round += 1, now += NOTICE_WINDOW_MS) {
          const plan = planNotifications(state, open, context(now));
          for (const alertId of plan.notices.flatMap((notice) => notice.alertIds)) {
            expect(seen.has(alertId)).toBe(false);
            seen.add(alertId);
          }
          state = plan.state;
          if (plan.retryAt === null && plan.notices.length === 0) break;
        }
        const due = open.filter((record) => occasionOf(record, { userId: ME, subscriptions: ALL }) !== null).map((record) => record.alertId);
        expect([...seen].sort()).toEqual([...due].sort());
      }),
    );
  });
});
