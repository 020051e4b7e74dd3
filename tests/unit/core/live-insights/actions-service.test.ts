/**
 * The command service against a real SQLite audit log and a hand-built live floor, with the feed
 * replaced by a scripted answerer that counts what it is sent: scope and target checks, the
 * mapping to feed commands, audit before send, and the command id as idempotency key.
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCommandLedger } from '../../../../src-main/core/api/command-ledger.js';
import type { Session } from '../../../../src-main/core/api/session.js';
import type { CommandOutcome } from '../../../../src-main/core/feed/feed-client.js';
import { createAuditLog, type AuditLog } from '../../../../src-main/core/live-insights/audit-log.js';
import { createCommandService, planAction, type ActionCommand, type CommandService } from '../../../../src-main/core/live-insights/command-service.js';
import { applyEvents, createLiveState } from '../../../../src-main/core/floor-state/reducer.js';
import type { LiveState } from '../../../../src-main/core/floor-state/state.js';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';
import { openStore, type Store } from '../../../../src-main/core/store/store.js';
import { createFileSecretVault } from '../../../../src-main/core/secrets/secret-vault.js';
import type { FeedCommand } from '../../../../src-shared/protocol/frames.js';
import type { AuditHead } from '../../../../src-shared/api/live-insights.js';
import { tempDir } from '../../../support/host-process.js';
import { agentLogin, created, floorScript, queueConfigured } from '../floor-state/floor-script.js';

const T0 = Date.UTC(2026, 2, 10, 15);
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

const leader: Session = { userId: 'sup-1', displayName: 'Sam', role: 'wfm_leader', queueScope: null };
const scoped: Session = { userId: 'sup-2', displayName: 'Kim', role: 'admin', queueScope: ['q-a'] };

/** q-a and q-b (chat), agent a-1 in q-a, a-2 in q-b; c-1 with a-1 in q-a, c-2 with a-2 in q-b. */
function floor(): LiveState {
  const script = floorScript();
  script.emit(T0, queueConfigured('q-a'));
  script.emit(T0, queueConfigured('q-b'));
  script.emit(T0, agentLogin('a-1', ['q-a']));
  script.emit(T0, agentLogin('a-2', ['q-b']));
  script.emit(T0, created('c-1', 'q-a'));
  script.emit(T0, { type: 'conversation.assigned', conversationId: 'c-1', queueId: 'q-a', agentId: 'a-1' });
  script.emit(T0, created('c-2', 'q-b'));
  script.emit(T0, { type: 'conversation.assigned', conversationId: 'c-2', queueId: 'q-b', agentId: 'a-2' });
  return applyEvents(createLiveState(), script.events);
}

interface Harness {
  readonly store: Store;
  readonly audit: AuditLog;
  readonly service: CommandService;
  readonly sent: { commandId: string; command: FeedCommand }[];
  /** The audit head each send carried. */
  readonly heads: AuditHead[];
  /** Answers the next sends; a send with nothing queued waits until answer() is called. */
  answer(outcome: CommandOutcome): void;
  auditRows(): number;
}

function harness(path?: string): Harness {
  let dbPath = path;
  if (dbPath === undefined) {
    const dir = tempDir('actions-service');
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    dbPath = join(dir, 'floorwatch.db');
  }
  const store = openStore({ path: dbPath, migrations: AREA_MIGRATIONS });
  cleanups.push(() => store.close());
  const audit = createAuditLog(store.database, { vault: createFileSecretVault(join(dirname(dbPath), 'secrets')) });
  const sent: { commandId: string; command: FeedCommand }[] = [];
  const heads: AuditHead[] = [];
  const waiting: ((outcome: CommandOutcome) => void)[] = [];
  const ready: CommandOutcome[] = [];
  const live = floor();
  const actions = createCommandService({
    audit,
    live: () => live,
    now: () => T0 + 1_000,
    sendCommand: (commandId, command, auditHead) => {
      sent.push({ commandId, command });
      heads.push(auditHead);
      const next = ready.shift();
      if (next) return Promise.resolve(next);
      return new Promise((resolve) => waiting.push(resolve));
    },
  });
  // Commands go through the command ledger, as the API service sends them.
  const ledger = store.repository((connection) => createCommandLedger(connection, { now: () => T0 + 1_000 }));
  const service: CommandService = {
    execute: (session, command, commandId) => Promise.resolve(ledger.run(session, command, commandId, () => actions.execute(session, command, commandId))) as ReturnType<CommandService['execute']>,
  };
  return {
    store,
    audit,
    service,
    sent,
    heads,
    answer(outcome) {
      const resolve = waiting.shift();
      if (resolve) resolve(outcome);
      else ready.push(outcome);
    },
    auditRows: () => store.database.prepare('SELECT count(*) FROM audit_log').pluck().get() as number,
  };
}

describe('planAction', () => {
  it('maps every contract command to its feed command, with the session user as supervisor', () => {
    const cases: [ActionCommand, FeedCommand][] = [
      [{ type: 'conversation.whisper', conversationId: 'c-1', text: 'Offer the refund' }, { type: 'conversation.whisper', conversationId: 'c-1', supervisorId: 'sup-1', text: 'Offer the refund' }],
      [{ type: 'conversation.takeover', conversationId: 'c-1' }, { type: 'conversation.take_over', conversationId: 'c-1', supervisorId: 'sup-1' }],
      [{ type: 'conversation.reply', conversationId: 'c-1', text: 'Hello' }, { type: 'conversation.reply', conversationId: 'c-1', supervisorId: 'sup-1', text: 'Hello' }],
      [{ type: 'queue.mitigation', queueId: 'q-a', state: 'paused' }, { type: 'queue.set_mitigation', queueId: 'q-a', state: 'paused' }],
      [{ type: 'queue.mitigation', queueId: 'q-a', state: 'normal', message: 'stale text' }, { type: 'queue.set_mitigation', queueId: 'q-a', state: 'normal' }],
      [{ type: 'queue.mitigation', queueId: 'q-a', state: 'custom_message', message: 'Busy now' }, { type: 'queue.set_mitigation', queueId: 'q-a', state: 'custom_message', message: 'Busy now' }],
      [
        { type: 'queue.overflow', queueId: 'q-a', rules: [{ ruleId: 'r1', when: 'no_available_agents', targetQueueId: 'q-b' }] },
        { type: 'queue.set_overflow_rules', queueId: 'q-a', rules: [{ ruleId: 'r1', when: 'no_available_agents', targetQueueId: 'q-b' }] },
      ],
      [{ type: 'queue.transfer_waiting', queueId: 'q-a', targetQueueId: 'q-b' }, { type: 'queue.transfer_waiting', queueId: 'q-a', targetQueueId: 'q-b' }],
      [{ type: 'queue.end_all', queueId: 'q-a' }, { type: 'queue.end_all', queueId: 'q-a' }],
      [{ type: 'agent.status', agentId: 'a-1', kind: 'away', reason: 'Coaching' }, { type: 'agent.set_status', agentId: 'a-1', kind: 'away', reason: 'Coaching' }],
    ];
    const live = floor();
    for (const [command, expected] of cases) {
      const plan = planAction(leader, command, live);
      expect(plan.send, command.type).toEqual({ ok: true, value: expected });
    }
  });

  it('names the target and the queues concerned, for the audit record', () => {
    const live = floor();
    expect(planAction(leader, { type: 'conversation.takeover', conversationId: 'c-2' }, live)).toMatchObject({ target: 'conversation:c-2', queueIds: ['q-b'], detail: '{"conversationId":"c-2"}' });
    expect(planAction(leader, { type: 'queue.transfer_waiting', queueId: 'q-a', targetQueueId: 'q-b' }, live)).toMatchObject({ target: 'queue:q-a', queueIds: ['q-a', 'q-b'] });
    expect(planAction(leader, { type: 'agent.status', agentId: 'a-2', kind: 'offline', reason: '' }, live)).toMatchObject({ target: 'agent:a-2', queueIds: ['q-b'] });
  });

  it('refuses unknown targets and targets outside the queue scope, with a clear reason', () => {
    const live = floor();
    const refusals: [Session, ActionCommand, RegExp][] = [
      [leader, { type: 'conversation.whisper', conversationId: 'c-404', text: 'hi' }, /Conversation c-404 is not in progress/],
      [leader, { type: 'queue.end_all', queueId: 'q-404' }, /Unknown queue q-404/],
      [leader, { type: 'agent.status', agentId: 'a-404', kind: 'away', reason: 'Break' }, /Unknown agent a-404/],
      [leader, { type: 'queue.transfer_waiting', queueId: 'q-a', targetQueueId: 'q-a' }, /target queue is the source/],
      [leader, { type: 'queue.transfer_waiting', queueId: 'q-a', targetQueueId: 'q-404' }, /Target: Unknown queue q-404/],
      [leader, { type: 'queue.overflow', queueId: 'q-a', rules: [{ ruleId: 'r1', when: 'outside_business_hours', targetQueueId: 'q-a' }] }, /cannot overflow to itself/],
      [leader, { type: 'queue.mitigation', queueId: 'q-a', state: 'custom_message' }, /needs its text/],
      [scoped, { type: 'conversation.takeover', conversationId: 'c-2' }, /in queue q-b, outside the queues you may act on/],
      [scoped, { type: 'queue.mitigation', queueId: 'q-b', state: 'paused' }, /Queue q-b is outside/],
      [scoped, { type: 'queue.transfer_waiting', queueId: 'q-a', targetQueueId: 'q-b' }, /Queue q-b is outside/],
      [scoped, { type: 'queue.overflow', queueId: 'q-a', rules: [{ ruleId: 'r1', when: 'no_available_agents', targetQueueId: 'q-b' }] }, /Rule r1: Queue q-b is outside/],
      [scoped, { type: 'agent.status', agentId: 'a-2', kind: 'away', reason: 'Break' }, /works in none of the queues/],
    ];
    for (const [session, command, reason] of refusals) {
      const plan = planAction(session, command, live);
      expect(plan.send.ok, `${command.type} ${JSON.stringify(command)}`).toBe(false);
      if (!plan.send.ok) expect(plan.send.error).toMatch(reason);
    }
    expect(planAction(scoped, { type: 'conversation.takeover', conversationId: 'c-1' }, live).send.ok).toBe(true);
    expect(planAction(scoped, { type: 'agent.status', agentId: 'a-1', kind: 'away', reason: 'Break' }, live).send.ok).toBe(true);
  });
});

describe('command service', () => {
  it('writes the audit record before sending, then the feed outcome, and answers with a receipt', async () => {
    const h = harness();
    const answer = h.service.execute(leader, { type: 'queue.mitigation', queueId: 'q-a', state: 'paused' }, 'cmd-1');
    // Sent, not yet answered: the action is already on disk, pending.
    expect(h.sent).toEqual([{ commandId: 'cmd-1', command: { type: 'queue.set_mitigation', queueId: 'q-a', state: 'paused' } }]);
    expect(h.audit.findByCommandId('cmd-1')).toMatchObject({ outcome: 'pending', userId: 'sup-1', role: 'wfm_leader', action: 'queue.mitigation', target: 'queue:q-a' });
    h.answer({ ok: true });
    expect(await answer).toEqual({ ok: true, value: { auditId: 1, outcome: 'acked', detail: null } });
    expect(h.audit.findByCommandId('cmd-1')?.outcome).toBe('acked');
    expect(h.audit.verify().ok).toBe(true);
  });

  it('sends each action with the audit head of its own record, for the feed to keep as the anchor', async () => {
    const h = harness();
    const answer = h.service.execute(leader, { type: 'queue.mitigation', queueId: 'q-a', state: 'paused' }, 'cmd-1');
    const action = h.audit.findByCommandId('cmd-1');
    expect(h.heads).toEqual([{ auditId: 1, hash: action?.hash }]);
    h.answer({ ok: true });
    await answer;
    expect(h.audit.verify(h.heads[0])).toMatchObject({ ok: true, anchor: { state: 'agrees' } });
  });

  it('answers a feed rejection with its reason and audits it as rejected', async () => {
    const h = harness();
    h.answer({ ok: false, reason: 'conversation c-1 has ended' });
    expect(await h.service.execute(leader, { type: 'conversation.takeover', conversationId: 'c-1' }, 'cmd-1')).toEqual({ ok: false, error: 'conversation c-1 has ended' });
    expect(h.audit.findByCommandId('cmd-1')).toMatchObject({ outcome: 'rejected', outcomeDetail: 'conversation c-1 has ended' });
  });

  it('audits a refused attempt as rejected and sends nothing', async () => {
    const h = harness();
    const result = await h.service.execute(scoped, { type: 'queue.end_all', queueId: 'q-b' }, 'cmd-1');
    expect(result).toEqual({ ok: false, error: 'Queue q-b is outside the queues you may act on.' });
    expect(h.sent).toEqual([]);
    expect(h.audit.findByCommandId('cmd-1')).toMatchObject({ outcome: 'rejected', outcomeDetail: 'Queue q-b is outside the queues you may act on.', userId: 'sup-2' });
  });

  it('applies a command id once: a later retry gets the first answer, no second row, no second send', async () => {
    const h = harness();
    const command: ActionCommand = { type: 'conversation.whisper', conversationId: 'c-1', text: 'Check the order number' };
    h.answer({ ok: true });
    const first = await h.service.execute(leader, command, 'cmd-1');
    const rows = h.auditRows();
    const second = await h.service.execute(leader, command, 'cmd-1');
    expect(second).toEqual(first);
    expect(h.sent).toHaveLength(1);
    expect(h.auditRows()).toBe(rows);

    h.answer({ ok: false, reason: 'no agent to whisper to' });
    const refused = await h.service.execute(leader, command, 'cmd-2');
    expect(await h.service.execute(leader, command, 'cmd-2')).toEqual(refused);
    expect(h.sent).toHaveLength(2);
  });

  it('shares one send between retries that arrive while the first is in flight', async () => {
    const h = harness();
    const command: ActionCommand = { type: 'queue.end_all', queueId: 'q-a' };
    const calls = [h.service.execute(leader, command, 'cmd-1'), h.service.execute(leader, command, 'cmd-1'), h.service.execute(leader, command, 'cmd-1')];
    h.answer({ ok: true });
    const results = await Promise.all(calls);
    expect(new Set(results.map((result) => JSON.stringify(result))).size).toBe(1);
    expect(h.sent).toHaveLength(1);
    expect(h.auditRows()).toBe(2);
  });

  it('refuses a command id reused for another action or by another user', async () => {
    const h = harness();
    h.answer({ ok: true });
    await h.service.execute(leader, { type: 'queue.end_all', queueId: 'q-a' }, 'cmd-1');
    expect(await h.service.execute(leader, { type: 'queue.end_all', queueId: 'q-b' }, 'cmd-1')).toEqual({ ok: false, error: 'Command id cmd-1 was already used for another action; send a new id.' });
    expect((await h.service.execute({ ...leader, userId: 'sup-9' }, { type: 'queue.end_all', queueId: 'q-a' }, 'cmd-1')).ok).toBe(false);
    expect(h.sent).toHaveLength(1);
  });

  it('remembers outcomes across a restart, and resends an action left pending under the same id', async () => {
    const dir = tempDir('actions-restart');
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'floorwatch.db');
    const before = harness(path);
    before.answer({ ok: true });
    const acked = await before.service.execute(leader, { type: 'queue.end_all', queueId: 'q-a' }, 'cmd-acked');
    // The core stops before the feed answers this one.
    void before.service.execute(leader, { type: 'queue.end_all', queueId: 'q-b' }, 'cmd-pending');
    expect(before.audit.findByCommandId('cmd-pending')?.outcome).toBe('pending');
    before.store.close();

    const after = harness(path);
    expect(await after.service.execute(leader, { type: 'queue.end_all', queueId: 'q-a' }, 'cmd-acked')).toEqual(acked);
    expect(after.sent).toEqual([]);
    after.answer({ ok: true });
    const resent = await after.service.execute(leader, { type: 'queue.end_all', queueId: 'q-b' }, 'cmd-pending');
    expect(resent).toMatchObject({ ok: true, value: { outcome: 'acked' } });
    expect(after.sent).toEqual([{ commandId: 'cmd-pending', command: { type: 'queue.end_all', queueId: 'q-b' } }]);
    expect(after.audit.findByCommandId('cmd-pending')?.outcome).toBe('acked');
    expect(after.audit.verify()).toMatchObject({ ok: true, checked: 4 });
  });

  it('sends nothing when the audit record cannot be written', async () => {
    const h = harness();
    h.store.database.exec("CREATE TEMP TRIGGER audit_refused BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'disk is full'); END;");
    const result = await h.service.execute(leader, { type: 'queue.end_all', queueId: 'q-a' }, 'cmd-1');
    expect(result).toEqual({ ok: false, error: 'The action was not sent: its audit record could not be written (disk is full).' });
    expect(h.sent).toEqual([]);
  });
});
