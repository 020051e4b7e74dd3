/**
 * The escalation reason is the bot's: its last system message before the hand-off, whatever
 * system messages follow (a supervisor joining, an agent's transfer note, the bot after an agent
 * spoke), on a conversation transferred and so queued twice. Computed by the facts pass on a real
 * store, and asked again by migration 220 for the facts of a cache computed with the old rule.
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';
import { completeMissingMetrics } from '../../../../src-main/core/history/metrics.js';
import { openStore } from '../../../../src-main/core/store/store.js';
import { floorEventSchema, type FloorEventInput } from '../../../../src-shared/protocol/events.js';
import { HISTORY_STREAM } from '../../../../src-shared/protocol/frames.js';
import { ADMIN, SECOND, setupEvents } from '../history/history-test-kit.js';
import { tempDir } from '../../../support/host-process.js';
import { writeOldLayout } from '../store/old-layout.js';
import { utc } from './fixture.js';
import { insightsHarness } from './insights-test-kit.js';

const CREATED = utc(10, 27, 10);
const REASON = 'Asked for a person';

/** A chat the bot escalates; a supervisor joins, the agent transfers it (queued again), the bot speaks once more after the agent. */
function transferredEscalation(): FloorEventInput[] {
  const at = (seconds: number) => CREATED + seconds * SECOND;
  const message = (seconds: number, sender: 'customer' | 'agent' | 'bot' | 'supervisor', kind: 'text' | 'system', text: string): FloorEventInput => ({
    type: 'conversation.message',
    time: at(seconds),
    conversationId: 'bx',
    messageId: `bx-${seconds}`,
    sender,
    kind,
    text,
  });
  return [
    ...setupEvents(utc(10, 1, 0)),
    { type: 'conversation.created', time: at(0), conversationId: 'bx', channel: 'chat', queueId: 'q-sales', intent: 'orders', customer: { customerId: 'cu-bx' } },
    message(1, 'customer', 'text', 'I want to talk to someone'),
    message(2, 'bot', 'text', 'Let me find someone for you.'),
    message(4, 'bot', 'system', REASON),
    { type: 'conversation.queued', time: at(5), conversationId: 'bx', queueId: 'q-sales' },
    message(8, 'supervisor', 'system', 'Sam joined'),
    { type: 'conversation.assigned', time: at(15), conversationId: 'bx', queueId: 'q-sales', agentId: 'a-1' },
    message(30, 'agent', 'text', 'Hello, I am Grace.'),
    message(45, 'bot', 'system', 'Customer identified'),
    message(59, 'agent', 'system', 'Transferred to Support'),
    { type: 'conversation.transferred', time: at(60), conversationId: 'bx', fromQueueId: 'q-sales', toQueueId: 'q-support', fromAgentId: 'a-1' },
    { type: 'conversation.assigned', time: at(80), conversationId: 'bx', queueId: 'q-support', agentId: 'a-2' },
    message(90, 'agent', 'text', 'Alan here, let me help.'),
    { type: 'conversation.ended', time: at(200), conversationId: 'bx', disposition: 'resolved' },
  ];
}

const reasonOf = (db: { prepare(sql: string): { pluck(): { get(...args: unknown[]): unknown } } }) =>
  db.prepare("SELECT escalation_reason FROM insight_facts WHERE conversation_id = 'bx'").pluck().get();

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('escalation reason', () => {
  it('is the bot’s last system message before the hand-off, not a later supervisor, agent or bot system message', async () => {
    const harness = insightsHarness(utc(12, 3, 10));
    try {
      harness.ingest(transferredEscalation());
      // The conversation was queued again at the transfer (60 s): the old rule, "the last system
      // message up to the queuing", gave the agent's transfer note.
      expect(harness.store.database.prepare("SELECT queued_at FROM conversations WHERE conversation_id = 'bx'").pluck().get()).toBe(CREATED + 60 * SECOND);
      expect(reasonOf(harness.store.database)).toBe(REASON);
      const result = await harness.figures(ADMIN, {
        widget: { id: 'w', title: 'W', metrics: ['botEscalated'], dimension: 'escalationReason', chart: 'table' },
        range: { from: '2026-10-27', to: '2026-10-27' },
        interval: 'day',
        timeZone: 'Europe/Paris',
      });
      expect(result.rows.map((row) => [row.key, row.cells[0]?.value])).toEqual([[REASON, 1]]);
    } finally {
      await harness.close();
    }
  });

  it('is asked again by migration 220 for facts computed with the old rule, and their sums move with it', () => {
    const dir = tempDir('escalation-reason');
    dirs.push(dir);
    const path = join(dir, 'floorwatch.db');
    const events = transferredEscalation().map((input, index) => floorEventSchema.parse({ ...input, seq: index + 1 }));
    // The cache as a console before migration 220 wrote it (today's ingest writes today's layout).
    writeOldLayout(path, 220, [{ stream: HISTORY_STREAM, epoch: 'test', events }]);
    // The facts as the old rule wrote them (written directly: opening a store would run the store's own later migrations).
    const before = new Database(path);
    before
      .prepare(
        `INSERT INTO insight_facts (created_at, conversation_id, queue_id, channel, intent, agent_id, offered, queued, assigned, abandoned,
           assigned_at, ended_at, response_ms_sum, responses, sl_eligible, sl_met, transfers, timed_out, bot_messages, contained, escalation_reason, computed_at)
         VALUES (?, 'bx', 'q-support', 'chat', 'orders', 'a-2', 1, 1, 1, 0, ?, ?, 0, 0, 0, 0, 1, 0, 1, 0, 'Transferred to Support', 0)`,
      )
      .run(CREATED, CREATED + 80 * SECOND, CREATED + 200 * SECOND);
    before.close();

    const after = openStore({ path, migrations: AREA_MIGRATIONS });
    try {
      const db = after.database;
      expect(reasonOf(db)).toBe(REASON);
      expect(db.prepare("SELECT key, escalated FROM insight_sums WHERE kind = 'escalationReason'").raw(true).all()).toEqual([[REASON, 1]]);
      // The existing assignment is left for the background pass to sum, which then does.
      expect(db.prepare('SELECT count(*) FROM agent_work_dirty').pluck().get()).toBe(1);
      completeMissingMetrics(db, utc(12, 3, 10));
      expect(db.prepare('SELECT count(*) FROM agent_work_dirty').pluck().get()).toBe(0);
      expect(db.prepare("SELECT sum(ms) FROM agent_work_sums WHERE span = 1 AND agent_id = 'a-2'").pluck().get()).toBe(120 * SECOND);
    } finally {
      after.close();
    }
  });
});
