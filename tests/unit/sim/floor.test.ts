import { describe, expect, it } from 'vitest';
import { floorEventSchema } from '../../../src-shared/protocol/events.js';
import type { FloorEventInput } from '../../../src-shared/protocol/events.js';
import type { FeedCommand } from '../../../src-shared/protocol/frames.js';
import { AFTER_CONTACT_WORK_REASON, AWAY_REASONS, NOT_RESPONDING_REASON } from '../../../src-main/sim/catalog.js';
import { createFloor } from '../../../src-main/sim/floor.js';
import type { Floor } from '../../../src-main/sim/floor.js';
import { activeConversations, applyAll, emptyView } from './reference-state.js';

// A Tuesday, 15:00 UTC: late morning in New York, afternoon in London.
const START = Date.UTC(2026, 2, 10, 15, 0, 0);
const MINUTE = 60_000;

function run(floor: Floor, until: number, stepMs = 5_000): FloorEventInput[] {
  const events: FloorEventInput[] = [];
  for (let time = floor.now(); time < until; time += stepMs) events.push(...floor.advanceTo(Math.min(until, time + stepMs)));
  return events;
}

function command(floor: Floor, value: FeedCommand, log: FloorEventInput[]): FloorEventInput[] {
  const outcome = floor.applyCommand(value, floor.now());
  if (!outcome.ok) throw new Error(outcome.reason);
  log.push(...outcome.events);
  return outcome.events;
}

describe('floor model', () => {
  it('is deterministic for a seed, whatever the advance steps', () => {
    const a = createFloor({ seed: 5, startTime: START });
    const b = createFloor({ seed: 5, startTime: START });
    const fine = run(a, START + 10 * MINUTE, 1_000);
    const coarse = run(b, START + 10 * MINUTE, 10 * MINUTE);
    expect(fine.length).toBeGreaterThan(1000);
    expect(JSON.stringify(coarse)).toBe(JSON.stringify(fine));
  });

  it('differs between seeds', () => {
    const a = run(createFloor({ seed: 1, startTime: START }), START + MINUTE);
    const b = run(createFloor({ seed: 2, startTime: START }), START + MINUTE);
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
  });

  it('starts mid-shift: configuration first, then agents, then conversations within seconds', () => {
    const floor = createFloor({ seed: 9, startTime: START, warmupMs: 0 });
    const first = floor.advanceTo(START);
    expect(first.slice(0, 10).every((event) => event.type === 'queue.configured')).toBe(true);
    expect(first.filter((event) => event.type === 'agent.login')).toHaveLength(64);
    const statuses = first.filter((event) => event.type === 'agent.status');
    expect(statuses.filter((event) => event.kind === 'available').length).toBeGreaterThan(40);
    expect(statuses.some((event) => event.kind === 'away')).toBe(true);
    const soon = floor.advanceTo(START + 15_000);
    expect(soon.some((event) => event.type === 'conversation.created')).toBe(true);
  });

  it('emits valid events, in time order, that keep every routing invariant', () => {
    const floor = createFloor({ seed: 11, startTime: START });
    const events = run(floor, START + 60 * MINUTE);
    let previous = 0;
    for (const event of events) {
      const parsed = floorEventSchema.safeParse({ ...event, seq: 1 });
      if (!parsed.success) throw new Error(`${JSON.stringify(event)}: ${parsed.error.message}`);
      expect(event.time).toBeGreaterThanOrEqual(previous);
      previous = event.time;
    }
    const view = applyAll(emptyView(), events);
    expect(view.violations).toEqual([]);
  });

  it('behaves like a floor: abandons, transfers, flags, surveys, away reasons, delivery failures', () => {
    const events = run(createFloor({ seed: 3, startTime: START }), START + 90 * MINUTE, 60_000);
    const count = (type: string) => events.filter((event) => event.type === type).length;
    const ended = events.filter((event) => event.type === 'conversation.ended');
    expect(count('conversation.abandoned')).toBeGreaterThan(0);
    expect(count('conversation.transferred') / count('conversation.created')).toBeGreaterThan(0.02);
    expect(count('conversation.flagged')).toBeGreaterThan(0);
    expect(count('conversation.delivery_failed')).toBeGreaterThan(0);
    expect(count('survey.answered') / ended.length).toBeGreaterThan(0.2);
    expect(count('survey.answered') / ended.length).toBeLessThan(0.4);
    expect(ended.filter((event) => event.disposition === 'resolved').length / ended.length).toBeGreaterThan(0.6);
    const ratings = events.flatMap((event) => (event.type === 'survey.answered' ? [event.rating] : []));
    expect(ratings.filter((rating) => rating >= 4).length / ratings.length).toBeGreaterThan(0.5);
    const reasons = new Set(events.flatMap((event) => (event.type === 'agent.status' && event.kind === 'away' ? [event.reason] : [])));
    for (const reason of reasons) expect([...AWAY_REASONS.map((plan) => plan.reason), AFTER_CONTACT_WORK_REASON, NOT_RESPONDING_REASON]).toContain(reason);
    expect(reasons.size).toBeGreaterThan(2);
    expect(reasons).toContain(AFTER_CONTACT_WORK_REASON);
    const bot = events.filter((event) => event.type === 'conversation.message' && event.sender === 'bot');
    expect(bot.some((event) => event.type === 'conversation.message' && event.kind === 'system' && event.text.includes('transferred'))).toBe(true);
  });

  it('lets chat agents handle several conversations at once', () => {
    const floor = createFloor({ seed: 4, startTime: START });
    const view = applyAll(emptyView(), run(floor, START + 20 * MINUTE));
    expect([...view.agents.values()].some((agent) => agent.active.size >= 2)).toBe(true);
  });

  it('produces at least 1,000 events per floor second with 2,000 agents at a busy hour', () => {
    // 17:00 UTC: every queue open (a closed queue takes no conversations), afternoon in New York and London, morning in Los Angeles.
    const busy = Date.UTC(2026, 2, 10, 17, 0, 0);
    const floor = createFloor({ seed: 42, startTime: busy, agents: 2000 });
    floor.advanceTo(busy);
    const events = floor.advanceTo(busy + 2 * MINUTE);
    expect(events.length / 120).toBeGreaterThanOrEqual(1000);
  });
});

describe('floor snapshot', () => {
  it('rebuilds the current state from an empty one', () => {
    const floor = createFloor({ seed: 21, startTime: START });
    const log = run(floor, START + 15 * MINUTE);
    command(floor, { type: 'queue.set_mitigation', queueId: 'q-billing', state: 'custom_message', message: 'Long waits today' }, log);
    const live = applyAll(emptyView(), log);
    const rebuilt = applyAll(emptyView(), floor.snapshotEvents());
    const summary = (view: typeof live) =>
      JSON.stringify({
        conversations: [...activeConversations(view)].sort(([a], [b]) => a.localeCompare(b)),
        agents: [...view.agents].map(([id, agent]) => [id, agent.kind, [...agent.active].sort()]),
        queues: [...view.queues],
      });
    expect(activeConversations(live).size).toBeGreaterThan(10);
    expect(summary(rebuilt)).toBe(summary(live));
    expect(rebuilt.queues.get('q-billing')?.mitigation).toBe('custom_message');
  });

  it('can leave messages out to stay small', () => {
    const floor = createFloor({ seed: 21, startTime: START });
    run(floor, START + 5 * MINUTE);
    const compact = floor.snapshotEvents({ includeMessages: false });
    expect(compact.some((event) => event.type === 'conversation.message')).toBe(false);
    expect(compact.some((event) => event.type === 'conversation.assigned')).toBe(true);
  });
});

describe('floor commands', () => {
  function busyFloor(seed = 31): { floor: Floor; log: FloorEventInput[] } {
    const floor = createFloor({ seed, startTime: START });
    return { floor, log: run(floor, START + 10 * MINUTE) };
  }

  function assignedConversation(log: readonly FloorEventInput[]): { conversationId: string; agentId: string } {
    const view = applyAll(emptyView(), log);
    for (const [conversationId, conversation] of activeConversations(view)) {
      if (conversation.state === 'assigned' && conversation.agentId && view.queues.get(conversation.queueId)?.channel === 'chat') {
        return { conversationId, agentId: conversation.agentId };
      }
    }
    throw new Error('no chat conversation is assigned');
  }

  it('pauses a queue: no new assignments from it, waiting customers stay, resuming drains it', () => {
    const { floor, log } = busyFloor();
    command(floor, { type: 'queue.set_mitigation', queueId: 'q-tech-support', state: 'paused' }, log);
    const during = run(floor, floor.now() + 10 * MINUTE);
    log.push(...during);
    expect(during.some((event) => event.type === 'conversation.assigned' && event.queueId === 'q-tech-support')).toBe(false);
    const waiting = [...activeConversations(applyAll(emptyView(), log)).values()].filter((conversation) => conversation.queueId === 'q-tech-support' && conversation.state === 'queued');
    expect(waiting.length).toBeGreaterThan(0);
    const resumed = command(floor, { type: 'queue.set_mitigation', queueId: 'q-tech-support', state: 'normal' }, log);
    expect(resumed.some((event) => event.type === 'conversation.assigned' && event.queueId === 'q-tech-support')).toBe(true);
    expect(applyAll(emptyView(), log).violations).toEqual([]);
  });

  it('transfers every waiting conversation to the target queue', () => {
    const { floor, log } = busyFloor();
    command(floor, { type: 'queue.set_mitigation', queueId: 'q-billing', state: 'paused' }, log);
    log.push(...run(floor, floor.now() + 8 * MINUTE));
    const waitingBefore = [...activeConversations(applyAll(emptyView(), log))].filter(([, conversation]) => conversation.queueId === 'q-billing' && conversation.state === 'queued');
    expect(waitingBefore.length).toBeGreaterThan(0);
    const events = command(floor, { type: 'queue.transfer_waiting', queueId: 'q-billing', targetQueueId: 'q-orders' }, log);
    const transferred = events.filter((event) => event.type === 'conversation.transferred');
    expect(transferred.map((event) => event.type === 'conversation.transferred' && event.conversationId).sort()).toEqual(waitingBefore.map(([id]) => id).sort());
    expect(transferred.every((event) => event.type === 'conversation.transferred' && event.toQueueId === 'q-orders')).toBe(true);
    const after = activeConversations(applyAll(emptyView(), log));
    expect([...after.values()].filter((conversation) => conversation.queueId === 'q-billing' && conversation.state === 'queued')).toEqual([]);
    expect(floor.applyCommand({ type: 'queue.transfer_waiting', queueId: 'q-billing', targetQueueId: 'q-phone-support' }, floor.now())).toEqual({
      ok: false,
      reason: 'q-phone-support is a voice queue, q-billing is chat',
    });
  });

  it('ends every conversation of a queue', () => {
    const { floor, log } = busyFloor();
    const inQueue = [...activeConversations(applyAll(emptyView(), log))].filter(([, conversation]) => conversation.queueId === 'q-billing');
    expect(inQueue.length).toBeGreaterThan(0);
    const events = command(floor, { type: 'queue.end_all', queueId: 'q-billing' }, log);
    const ended = events.filter((event) => event.type === 'conversation.ended' && event.disposition === 'closed_by_supervisor');
    expect(ended.length).toBeGreaterThanOrEqual(inQueue.length);
    expect([...activeConversations(applyAll(emptyView(), log)).values()].filter((conversation) => conversation.queueId === 'q-billing')).toEqual([]);
    expect(applyAll(emptyView(), floor.snapshotEvents()).conversations.size).toBeGreaterThan(0);
    expect([...activeConversations(applyAll(emptyView(), floor.snapshotEvents())).values()].some((conversation) => conversation.queueId === 'q-billing')).toBe(false);
  });

  it('whispers to the agent only: a supervisor message of kind whisper', () => {
    const { floor, log } = busyFloor();
    const { conversationId } = assignedConversation(log);
    const events = command(floor, { type: 'conversation.whisper', conversationId, supervisorId: 'sup-1', text: 'Offer the loyalty discount' }, log);
    const whispers = events.filter((event) => event.type === 'conversation.message' && event.text === 'Offer the loyalty discount');
    expect(whispers).toHaveLength(1);
    expect(whispers[0]).toMatchObject({ sender: 'supervisor', senderId: 'sup-1', kind: 'whisper', conversationId });
    const later = run(floor, floor.now() + 5 * MINUTE);
    expect(later.some((event) => event.type === 'conversation.message' && event.kind === 'text' && event.text.includes('loyalty discount') && event.sender === 'supervisor')).toBe(false);
  });

  it('takes a conversation over: the agent loses it, the customer keeps writing, the supervisor replies', () => {
    const { floor, log } = busyFloor();
    const { conversationId, agentId } = assignedConversation(log);
    const events = command(floor, { type: 'conversation.take_over', conversationId, supervisorId: 'sup-2' }, log);
    expect(events.find((event) => event.type === 'conversation.taken_over')).toMatchObject({ conversationId, supervisorId: 'sup-2', fromAgentId: agentId });
    const view = applyAll(emptyView(), log);
    expect(view.agents.get(agentId)?.active.has(conversationId)).toBe(false);
    expect(view.violations).toEqual([]);
    const later = run(floor, floor.now() + 2 * MINUTE);
    log.push(...later);
    expect(later.some((event) => event.type === 'conversation.message' && event.conversationId === conversationId && event.sender === 'customer')).toBe(true);
    expect(later.some((event) => event.type === 'conversation.message' && event.conversationId === conversationId && event.sender === 'agent')).toBe(false);
    const reply = command(floor, { type: 'conversation.reply', conversationId, supervisorId: 'sup-2', text: 'I can sort this out for you.' }, log);
    expect(reply.find((event) => event.type === 'conversation.message')).toMatchObject({ sender: 'supervisor', kind: 'text', text: 'I can sort this out for you.' });
    const note = command(floor, { type: 'conversation.add_note', conversationId, supervisorId: 'sup-2', text: 'Escalated to billing' }, log);
    expect(note.find((event) => event.type === 'conversation.message')).toMatchObject({ sender: 'supervisor', kind: 'note' });
    expect(floor.applyCommand({ type: 'conversation.take_over', conversationId, supervisorId: 'sup-3' }, floor.now()).ok).toBe(false);
  });

  it('refuses a reply before a takeover and unknown ids, with a reason', () => {
    const { floor, log } = busyFloor();
    const { conversationId } = assignedConversation(log);
    const refusals: [FeedCommand, string][] = [
      [{ type: 'conversation.reply', conversationId, supervisorId: 's', text: 'hi' }, 'has not been taken over'],
      [{ type: 'conversation.whisper', conversationId: 'nope', supervisorId: 's', text: 'hi' }, 'unknown conversation nope'],
      [{ type: 'queue.end_all', queueId: 'q-nope' }, 'unknown queue q-nope'],
      [{ type: 'queue.set_overflow_rules', queueId: 'q-billing', rules: [{ ruleId: 'r1', when: 'no_available_agents', targetQueueId: 'q-x' }] }, 'unknown target queue q-x'],
      [{ type: 'agent.set_status', agentId: 'a-999', kind: 'away', reason: 'Break' }, 'unknown agent a-999'],
    ];
    for (const [refused, reason] of refusals) {
      const outcome = floor.applyCommand(refused, floor.now());
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.reason).toContain(reason);
    }
  });

  it('routes new arrivals to the overflow target when the source has no available agent', () => {
    const { floor, log } = busyFloor();
    command(floor, { type: 'queue.set_overflow_rules', queueId: 'q-tech-support', rules: [{ ruleId: 'r1', when: 'no_available_agents', targetQueueId: 'q-mobile-app' }] }, log);
    for (const agent of floor.agents.filter((candidate) => candidate.queueIds.includes('q-tech-support'))) {
      command(floor, { type: 'agent.set_status', agentId: agent.agentId, kind: 'offline', reason: 'Shift end' }, log);
    }
    const later = run(floor, floor.now() + 10 * MINUTE);
    const created = new Set(later.flatMap((event) => (event.type === 'conversation.created' && event.queueId === 'q-tech-support' ? [event.conversationId] : [])));
    expect(created.size).toBeGreaterThan(0);
    const overflowed = later.filter((event) => event.type === 'conversation.transferred' && created.has(event.conversationId) && event.toQueueId === 'q-mobile-app');
    expect(overflowed.length).toBe(created.size - [...created].filter((id) => !later.some((event) => event.type === 'conversation.queued' && event.conversationId === id)).length);
    expect(later.some((event) => event.type === 'conversation.assigned' && event.queueId === 'q-tech-support')).toBe(false);
  });

  it('sets an agent away: no new assignments until available again', () => {
    const { floor, log } = busyFloor();
    const agentId = floor.agents[0]?.agentId ?? '';
    const events = command(floor, { type: 'agent.set_status', agentId, kind: 'away', reason: 'Coaching' }, log);
    expect(events).toContainEqual(expect.objectContaining({ type: 'agent.status', agentId, kind: 'away', reason: 'Coaching' }));
    const away = run(floor, floor.now() + 3 * MINUTE);
    const backAt = away.find((event) => event.type === 'agent.status' && event.agentId === agentId)?.time ?? Infinity;
    expect(away.some((event) => event.type === 'conversation.assigned' && event.agentId === agentId && event.time < backAt)).toBe(false);
  });
});
