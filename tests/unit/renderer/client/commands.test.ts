/**
 * The renderer's one command module over the real client core (manual timers, a recording link):
 * one id per user intent, reused on retry; an unanswered command is unknown, then settled by
 * asking the core's ledger.
 */
import { describe, expect, it } from 'vitest';
import { canonicalJson, COMMAND_WAIT_MS, type LedgerOutcome } from '../../../../src-shared/api/commands.js';
import type { ClientMessage } from '../../../../src-shared/api/contract.js';
import { fail, ok, type Result } from '../../../../src-shared/result.js';
import { createClientCore } from '../../../../src-renderer/client/client-core.js';
import { beginIntent, createCommandIssuer, issueCommand, isStillUnknown, settleIntent } from '../../../../src-renderer/client/commands.js';
import { manualTimers } from './manual-timers.js';

function ids(): () => string {
  let next = 0;
  return () => `id-${++next}`;
}

describe('command intents', () => {
  it('writes equal commands as one key whatever the key order, dropping undefined fields', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 2, x: undefined, z: 'q' }] })).toBe(canonicalJson({ a: [{ z: 'q', y: 2 }], b: 1 }));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
  });

  it('reuses the id when the same command is retried after a failure', () => {
    const newId = ids();
    const first = beginIntent(null, { type: 'queue.end_all', queueId: 'q-1' }, newId);
    const retry = beginIntent(settleIntent(first, false), { queueId: 'q-1', type: 'queue.end_all' }, newId);
    expect(retry.commandId).toBe(first.commandId);
    expect(retry.state).toBe('pending');
  });

  it('reuses the id while the first attempt has no answer yet (a double click)', () => {
    const newId = ids();
    const first = beginIntent(null, { type: 'queue.end_all', queueId: 'q-1' }, newId);
    expect(beginIntent(first, { type: 'queue.end_all', queueId: 'q-1' }, newId).commandId).toBe(first.commandId);
  });

  it('takes a new id for another command, and for the same command once it succeeded', () => {
    const newId = ids();
    const pause = beginIntent(null, { type: 'queue.mitigation', queueId: 'q-1', state: 'paused' }, newId);
    const resume = beginIntent(settleIntent(pause, false), { type: 'queue.mitigation', queueId: 'q-1', state: 'normal' }, newId);
    expect(resume.commandId).not.toBe(pause.commandId);
    const again = beginIntent(settleIntent(resume, true), { type: 'queue.mitigation', queueId: 'q-1', state: 'normal' }, newId);
    expect(again.commandId).not.toBe(resume.commandId);
    expect([pause.commandId, resume.commandId, again.commandId]).toEqual(['id-1', 'id-2', 'id-3']);
  });
});

/** A client core on manual timers whose link hands each sent message to the test, in order. */
function wire() {
  const timers = manualTimers();
  const core = createClientCore({ timers, requestTimeoutMs: 15_000, onProblem: () => undefined });
  const unread: ClientMessage[] = [];
  const waiting: ((message: ClientMessage) => void)[] = [];
  const link = {
    send(message: ClientMessage) {
      const waiter = waiting.shift();
      if (waiter) waiter(message);
      else unread.push(message);
    },
  };
  core.linkOpened(link);
  let ids = 0;
  return {
    core,
    link,
    timers,
    client: core.client,
    newId: () => `intent-${(ids += 1)}`,
    /** The next message the client sends (already sent, or the next one). */
    sent(): Promise<ClientMessage> {
      const message = unread.shift();
      return message ? Promise.resolve(message) : new Promise((resolve) => waiting.push(resolve));
    },
    answer(message: ClientMessage, result: Result<unknown>): void {
      core.receive({ kind: 'response', id: message.id, result });
    },
  };
}

/** Collects what onUnknown hears; `next()` waits for the next report. */
function unknownReports() {
  const heard: string[] = [];
  let wake: (() => void) | null = null;
  return {
    heard,
    onUnknown: (reason: string) => {
      heard.push(reason);
      wake?.();
    },
    next: () => new Promise<void>((resolve) => (wake = resolve)),
  };
}

/** Lets pending promise callbacks run until the module has set its next timer (no wall-clock wait). */
async function timerSet(timers: { readonly pending: number }): Promise<void> {
  for (let turn = 0; turn < 100 && timers.pending === 0; turn += 1) await Promise.resolve();
  expect(timers.pending).toBeGreaterThan(0);
}

function commandIdOf(message: ClientMessage): string {
  if (message.request.op !== 'command') throw new Error(`expected a command, got ${message.request.op}`);
  return message.request.commandId;
}

function outcomeAskedFor(message: ClientMessage): string {
  if (message.request.op !== 'query' || message.request.query.type !== 'commands.outcome') throw new Error('expected a commands.outcome query');
  return message.request.query.commandId;
}

const endAll = { type: 'queue.end_all', queueId: 'q-1' } as const;

describe('command issuer', () => {
  it('sends a retry of a refused command under the same id, and the next intent under a new one', async () => {
    const { client, newId, sent, answer } = wire();
    const issuer = createCommandIssuer(client, newId);

    const first = issuer.send(endAll);
    const firstMessage = await sent();
    answer(firstMessage, fail('The feed is reconnecting.'));
    expect(await first).toEqual(fail('The feed is reconnecting.'));

    const retry = issuer.send({ queueId: 'q-1', type: 'queue.end_all' });
    const retryMessage = await sent();
    answer(retryMessage, ok({ auditId: 1, outcome: 'acked', detail: null }));
    expect((await retry).ok).toBe(true);

    const again = issuer.send(endAll);
    const againMessage = await sent();
    answer(againMessage, ok({ auditId: 2, outcome: 'acked', detail: null }));
    await again;

    expect([commandIdOf(firstMessage), commandIdOf(retryMessage), commandIdOf(againMessage)]).toEqual(['intent-1', 'intent-1', 'intent-2']);
  });

  it('forgets the intent on reset, so a cancelled retry becomes a new command', async () => {
    const { client, newId, sent, answer } = wire();
    const issuer = createCommandIssuer(client, newId);
    const first = issuer.send(endAll);
    answer(await sent(), fail('refused'));
    await first;
    issuer.reset();
    void issuer.send(endAll);
    expect(commandIdOf(await sent())).toBe('intent-2');
  });
});

describe('an unanswered command', () => {
  it('is unknown when the wait runs out, then settled by the ledger under its own id', async () => {
    const { client, sent, answer, timers } = wire();
    const unknown = unknownReports();
    const result = issueCommand(client, endAll, 'cmd-late', { timers, onUnknown: unknown.onUnknown });
    await sent();

    timers.advance(COMMAND_WAIT_MS.renderer - 1);
    await Promise.resolve();
    expect(unknown.heard).toEqual([]);
    const heard = unknown.next();
    timers.advance(1);
    await heard;
    expect(unknown.heard).toEqual([`The console core did not answer within ${Math.round(COMMAND_WAIT_MS.renderer / 1000)} s.`]);

    const asked = await sent();
    expect(outcomeAskedFor(asked)).toBe('cmd-late');
    const outcome: LedgerOutcome = { state: 'done', result: ok({ auditId: 7, outcome: 'acked', detail: null }) };
    answer(asked, ok(outcome));
    expect(await result).toEqual(ok({ auditId: 7, outcome: 'acked', detail: null }));
  });

  it('is unknown when the link drops after sending, asks again after the reconnect, and waits while the core is still applying it', async () => {
    const { core, link, client, sent, answer, timers } = wire();
    const unknown = unknownReports();
    const result = issueCommand(client, endAll, 'cmd-dropped', { timers, intervalMs: 2_000, onUnknown: unknown.onUnknown });
    await sent();

    const heard = unknown.next();
    core.linkClosed('socket closed');
    await heard;
    expect(unknown.heard).toHaveLength(1);
    expect(unknown.heard[0]).toMatch(/Lost the connection/u);

    core.linkOpened(link);
    const first = await sent();
    expect(outcomeAskedFor(first)).toBe('cmd-dropped');
    answer(first, ok({ state: 'pending' } satisfies LedgerOutcome));

    const second = sent();
    await timerSet(timers);
    timers.advance(2_000);
    const asked = await second;
    answer(asked, ok({ state: 'done', result: fail('Queue q-1 is outside the queues you may act on.') } satisfies LedgerOutcome));
    expect(await result).toEqual(fail('Queue q-1 is outside the queues you may act on.'));
  });

  it('is not applied when the ledger never saw it, and stays unknown (not "not sent") when the core never says', async () => {
    const { client, sent, answer, timers } = wire();
    const never = issueCommand(client, endAll, 'cmd-lost', { timers });
    await sent();
    timers.advance(COMMAND_WAIT_MS.renderer);
    answer(await sent(), ok({ state: 'none' } satisfies LedgerOutcome));
    const notApplied = await never;
    expect(notApplied.ok === false && notApplied.error).toMatch(/never received it, so it was not applied/u);
    expect(isStillUnknown(notApplied)).toBe(false);

    const silent = issueCommand(client, endAll, 'cmd-silent', { timers, intervalMs: 1_000, maxChecks: 2 });
    await sent();
    timers.advance(COMMAND_WAIT_MS.renderer);
    answer(await sent(), ok({ state: 'pending' } satisfies LedgerOutcome));
    const last = sent();
    await timerSet(timers);
    timers.advance(1_000);
    answer(await last, ok({ state: 'pending' } satisfies LedgerOutcome));
    expect(isStillUnknown(await silent)).toBe(true);
  });
});
