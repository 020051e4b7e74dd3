/**
 * The floor model's exact output, pinned: the same seed and the same calls must give the same
 * events, byte for byte, release after release. Each scenario runs the model through its public
 * surface (advances, every supervisor command, refused commands, snapshots, the history
 * generator) and compares a sha256 of the canonical JSON of what came out with the figure
 * recorded from the model as it was. A change to the model's behaviour fails here; if the change
 * is intended, record the new figure and say why in the commit.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { FloorEventInput } from '../../../src-shared/protocol/events.js';
import type { FeedCommand } from '../../../src-shared/protocol/frames.js';
import { createFloor } from '../../../src-main/sim/floor.js';
import type { Floor, FloorOptions } from '../../../src-main/sim/floor.js';
import { generateHistory } from '../../../src-main/sim/history.js';
import { canonicalJson } from '../../../src-shared/api/commands.js';

// A Tuesday, 15:00 UTC: late morning in New York, afternoon in London, morning in Los Angeles.
const START = Date.UTC(2026, 2, 10, 15, 0, 0);
const SECOND = 1_000;
const MINUTE = 60_000;
const STEP_MS = 5 * SECOND;
const EVENT_COUNT = 30_000;

function sha256(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** What the test knows of each conversation, read from the events only. */
interface Seen {
  readonly queueId: string;
  agentId: string | undefined;
  waiting: boolean;
  ended: boolean;
}

type Outcome = { readonly at: number; readonly type: string; readonly ok: boolean; readonly reason?: string; readonly events: number };

interface Run {
  readonly events: FloorEventInput[];
  readonly outcomes: Outcome[];
}

/** Drives a floor in fixed steps and applies a scripted set of commands chosen from what it saw. */
function scenario(options: FloorOptions): { floor: Floor; run: Run } {
  const floor = createFloor(options);
  const events: FloorEventInput[] = [];
  const outcomes: Outcome[] = [];
  const seen = new Map<string, Seen>();

  const observe = (batch: readonly FloorEventInput[]): void => {
    for (const event of batch) {
      events.push(event);
      switch (event.type) {
        case 'conversation.created':
          seen.set(event.conversationId, { queueId: event.queueId, agentId: undefined, waiting: false, ended: false });
          break;
        case 'conversation.queued': {
          const conversation = seen.get(event.conversationId);
          if (conversation) conversation.waiting = true;
          break;
        }
        case 'conversation.assigned': {
          const conversation = seen.get(event.conversationId);
          if (conversation) {
            conversation.agentId = event.agentId;
            conversation.waiting = false;
          }
          break;
        }
        case 'conversation.transferred':
        case 'conversation.taken_over': {
          const conversation = seen.get(event.conversationId);
          if (conversation) {
            conversation.agentId = undefined;
            conversation.waiting = false;
          }
          break;
        }
        case 'conversation.ended':
        case 'conversation.abandoned': {
          const conversation = seen.get(event.conversationId);
          if (conversation) {
            conversation.ended = true;
            conversation.waiting = false;
          }
          break;
        }
        default:
          break;
      }
    }
  };

  const advance = (until: number): void => {
    for (let time = floor.now(); time < until; time += STEP_MS) observe(floor.advanceTo(Math.min(until, time + STEP_MS)));
  };

  const apply = (command: FeedCommand): void => {
    const outcome = floor.applyCommand(command, floor.now());
    if (outcome.ok) {
      observe(outcome.events);
      outcomes.push({ at: floor.now(), type: command.type, ok: true, events: outcome.events.length });
    } else {
      outcomes.push({ at: floor.now(), type: command.type, ok: false, reason: outcome.reason, events: 0 });
    }
  };

  const find = (test: (conversation: Seen) => boolean): string => {
    for (const [id, conversation] of seen) if (test(conversation)) return id;
    return 'c-none';
  };

  const chatQueues = floor.queues.filter((queue) => queue.channel === 'chat');
  const voiceQueues = floor.queues.filter((queue) => queue.channel === 'voice');
  const [chatA, chatB, chatC] = chatQueues.map((queue) => queue.queueId);
  const [voiceA, voiceB] = voiceQueues.map((queue) => queue.queueId);
  if (!chatA || !chatB || !chatC || !voiceA || !voiceB) throw new Error('the floor needs three chat and two voice queues');
  const [firstAgent, secondAgent] = floor.agents.map((agent) => agent.agentId);
  if (!firstAgent || !secondAgent) throw new Error('the floor needs two agents');
  const supervisorId = 'sup-1';

  advance(START + 3 * MINUTE);
  const assigned = find((conversation) => conversation.agentId !== undefined && !conversation.ended);
  apply({ type: 'conversation.whisper', conversationId: assigned, supervisorId, text: 'Offer the refund now' });
  apply({ type: 'conversation.reply', conversationId: assigned, supervisorId, text: 'Not taken over yet' });
  apply({ type: 'conversation.take_over', conversationId: assigned, supervisorId });
  apply({ type: 'conversation.take_over', conversationId: assigned, supervisorId: 'sup-2' });
  apply({ type: 'conversation.whisper', conversationId: 'c-unknown', supervisorId, text: 'Nobody here' });
  apply({ type: 'conversation.add_note', conversationId: assigned, supervisorId, text: 'Watching this one' });
  const ended = find((conversation) => conversation.ended);
  apply({ type: 'conversation.add_note', conversationId: ended, supervisorId, text: 'Closed well' });
  apply({ type: 'conversation.add_note', conversationId: 'c-unknown', supervisorId, text: 'Nobody here' });
  apply({ type: 'conversation.whisper', conversationId: ended, supervisorId, text: 'Too late' });
  apply({ type: 'queue.set_mitigation', queueId: chatA, state: 'paused' });
  apply({ type: 'queue.set_mitigation', queueId: chatB, state: 'custom_message', message: 'We are busier than usual, thank you for waiting.' });
  apply({ type: 'queue.set_mitigation', queueId: 'q-unknown', state: 'normal' });
  apply({ type: 'queue.set_overflow_rules', queueId: chatA, rules: [{ ruleId: 'r-1', when: 'no_available_agents', targetQueueId: chatC }] });
  apply({ type: 'queue.set_overflow_rules', queueId: voiceA, rules: [{ ruleId: 'r-2', when: 'outside_business_hours', targetQueueId: voiceB }] });
  apply({ type: 'queue.set_overflow_rules', queueId: chatB, rules: [{ ruleId: 'r-3', when: 'no_available_agents', targetQueueId: chatB }] });
  apply({ type: 'queue.set_overflow_rules', queueId: chatB, rules: [{ ruleId: 'r-4', when: 'no_available_agents', targetQueueId: voiceA }] });
  apply({ type: 'queue.set_overflow_rules', queueId: chatB, rules: [{ ruleId: 'r-5', when: 'no_available_agents', targetQueueId: 'q-unknown' }] });
  apply({ type: 'agent.set_status', agentId: firstAgent, kind: 'away', reason: 'Coaching' });
  apply({ type: 'agent.set_status', agentId: secondAgent, kind: 'offline', reason: '' });
  apply({ type: 'agent.set_status', agentId: 'a-unknown', kind: 'away', reason: 'Break' });

  advance(floor.now() + 30 * SECOND);
  apply({ type: 'conversation.reply', conversationId: assigned, supervisorId, text: 'I can help you with that right away.' });
  const waiting = find((conversation) => conversation.waiting && !conversation.ended);
  apply({ type: 'conversation.take_over', conversationId: waiting, supervisorId });
  apply({ type: 'agent.set_status', agentId: secondAgent, kind: 'available', reason: 'Sales' });
  apply({ type: 'agent.set_status', agentId: firstAgent, kind: 'available', reason: '' });

  advance(floor.now() + 45 * SECOND);
  apply({ type: 'conversation.reply', conversationId: assigned, supervisorId, text: 'Done, anything else?' });
  apply({ type: 'queue.transfer_waiting', queueId: chatA, targetQueueId: chatC });
  apply({ type: 'queue.transfer_waiting', queueId: chatA, targetQueueId: chatA });
  apply({ type: 'queue.transfer_waiting', queueId: chatA, targetQueueId: voiceA });
  apply({ type: 'queue.transfer_waiting', queueId: chatA, targetQueueId: 'q-unknown' });
  apply({ type: 'queue.set_mitigation', queueId: chatA, state: 'normal' });

  advance(floor.now() + 2 * MINUTE);
  apply({ type: 'queue.end_all', queueId: voiceB });
  apply({ type: 'queue.end_all', queueId: 'q-unknown' });
  apply({ type: 'queue.set_overflow_rules', queueId: chatA, rules: [] });

  while (events.length < EVENT_COUNT) advance(floor.now() + MINUTE);
  return { floor, run: { events, outcomes } };
}

function figures(options: FloorOptions): { events: string; outcomes: string; snapshot: string; snapshotWithoutMessages: string } {
  const { floor, run } = scenario(options);
  return {
    events: sha256(run.events.slice(0, EVENT_COUNT)),
    outcomes: sha256(run.outcomes),
    snapshot: sha256(floor.snapshotEvents()),
    snapshotWithoutMessages: sha256(floor.snapshotEvents({ includeMessages: false })),
  };
}

describe('floor model golden output', () => {
  it('seed 7, default floor: events, command outcomes and snapshot are unchanged', () => {
    expect(figures({ seed: 7, startTime: START })).toEqual({
      events: '7db16e8bec76dbd98d93be3300f9df1fef2b7637853f307e25c4d9b397c265fe',
      outcomes: '40934e22382cf91f9426dd221a6c31cca1f64dead6f59af227c51d3b46efd40d',
      snapshot: 'b1323ff9abad582a9c8416f2d1cbef8eb91f87bb1d0d22f3064f8ca3c5b4b8bf',
      snapshotWithoutMessages: 'b3606afe300f0dbe69e1a9ee48502b355f4a3c151647797196668fc5448e66f5',
    });
  });

  it('seed 20260310, 40 agents, 12 queues, busier, no voice transcripts: unchanged', () => {
    expect(figures({ seed: 20260310, startTime: START, agents: 40, queues: 12, arrivalScale: 1.6, voiceTranscripts: false, warmupMs: 5 * MINUTE })).toEqual({
      events: 'f5b2ee1489b136d7f6e228e9ee1e434c076df9ebb883ddf7eead7e06f2cc97c1',
      outcomes: '8b9b3885e39a8b02ac8959f4ce05a4f0d1b83a441cfedd97cd832b1ef82b5fb8',
      snapshot: 'fa296317f3b4a5f62014d215ffe64ec99832ddfa5cdcd2312096762516f78609',
      snapshotWithoutMessages: 'df0db66ef6d756b3a57d94898eccc0705553ed637d8009aea3e2448f360ed1ab',
    });
  });

  it('history of one day: unchanged', () => {
    const events: FloorEventInput[] = [];
    for (const chunk of generateHistory({ seed: 8, days: 1, endTime: Date.UTC(2026, 2, 10, 6, 0, 0), agents: 12, arrivalScale: 0.3 })) events.push(...chunk);
    expect({ count: events.length, hash: sha256(events) }).toEqual({ count: 89731, hash: 'fec91a4c1d78db8bee3508568d36822eb2b1935845a46da4b91239f276892c7e' });
  });
});
