/** Builds hand-written event streams for the live-state tests: seqs are assigned in order. */
import type { FloorEvent, FloorEventInput, Thresholds } from '../../../../src-shared/protocol/events.js';

type WithoutTime<E> = E extends unknown ? Omit<E, 'time'> : never;
export type ScriptEvent = WithoutTime<FloorEventInput>;

export interface FloorScript {
  readonly events: FloorEvent[];
  /** Appends an event at `time` (epoch ms) with the next seq. */
  emit(time: number, event: ScriptEvent): FloorEvent;
  /** Events appended since the given count (for batching a scenario). */
  since(count: number): FloorEvent[];
}

export function floorScript(firstSeq = 1): FloorScript {
  const events: FloorEvent[] = [];
  let seq = firstSeq - 1;
  return {
    events,
    emit(time, event) {
      seq += 1;
      const full = { ...event, seq, time } as FloorEvent;
      events.push(full);
      return full;
    },
    since(count) {
      return events.slice(count);
    },
  };
}

export const THRESHOLDS: Thresholds = {
  queuedLow: 3,
  queuedHigh: 6,
  longestWaitSec: 90,
  ahtSec: 300,
  firstResponseSec: 30,
  serviceLevelPct: 80,
  abandonRatePct: 10,
};

export function queueConfigured(queueId: string, options: { name?: string; timeZone?: string; channel?: 'chat' | 'voice'; serviceLevelTargetSec?: number; thresholds?: Thresholds } = {}): ScriptEvent {
  return {
    type: 'queue.configured',
    queueId,
    name: options.name ?? queueId,
    channel: options.channel ?? 'chat',
    timeZone: options.timeZone ?? 'UTC',
    serviceLevelTargetSec: options.serviceLevelTargetSec ?? 60,
    thresholds: options.thresholds ?? THRESHOLDS,
    businessHours: { windows: [], holidays: [] },
    presetGroups: [],
  };
}

export function agentLogin(agentId: string, queueIds: string[], slots = 2): ScriptEvent {
  return { type: 'agent.login', agentId, name: `Agent ${agentId}`, teamId: 'team-1', teamName: 'Team 1', location: 'Leeds', slots, queueIds };
}

export function created(conversationId: string, queueId: string): ScriptEvent {
  return { type: 'conversation.created', conversationId, queueId, channel: 'chat', intent: 'billing', customer: { customerId: `customer-${conversationId}` } };
}

/** Seconds after `base`, as epoch ms: scenarios read better in seconds. */
export function atSeconds(base: number): (seconds: number) => number {
  return (seconds) => base + seconds * 1000;
}
