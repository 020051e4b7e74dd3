/**
 * Management's commands at the one enforcement point, through the API service over a real store
 * and audit chain: what reaches the feed for a command the rules allow (and its receipt), and the
 * refusals, each audited with its reason and never sent: validation, the queue scope, role
 * escalation, one's own role. The simulator's acks are in management-commands.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../../src-main/core/api/session.js';
import type { Command } from '../../../../src-shared/api/contract.js';
import type { ActionReceipt } from '../../../../src-shared/api/live-insights.js';
import type { Result } from '../../../../src-shared/result.js';
import { ADMIN, LEADER, OFFICE_HOURS, ORDERS_LEADER, managementHarness, person, smallFloor, type ManagementHarness } from './management-test-kit.js';

let harness: ManagementHarness;
beforeEach(() => {
  harness = managementHarness();
  harness.ingest(smallFloor());
});
afterEach(async () => {
  await harness.close();
});

function act(session: Session, command: Command, commandId = randomUUID()): Promise<Result<unknown>> {
  return harness.api.command(session, command, commandId);
}

const THRESHOLDS = { queuedLow: 2, queuedHigh: 6, longestWaitSec: 90, ahtSec: 500, firstResponseSec: 40, serviceLevelPct: 85, abandonRatePct: 4 };

/** Expects a refusal with this reason, audited as such and never sent to the feed. */
async function expectRefused(session: Session, command: Command, reason: string | RegExp): Promise<void> {
  const before = harness.sent.length;
  const commandId = randomUUID();
  const result = await act(session, command, commandId);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  if (typeof reason === 'string') expect(result.error).toBe(reason);
  else expect(result.error).toMatch(reason);
  expect(harness.sent).toHaveLength(before);
  const record = harness.audit().find((candidate) => candidate.commandId === commandId);
  expect(record).toMatchObject({ userId: session.userId, action: command.type, outcome: 'rejected', outcomeDetail: result.error });
}

describe('management commands the rules allow', () => {
  it('sends each to the feed as its feed command and answers with the audited receipt', async () => {
    const commands: [Command, unknown][] = [
      [{ type: 'queue.business_hours', queueId: 'q-orders', businessHours: OFFICE_HOURS }, { type: 'queue.set_business_hours', queueId: 'q-orders', businessHours: OFFICE_HOURS }],
      [{ type: 'queue.thresholds', queueId: 'q-orders', thresholds: THRESHOLDS }, { type: 'queue.set_thresholds', queueId: 'q-orders', thresholds: THRESHOLDS }],
      [{ type: 'agent.queues', agentId: 'a-bob', queueIds: ['q-billing', 'q-returns'] }, { type: 'agent.set_queues', agentId: 'a-bob', queueIds: ['q-billing', 'q-returns'] }],
      [{ type: 'agent.capacity', agentId: 'a-bob', slots: 4 }, { type: 'agent.set_capacity', agentId: 'a-bob', slots: 4 }],
      [{ type: 'user.role', userId: 'a-bob', role: 'wfm_leader', queueScope: ['q-billing'] }, { type: 'user.set_role', userId: 'a-bob', role: 'wfm_leader', queueScope: ['q-billing'] }],
    ];
    for (const [command, feedCommand] of commands) {
      const commandId = randomUUID();
      const result = await act(LEADER, command, commandId);
      if (!result.ok) throw new Error(`${command.type} refused: ${result.error}`);
      const receipt = result.value as ActionReceipt;
      expect(receipt.outcome).toBe('acked');
      expect(harness.sent.at(-1)).toEqual(feedCommand);
      expect(harness.audit().find((record) => record.auditId === receipt.auditId)).toMatchObject({ action: command.type, userId: 'morgan', commandId, outcome: 'acked' });
    }
  });

  it("keeps an agent's queues outside a scoped leader's scope when that leader changes the others", async () => {
    const result = await act(ORDERS_LEADER, { type: 'agent.queues', agentId: 'a-ines', queueIds: [] });
    expect(result.ok).toBe(true);
    expect(harness.sent.at(-1)).toEqual({ type: 'agent.set_queues', agentId: 'a-ines', queueIds: ['q-billing'] });
  });

  it("answers the feed's refusal with its reason, audited as rejected", async () => {
    harness.answer({ ok: false, reason: 'a-bob is on a training course', code: 'forbidden' });
    const commandId = randomUUID();
    expect(await act(LEADER, { type: 'agent.capacity', agentId: 'a-bob', slots: 2 }, commandId)).toEqual({ ok: false, error: 'a-bob is on a training course' });
    expect(harness.audit().find((record) => record.commandId === commandId)).toMatchObject({ outcome: 'rejected', outcomeDetail: 'a-bob is on a training course' });
  });

  it('applies a retried command id once, with the first answer', async () => {
    const commandId = randomUUID();
    const first = await act(LEADER, { type: 'agent.capacity', agentId: 'a-bob', slots: 2 }, commandId);
    const again = await act(LEADER, { type: 'agent.capacity', agentId: 'a-bob', slots: 2 }, commandId);
    expect(again).toEqual(first);
    expect(harness.sent).toHaveLength(1);
  });
});

describe('management commands the rules refuse', () => {
  it('refuses schedules and thresholds that cannot hold, and unknown targets', async () => {
    const overlapping = { windows: [{ day: 1, openMinute: 480, closeMinute: 720 }, { day: 1, openMinute: 600, closeMinute: 900 }], holidays: [] };
    await expectRefused(LEADER, { type: 'queue.business_hours', queueId: 'q-orders', businessHours: overlapping }, /^Windows overlap/);
    await expectRefused(LEADER, { type: 'queue.thresholds', queueId: 'q-orders', thresholds: { ...THRESHOLDS, queuedLow: 9, queuedHigh: 3 } }, 'Queued low (9) must not be above queued high (3).');
    await expectRefused(LEADER, { type: 'queue.thresholds', queueId: 'q-nowhere', thresholds: THRESHOLDS }, 'Unknown queue q-nowhere.');
    await expectRefused(LEADER, { type: 'agent.capacity', agentId: 'a-nobody', slots: 2 }, 'Unknown agent a-nobody.');
    await expectRefused(LEADER, { type: 'agent.queues', agentId: 's-olga', queueIds: ['q-orders'] }, 'Unknown agent s-olga.');
    await expectRefused(LEADER, { type: 'agent.queues', agentId: 'a-bob', queueIds: ['q-nowhere'] }, 'Unknown queue q-nowhere.');
  });

  it("refuses a scoped leader anything outside the scope: another queue's settings, agents elsewhere, queues added or removed outside", async () => {
    await expectRefused(ORDERS_LEADER, { type: 'queue.business_hours', queueId: 'q-billing', businessHours: OFFICE_HOURS }, 'Queue q-billing is outside the queues you may manage.');
    await expectRefused(ORDERS_LEADER, { type: 'queue.thresholds', queueId: 'q-billing', thresholds: THRESHOLDS }, 'Queue q-billing is outside the queues you may manage.');
    await expectRefused(ORDERS_LEADER, { type: 'agent.capacity', agentId: 'a-bob', slots: 3 }, 'Agent a-bob works in none of the queues you may manage.');
    await expectRefused(ORDERS_LEADER, { type: 'agent.queues', agentId: 'a-bob', queueIds: ['q-orders'] }, 'Agent a-bob works in none of the queues you may manage.');
    await expectRefused(ORDERS_LEADER, { type: 'agent.queues', agentId: 'a-zoe', queueIds: ['q-orders', 'q-returns'] }, /^Queue q-returns is outside the queues you may manage/);
  });

  it('refuses role escalation, a role beyond the scope, and anyone changing their own role', async () => {
    await expectRefused(LEADER, { type: 'user.role', userId: 'a-bob', role: 'admin' }, 'Only an admin may grant the admin role.');
    await expectRefused(LEADER, { type: 'user.role', userId: 's-ada', role: 'wfm_leader' }, 'Only an admin may change the role of s-ada, an admin.');
    await expectRefused(LEADER, { type: 'user.role', userId: 'morgan', role: 'admin' }, 'Nobody changes their own role; ask another administrator.');
    await expectRefused(ADMIN, { type: 'user.role', userId: 'ada', role: null }, 'Nobody changes their own role; ask another administrator.');
    await expectRefused(ORDERS_LEADER, { type: 'user.role', userId: 'sam', role: 'wfm_leader', queueScope: null }, 'Nobody changes their own role; ask another administrator.');
    await expectRefused(ORDERS_LEADER, { type: 'user.role', userId: 'a-zoe', role: 'wfm_leader', queueScope: null }, 'Limited to some queues, you must give the role a queue scope inside yours.');
    await expectRefused(ORDERS_LEADER, { type: 'user.role', userId: 'a-zoe', role: 'wfm_leader', queueScope: ['q-orders', 'q-billing'] }, 'The queue scope goes beyond yours: queue q-billing is outside the queues you may manage.');
    await expectRefused(ORDERS_LEADER, { type: 'user.role', userId: 'a-ines', role: 'wfm_leader', queueScope: ['q-orders'] }, /^a-ines works beyond the queues you manage/);
    await expectRefused(ORDERS_LEADER, { type: 'user.role', userId: 's-walt', role: null }, /^s-walt works beyond the queues you manage/);
    await expectRefused(LEADER, { type: 'user.role', userId: 'nobody', role: null }, 'Unknown user nobody.');
    harness.ingest([person('a-new', 'New Starter', { queueIds: [] })]);
    await expectRefused(ORDERS_LEADER, { type: 'user.role', userId: 'a-new', role: 'wfm_leader', queueScope: ['q-orders'] }, 'a-new works in none of the queues you may manage.');
    // Inside the scope, with a scope inside it, it goes through.
    expect((await act(ORDERS_LEADER, { type: 'user.role', userId: 'a-zoe', role: 'wfm_leader', queueScope: ['q-orders'] })).ok).toBe(true);
    expect((await act(ORDERS_LEADER, { type: 'user.role', userId: 's-olga', role: null })).ok).toBe(true);
  });
});
