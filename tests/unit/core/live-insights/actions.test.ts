/**
 * Supervisor actions end to end through the real core: the API service (roles), the command
 * service (scope, audit, idempotency), the feed client, and the embedded simulator, whose floor
 * changes as a result and comes back as events into the store and the live state.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../../src-main/core/api/session.js';
import { createCore, type Core } from '../../../../src-main/core/core.js';
import type { Command } from '../../../../src-shared/api/contract.js';
import type { ActionReceipt } from '../../../../src-shared/api/live-insights.js';
import type { QueueTile } from '../../../../src-shared/api/live.js';
import type { Result } from '../../../../src-shared/result.js';
import { tempDir, waitFor } from '../../../support/host-process.js';
import { busyAfternoon } from '../../../support/busy-floor.js';

const leader: Session = { userId: 'sup-lee', displayName: 'Lee', role: 'wfm_leader', queueScope: null };
const stakeholder: Session = { userId: 'bs-ana', displayName: 'Ana', role: 'business_stakeholder', queueScope: null };
const admin: Session = { userId: 'adm-jo', displayName: 'Jo', role: 'admin', queueScope: null };

let dataDir: string;
let core: Core;
const tiles = new Map<string, QueueTile>();
let stopOverview: () => void = () => undefined;

/**
 * The feed signs the console in as its admin, who may do everything on every queue: these tests act
 * as several roles through the core's API, whose own checks are what they assert.
 */
async function startCore(): Promise<Core> {
  return createCore({ dataDir, feed: { kind: 'embedded-simulator', seed: 17, speed: 5, agents: 24, queues: 8, startTime: busyAfternoon(), user: 'admin' }, backfillDays: 0 });
}

function watchOverview(): void {
  const subscribed = core.api.subscribe(admin, { topic: 'overview' }, (message) => {
    const updates = message.kind === 'snapshot' ? message.queues : message.upsert;
    for (const tile of updates) tiles.set(tile.queueId, tile);
  });
  if (!subscribed.ok) throw new Error(subscribed.error);
  stopOverview = subscribed.value;
}

beforeAll(async () => {
  dataDir = tempDir('actions-core');
  core = await startCore();
  watchOverview();
  await waitFor(() => core.feedStatus().connection === 'live' && tiles.size >= 8, { what: 'the core to be live with its overview' });
  await waitFor(() => assignedChat(), { what: 'a chat conversation with an agent' });
});

afterAll(async () => {
  stopOverview();
  await core?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function act(session: Session, command: Command, commandId: string = randomUUID()): Promise<Result<unknown>> {
  return core.api.command(session, command, commandId);
}

function receipt(result: Result<unknown>): ActionReceipt {
  if (!result.ok) throw new Error(`refused: ${result.error}`);
  return result.value as ActionReceipt;
}

interface ConversationRow {
  readonly conversationId: string;
  readonly queueId: string;
  readonly agentId: string | null;
  readonly state: string;
  readonly disposition: string | null;
  readonly takenOverBy: string | null;
}

const CONVERSATION_COLUMNS = 'conversation_id AS conversationId, queue_id AS queueId, agent_id AS agentId, state, disposition, taken_over_by AS takenOverBy';

function conversation(conversationId: string): ConversationRow | undefined {
  return core.store.database.prepare(`SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE conversation_id = ?`).get(conversationId) as ConversationRow | undefined;
}

/** The most recently assigned chat conversation still with its agent: it has the most time left. */
function assignedChat(queueId?: string): ConversationRow | undefined {
  return core.store.database
    .prepare(
      `SELECT ${CONVERSATION_COLUMNS} FROM conversations
       WHERE state = 'assigned' AND agent_id IS NOT NULL AND taken_over_by IS NULL AND channel = 'chat' AND (@queue IS NULL OR queue_id = @queue)
       ORDER BY assigned_at DESC LIMIT 1`,
    )
    .get({ queue: queueId ?? null }) as ConversationRow | undefined;
}

function inProgress(queueId: string, state?: string): ConversationRow[] {
  return core.store.database
    .prepare(`SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE queue_id = @queue AND state IN ('created', 'queued', 'assigned') AND (@state IS NULL OR state = @state)`)
    .all({ queue: queueId, state: state ?? null }) as ConversationRow[];
}

function auditRows(): number {
  return core.store.database.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
}

describe('supervisor actions through the core', () => {
  it('whispers: acked, audited, and the whisper is in the transcript marked as one', async () => {
    const target = await waitFor(() => assignedChat(), { what: 'an assigned chat' });
    const result = receipt(await act(leader, { type: 'conversation.whisper', conversationId: target.conversationId, text: 'Offer the loyalty discount' }));
    expect(result.outcome).toBe('acked');
    const record = core.api.query(admin, { type: 'audit.list', limit: 5 });
    expect(record.ok && record.value[0]).toMatchObject({ auditId: result.auditId, action: 'conversation.whisper', userId: 'sup-lee', outcome: 'acked', target: `conversation:${target.conversationId}` });
    const whisper = await waitFor(
      () => core.store.conversationMessages(target.conversationId, 1_000).find((message) => message.kind === 'whisper' && message.text === 'Offer the loyalty discount'),
      { what: 'the whisper in the transcript' },
    );
    expect(whisper).toMatchObject({ sender: 'supervisor', senderId: 'sup-lee' });
  });

  it('takes a conversation over (the agent loses it, the supervisor holds it) and then replies', async () => {
    const target = await waitFor(() => assignedChat(), { what: 'an assigned chat' });
    expect(receipt(await act(leader, { type: 'conversation.takeover', conversationId: target.conversationId })).outcome).toBe('acked');
    const after = await waitFor(() => {
      const row = conversation(target.conversationId);
      return row?.takenOverBy === 'sup-lee' ? row : undefined;
    }, { what: 'the takeover on the floor' });
    // The store records the supervisor as the conversation's handler from here on.
    expect(after.agentId).not.toBe(target.agentId);
    const agentStill = core.store.database
      .prepare("SELECT count(*) FROM conversations WHERE agent_id = ? AND conversation_id = ? AND state = 'assigned'")
      .pluck()
      .get(target.agentId, target.conversationId);
    expect(agentStill).toBe(0);

    expect(receipt(await act(leader, { type: 'conversation.reply', conversationId: target.conversationId, text: 'I can sort this out for you.' })).outcome).toBe('acked');
    const reply = await waitFor(() => core.store.conversationMessages(target.conversationId, 1_000).find((message) => message.text === 'I can sort this out for you.'), { what: 'the reply' });
    expect(reply).toMatchObject({ sender: 'supervisor', kind: 'text', senderId: 'sup-lee' });
  });

  it('pauses a queue and sets a custom wait message (business stakeholder): the tile shows it', async () => {
    receipt(await act(stakeholder, { type: 'queue.mitigation', queueId: 'q-billing', state: 'paused' }));
    await waitFor(() => tiles.get('q-billing')?.mitigation.state === 'paused', { what: 'the billing tile to show paused' });
    receipt(await act(stakeholder, { type: 'queue.mitigation', queueId: 'q-orders', state: 'custom_message', message: 'We are busier than usual.' }));
    await waitFor(() => tiles.get('q-orders')?.mitigation.message === 'We are busier than usual.', { what: 'the orders tile to show the message' });
    expect(tiles.get('q-orders')?.mitigation.state).toBe('custom_message');
  });

  it('sets overflow rules: the tile carries them', async () => {
    const rules = [{ ruleId: 'r-1', when: 'no_available_agents' as const, targetQueueId: 'q-returns' }];
    receipt(await act(leader, { type: 'queue.overflow', queueId: 'q-tech-support', rules }));
    await waitFor(() => tiles.get('q-tech-support')?.overflowRules.length === 1, { what: 'the overflow rule on the tile' });
    expect(tiles.get('q-tech-support')?.overflowRules).toEqual(rules);
    receipt(await act(leader, { type: 'queue.overflow', queueId: 'q-tech-support', rules: [] }));
  });

  it('transfers every waiting chat of a paused queue to another queue', async () => {
    receipt(await act(admin, { type: 'queue.mitigation', queueId: 'q-tech-support', state: 'paused' }));
    const waiting = await waitFor(() => {
      const rows = inProgress('q-tech-support', 'queued');
      return rows.length >= 1 ? rows : undefined;
    }, { what: 'customers to wait in the paused queue', timeoutMs: 30_000 });
    receipt(await act(leader, { type: 'queue.transfer_waiting', queueId: 'q-tech-support', targetQueueId: 'q-returns' }));
    // A customer may give up in the moment between the look and the command; every other one moves.
    const settled = (row: ConversationRow): boolean => {
      const now = conversation(row.conversationId);
      return now !== undefined && (now.queueId === 'q-returns' || now.state === 'abandoned');
    };
    await waitFor(() => waiting.every(settled), { what: 'the waiting chats to leave q-tech-support' });
    expect(waiting.filter((row) => conversation(row.conversationId)?.queueId === 'q-returns').length).toBeGreaterThan(0);
    receipt(await act(admin, { type: 'queue.mitigation', queueId: 'q-tech-support', state: 'normal' }));
  });

  it('ends every conversation of a queue, closed by the supervisor', async () => {
    const before = await waitFor(() => {
      const rows = inProgress('q-tech-support');
      return rows.length >= 1 ? rows : undefined;
    }, { what: 'conversations in q-tech-support' });
    receipt(await act(leader, { type: 'queue.end_all', queueId: 'q-tech-support' }));
    const finished = (row: ConversationRow): boolean => ['ended', 'abandoned'].includes(conversation(row.conversationId)?.state ?? '');
    await waitFor(() => before.every(finished), { what: 'every conversation to end' });
    // Bar one that finished on its own in the moment before the command, all were closed by the supervisor.
    const closed = before.filter((row) => conversation(row.conversationId)?.disposition === 'closed_by_supervisor');
    expect(closed.length).toBeGreaterThanOrEqual(Math.max(1, before.length - 1));
  });

  it("changes an agent's status", async () => {
    const agentId = core.store.database.prepare("SELECT agent_id FROM agents WHERE status_kind = 'available' AND logged_in = 1 ORDER BY agent_id LIMIT 1").pluck().get() as string;
    receipt(await act(leader, { type: 'agent.status', agentId, kind: 'away', reason: 'Coaching' }));
    await waitFor(() => {
      const row = core.store.database.prepare('SELECT status_kind AS kind, status_reason AS reason FROM agents WHERE agent_id = ?').get(agentId) as { kind: string; reason: string };
      return row.kind === 'away' && row.reason === 'Coaching';
    }, { what: 'the agent to be away' });
  });

  it('refuses by role in the core: no whisper or takeover for a business stakeholder, no mitigation for a WFM leader', async () => {
    const target = await waitFor(() => assignedChat(), { what: 'an assigned chat' });
    const rows = auditRows();
    const whisper = await act(stakeholder, { type: 'conversation.whisper', conversationId: target.conversationId, text: 'hello' });
    const takeover = await act(stakeholder, { type: 'conversation.takeover', conversationId: target.conversationId });
    const mitigation = await act(leader, { type: 'queue.mitigation', queueId: 'q-billing', state: 'normal' });
    expect(whisper).toEqual({ ok: false, error: 'Your role (business_stakeholder) may not conversation.whisper.', code: 'forbidden' });
    expect(takeover).toEqual({ ok: false, error: 'Your role (business_stakeholder) may not conversation.takeover.', code: 'forbidden' });
    expect(mitigation).toEqual({ ok: false, error: 'Your role (wfm_leader) may not queue.mitigation.', code: 'forbidden' });
    expect(auditRows()).toBe(rows);
    expect(conversation(target.conversationId)?.takenOverBy).toBeNull();
  });

  it('refuses targets outside the queue scope and unknown targets, auditing the attempt', async () => {
    const scoped: Session = { ...leader, userId: 'sup-scoped', queueScope: ['q-orders'] };
    const outside = await act(scoped, { type: 'queue.end_all', queueId: 'q-billing' });
    expect(outside).toEqual({ ok: false, error: 'Queue q-billing is outside the queues you may act on.' });
    const unknown = await act(leader, { type: 'conversation.takeover', conversationId: 'c-nobody' });
    expect(unknown).toEqual({ ok: false, error: 'Conversation c-nobody is not in progress on the floor.' });
    const list = core.api.query(scoped, { type: 'audit.list', limit: 50 });
    expect(list.ok && list.value.map((record) => [record.userId, record.outcome])).toContainEqual(['sup-scoped', 'rejected']);
    // A scoped supervisor sees their own records and those that touched their queues, nothing else.
    const queuesOf = core.store.database.prepare('SELECT queue_ids FROM audit_log WHERE audit_id = ?').pluck();
    const visible = list.ok ? list.value : [];
    expect(visible.length).toBeGreaterThan(0);
    for (const record of visible) {
      const queueIds = JSON.parse(queuesOf.get(record.auditId) as string) as string[];
      expect(record.userId === 'sup-scoped' || queueIds.includes('q-orders')).toBe(true);
    }
  });

  it('applies a retried command id once, also after a core restart, and the audit chain verifies', async () => {
    const commandId = randomUUID();
    const command: Command = { type: 'queue.mitigation', queueId: 'q-returns', state: 'custom_message', message: 'Retry me' };
    const first = await act(stakeholder, command, commandId);
    const rows = auditRows();
    expect(await act(stakeholder, command, commandId)).toEqual(first);
    expect(auditRows()).toBe(rows);

    stopOverview();
    await core.close();
    core = await startCore();
    watchOverview();
    expect(await act(stakeholder, command, commandId)).toEqual(first);
    expect(auditRows()).toBe(rows);
    const verified = core.api.query(admin, { type: 'audit.verify' });
    expect(verified).toMatchObject({ ok: true, value: { ok: true, checked: rows, firstBadAuditId: null, problem: null } });
    expect(core.api.query({ ...admin, role: 'wallboard' }, { type: 'audit.list', limit: 10 }).ok).toBe(false);
  });
});
