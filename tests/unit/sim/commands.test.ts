/**
 * The simulator honours every supervisor command for real, shown over its feed protocol: a real
 * server on 127.0.0.1:0 with a hand-moved clock, a real WebSocket client, and the core's own
 * reducer turning what the client receives into the live state the console would show.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { queueMetrics } from '../../../src-main/core/floor-state/metrics.js';
import type { LiveState } from '../../../src-main/core/floor-state/state.js';
import { MINUTE, START, startFloor, stopFloors, type TestFloor } from './floor-harness.js';

afterEach(stopFloors);

function conversationsIn(live: LiveState, queueId: string, state?: 'created' | 'queued' | 'assigned'): string[] {
  return [...(live.conversationsByQueue.get(queueId) ?? [])].filter((id) => state === undefined || live.conversations.get(id)?.state === state);
}

async function advanceInSteps(floor: TestFloor, totalMs: number, stepMs = MINUTE): Promise<void> {
  for (let done = 0; done < totalMs; done += stepMs) await floor.advance(stepMs);
}

/** Pauses a queue and lets customers pile up in it. */
async function withWaiting(floor: TestFloor, queueId: string): Promise<string[]> {
  expect(await floor.command({ type: 'queue.set_mitigation', queueId, state: 'paused' })).toMatchObject({ ok: true });
  for (let step = 0; step < 30 && conversationsIn(floor.live(), queueId, 'queued').length < 2; step += 1) await floor.advance(MINUTE);
  const waiting = conversationsIn(floor.live(), queueId, 'queued');
  expect(waiting.length).toBeGreaterThanOrEqual(2);
  return waiting;
}

describe('simulator: supervisor commands change the floor', () => {
  it('pause: no assignment from the queue while customers keep waiting; normal again drains it', async () => {
    const floor = await startFloor();
    const queuedBefore = queueMetrics(floor.live(), 'q-tech-support', START).queued ?? 0;
    expect(await floor.command({ type: 'queue.set_mitigation', queueId: 'q-tech-support', state: 'paused' })).toEqual({ type: 'command.result', commandId: 'cmd-1', ok: true });
    expect(floor.live().queues.get('q-tech-support')?.mitigation).toEqual({ state: 'paused' });
    const pausedAt = floor.head();
    await advanceInSteps(floor, 8 * MINUTE);
    const during = floor.eventsAfter(pausedAt);
    expect(during.filter((event) => event.type === 'conversation.assigned' && event.queueId === 'q-tech-support')).toEqual([]);
    expect(during.some((event) => event.type === 'conversation.queued' && event.queueId === 'q-tech-support')).toBe(true);
    const queuedDuring = conversationsIn(floor.live(), 'q-tech-support', 'queued').length;
    expect(queuedDuring).toBeGreaterThan(queuedBefore);

    const resumedAt = floor.head();
    await floor.command({ type: 'queue.set_mitigation', queueId: 'q-tech-support', state: 'normal' });
    expect(floor.eventsAfter(resumedAt).some((event) => event.type === 'conversation.assigned' && event.queueId === 'q-tech-support')).toBe(true);
    expect(conversationsIn(floor.live(), 'q-tech-support', 'queued').length).toBeLessThan(queuedDuring);
  });

  it('custom wait message: carried by queue.mitigation and told to new chat customers', async () => {
    const floor = await startFloor();
    const text = 'We are busier than usual; thank you for waiting.';
    const from = floor.head();
    await floor.command({ type: 'queue.set_mitigation', queueId: 'q-billing', state: 'custom_message', message: text });
    expect(floor.eventsAfter(from).find((event) => event.type === 'queue.mitigation')).toMatchObject({ queueId: 'q-billing', state: 'custom_message', message: text });
    expect(floor.live().queues.get('q-billing')?.mitigation).toEqual({ state: 'custom_message', message: text });
    await advanceInSteps(floor, 10 * MINUTE);
    const told = floor.eventsAfter(from).filter((event) => event.type === 'conversation.message' && event.sender === 'bot' && event.text === text);
    expect(told.length).toBeGreaterThan(0);
  });

  it('overflow when no agent is available: new traffic goes to the target queue, none is assigned in the source', async () => {
    const floor = await startFloor();
    await floor.command({ type: 'queue.set_overflow_rules', queueId: 'q-tech-support', rules: [{ ruleId: 'r1', when: 'no_available_agents', targetQueueId: 'q-mobile-app' }] });
    expect(floor.live().queues.get('q-tech-support')?.overflowRules).toEqual([{ ruleId: 'r1', when: 'no_available_agents', targetQueueId: 'q-mobile-app' }]);
    for (const agentId of floor.live().agentsByQueue.get('q-tech-support') ?? []) {
      const before = floor.head();
      expect(await floor.command({ type: 'agent.set_status', agentId, kind: 'offline', reason: 'Shift end' })).toMatchObject({ ok: true });
      // Routing follows the status: the console sees it as an agent.status event.
      expect(floor.eventsAfter(before)).toContainEqual(expect.objectContaining({ type: 'agent.status', agentId, kind: 'offline' }));
    }
    expect(queueMetrics(floor.live(), 'q-tech-support', START).loggedInAgents).toBe(0);
    const from = floor.head();
    await advanceInSteps(floor, 10 * MINUTE);
    const later = floor.eventsAfter(from);
    const arrived = new Set(later.flatMap((event) => (event.type === 'conversation.created' && event.queueId === 'q-tech-support' ? [event.conversationId] : [])));
    const routed = new Set(later.flatMap((event) => (event.type === 'conversation.queued' && arrived.has(event.conversationId) ? [event.conversationId] : [])));
    expect(routed.size).toBeGreaterThan(0);
    for (const conversationId of routed) {
      expect(later.find((event) => event.type === 'conversation.transferred' && event.conversationId === conversationId)).toMatchObject({ fromQueueId: 'q-tech-support', toQueueId: 'q-mobile-app' });
    }
    expect(later.some((event) => event.type === 'conversation.assigned' && event.queueId === 'q-tech-support')).toBe(false);
  });

  it('overflow outside business hours: traffic of the closed queue goes to the open one', async () => {
    const floor = await startFloor({ floor: { arrivalScale: 4 } });
    await floor.command({ type: 'queue.set_overflow_rules', queueId: 'q-sales', rules: [{ ruleId: 'r1', when: 'outside_business_hours', targetQueueId: 'q-mobile-app' }] });
    const from = floor.head();
    await advanceInSteps(floor, 20 * MINUTE);
    const later = floor.eventsAfter(from);
    const arrived = new Set(later.flatMap((event) => (event.type === 'conversation.created' && event.queueId === 'q-sales' ? [event.conversationId] : [])));
    const queued = later.filter((event) => event.type === 'conversation.queued' && arrived.has(event.conversationId));
    expect(queued.length).toBeGreaterThan(0);
    expect(queued.every((event) => event.type === 'conversation.queued' && event.queueId === 'q-mobile-app')).toBe(true);
    expect(later.some((event) => event.type === 'conversation.queued' && event.queueId === 'q-sales')).toBe(false);
  });

  it('transfer waiting: every waiting chat moves to the target queue and the source has none waiting', async () => {
    const floor = await startFloor();
    const waiting = await withWaiting(floor, 'q-tech-support');
    const from = floor.head();
    expect(await floor.command({ type: 'queue.transfer_waiting', queueId: 'q-tech-support', targetQueueId: 'q-mobile-app' })).toMatchObject({ ok: true });
    const transferred = floor.eventsAfter(from).filter((event) => event.type === 'conversation.transferred');
    expect(transferred.map((event) => event.type === 'conversation.transferred' && [event.conversationId, event.fromQueueId, event.toQueueId]).sort()).toEqual(
      waiting.map((id) => [id, 'q-tech-support', 'q-mobile-app']).sort(),
    );
    const live = floor.live();
    expect(conversationsIn(live, 'q-tech-support', 'queued')).toEqual([]);
    expect(queueMetrics(live, 'q-tech-support', START).queued).toBe(0);
    for (const id of waiting) {
      const now = live.conversations.get(id);
      expect(now === undefined || now.queueId === 'q-mobile-app').toBe(true);
    }
  });

  it('end all: every conversation of the queue ends, waiting and assigned, closed by the supervisor', async () => {
    const floor = await startFloor();
    await withWaiting(floor, 'q-billing');
    const before = conversationsIn(floor.live(), 'q-billing');
    expect(conversationsIn(floor.live(), 'q-billing', 'assigned').length).toBeGreaterThan(0);
    const from = floor.head();
    await floor.command({ type: 'queue.end_all', queueId: 'q-billing' });
    const ended = floor.eventsAfter(from).filter((event) => event.type === 'conversation.ended');
    expect(new Set(ended.map((event) => event.type === 'conversation.ended' && event.conversationId))).toEqual(new Set(before));
    expect(ended.every((event) => event.type === 'conversation.ended' && event.disposition === 'closed_by_supervisor')).toBe(true);
    expect(conversationsIn(floor.live(), 'q-billing')).toEqual([]);
  });

  it('whisper: a supervisor message of kind whisper the agent sees; the customer never gets it', async () => {
    const floor = await startFloor();
    const conversationId = conversationsIn(floor.live(), 'q-billing', 'assigned')[0] ?? conversationsIn(floor.live(), 'q-tech-support', 'assigned')[0];
    expect(conversationId).toBeDefined();
    const agentId = floor.live().conversations.get(conversationId as string)?.agentId;
    const from = floor.head();
    await floor.command({ type: 'conversation.whisper', conversationId: conversationId as string, supervisorId: 'sup-1', text: 'Psst: check the order history first' });
    expect(floor.eventsAfter(from).find((event) => event.type === 'conversation.message')).toMatchObject({ conversationId, sender: 'supervisor', senderId: 'sup-1', kind: 'whisper', text: 'Psst: check the order history first' });
    const live = floor.live().conversations.get(conversationId as string);
    expect(live).toMatchObject({ whispers: 1, agentId });
    await advanceInSteps(floor, 3 * MINUTE);
    const visible = floor.eventsAfter(from).filter((event) => event.type === 'conversation.message' && event.kind !== 'whisper' && event.text.includes('check the order history'));
    expect(visible).toEqual([]);
  });

  it('take over: the agent loses the chat, the supervisor holds it and replies as text', async () => {
    const floor = await startFloor();
    const conversationId = conversationsIn(floor.live(), 'q-tech-support', 'assigned')[0] as string;
    const agentId = floor.live().conversations.get(conversationId)?.agentId as string;
    expect(agentId).toBeTruthy();
    const from = floor.head();
    await floor.command({ type: 'conversation.take_over', conversationId, supervisorId: 'sup-2' });
    expect(floor.eventsAfter(from).find((event) => event.type === 'conversation.taken_over')).toMatchObject({ conversationId, supervisorId: 'sup-2', fromAgentId: agentId });
    let live = floor.live();
    expect(live.conversations.get(conversationId)).toMatchObject({ state: 'assigned', agentId: null, supervisorId: 'sup-2' });
    expect(live.agents.get(agentId)?.conversationIds).not.toContain(conversationId);

    await floor.advance(MINUTE);
    const replyFrom = floor.head();
    expect(await floor.command({ type: 'conversation.reply', conversationId, supervisorId: 'sup-2', text: 'I can sort this out for you.' })).toMatchObject({ ok: true });
    expect(floor.eventsAfter(replyFrom).find((event) => event.type === 'conversation.message')).toMatchObject({ sender: 'supervisor', senderId: 'sup-2', kind: 'text', text: 'I can sort this out for you.' });
    live = floor.live();
    expect(live.conversations.get(conversationId)?.supervisorId).toBe('sup-2');
    expect(floor.eventsAfter(from).some((event) => event.type === 'conversation.message' && event.conversationId === conversationId && event.sender === 'agent')).toBe(false);
  });

  it('agent status: away takes the agent out of routing until available again', async () => {
    const floor = await startFloor();
    const agentId = [...floor.live().agents.values()].find((agent) => agent.status.kind === 'available' && agent.queueIds.includes('q-tech-support'))?.agentId as string;
    const from = floor.head();
    await floor.command({ type: 'agent.set_status', agentId, kind: 'away', reason: 'Coaching' });
    expect(floor.eventsAfter(from)).toContainEqual(expect.objectContaining({ type: 'agent.status', agentId, kind: 'away', reason: 'Coaching' }));
    expect(floor.live().agents.get(agentId)?.status).toMatchObject({ kind: 'away', reason: 'Coaching' });
    await advanceInSteps(floor, 3 * MINUTE);
    const away = floor.eventsAfter(from);
    const backAt = away.find((event) => event.type === 'agent.status' && event.agentId === agentId && event.kind === 'available')?.time ?? Number.POSITIVE_INFINITY;
    expect(away.some((event) => event.type === 'conversation.assigned' && event.agentId === agentId && event.time < backAt)).toBe(false);

    const availableFrom = floor.head();
    await floor.command({ type: 'agent.set_status', agentId, kind: 'available', reason: 'Ready' });
    expect(floor.live().agents.get(agentId)?.status.kind).toBe('available');
    await advanceInSteps(floor, 5 * MINUTE);
    expect(floor.eventsAfter(availableFrom).some((event) => event.type === 'conversation.assigned' && event.agentId === agentId)).toBe(true);
  });
});
