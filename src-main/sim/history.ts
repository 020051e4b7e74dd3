/**
 * Past days of the simulated floor, for backfill.
 *
 * Each UTC day is simulated on its own from (seed, day), so any day can be produced without the
 * days before it and the output never depends on the requested range. A day's conversations are
 * emitted whole, in the order they completed, and numbered within the day: seq = day * 10^7 +
 * index + 1. Asking for a sub-range therefore yields exactly the same seqs as asking for more.
 *
 * Agents are in the history too: each day opens at its midnight with every rota agent's
 * `agent.login` and `agent.status`, then their status changes of the day (breaks with their
 * reasons, after-contact work, "Not responding" after a time-out), merged by time with the
 * finished conversations. They come from the same model as the day's assignments, so an agent is
 * never assigned while away. The seam: conversations still open at midnight are finished by the
 * day's model while the next day's statuses are its own model's (docs/simulator.md).
 */
import type { FloorEvent, FloorEventInput } from '../../src-shared/protocol/events.js';
import { createFloorModel } from './floor.js';
import type { FloorOptions } from './floor.js';
import { mixSeed } from './random.js';

export const HISTORY_DAY_STRIDE = 10_000_000;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Simulated before midnight so that the day starts with a working floor. */
const DAY_WARMUP_MS = HOUR_MS;
/** Conversations still open this long after midnight are dropped (they would never complete). */
const DAY_TAIL_MS = 4 * HOUR_MS;
const DEFAULT_CHUNK_MS = 10 * 60_000;

export interface HistoryOptions extends Omit<FloorOptions, 'startTime' | 'warmupMs' | 'voiceTranscripts'> {
  /** Number of days before endTime to cover. */
  readonly days: number;
  /** History ends here (exclusive): conversations must be complete before it. */
  readonly endTime: number;
  /** Only conversations created at or after this time. */
  readonly since?: number;
  /** Only conversations created before this time. */
  readonly until?: number;
  /** Keep voice transcripts in history (default false: they would dominate the cache). */
  readonly voiceTranscripts?: boolean;
  /** Floor time simulated per chunk (default 10 minutes): smaller chunks, shorter pauses for the caller. */
  readonly chunkMs?: number;
}

/** The stable seq of the index-th event (0-based) of a UTC day on the history stream. */
export function historySeq(dayNumber: number, index: number): number {
  return dayNumber * HISTORY_DAY_STRIDE + index + 1;
}

/**
 * Generates complete past conversations, lazily, one chunk at a time (at most one day held).
 * Deterministic per (seed, day); a day is capped at HISTORY_DAY_STRIDE - 1 events.
 */
export function* generateHistory(options: HistoryOptions): Generator<FloorEvent[], void, undefined> {
  const endTime = Math.floor(options.endTime);
  const windowStart = Math.max(endTime - Math.max(0, options.days) * DAY_MS, options.since ?? -Infinity);
  const windowEnd = Math.min(endTime, options.until ?? Infinity);
  if (!(windowEnd > windowStart)) return;
  const chunkMs = Math.max(60_000, options.chunkMs ?? DEFAULT_CHUNK_MS);
  const seed = options.seed >>> 0;
  const firstDay = Math.floor(windowStart / DAY_MS);
  const lastDay = Math.floor((windowEnd - 1) / DAY_MS);

  for (let day = firstDay; day <= lastDay; day++) {
    const dayStart = day * DAY_MS;
    const dayEnd = dayStart + DAY_MS;
    const floorStart = dayStart - DAY_WARMUP_MS;
    const model = createFloorModel(
      {
        seed,
        startTime: floorStart,
        warmupMs: 0,
        queues: options.queues,
        agents: options.agents,
        arrivalScale: options.arrivalScale,
        voiceTranscripts: options.voiceTranscripts ?? false,
      },
      { dynamicsSeed: mixSeed(seed, day), conversationPrefix: `h-${seed}-${day}-`, collectCompleted: true, silentSetup: true },
    );
    const wantedFrom = Math.max(dayStart, windowStart);
    const wantedTo = Math.min(dayEnd, windowEnd);
    const wantedAt = (time: number): boolean => time >= wantedFrom && time < wantedTo;
    // The warm-up hour belongs to the day before: nothing of it is kept.
    model.advanceTo(dayStart);
    model.takeCompleted();
    // The day opens with every agent's login and status, so the day can be read without the one before.
    const opening = model.agentRestatement();
    let index = 0;
    const first: FloorEvent[] = [];
    for (const event of opening) {
      if (wantedAt(event.time)) first.push(withSeq(event, historySeq(day, index)));
      index += 1;
    }
    if (first.length > 0) yield first;
    let pending = 0;
    let finished = false;
    for (let time = dayStart + chunkMs; !finished; time += chunkMs) {
      const agentEvents: FloorEventInput[] = [];
      for (const event of model.advanceTo(time)) {
        if (event.type === 'conversation.created') {
          if (wantedAt(event.time)) pending += 1;
        } else if (isAgentEvent(event) && event.time < dayEnd) agentEvents.push(event);
      }
      // Agent events and finished conversations, merged by time: the order (and so the seqs) does not depend on the chunks.
      const chunk: FloorEvent[] = [];
      let nextAgentEvent = 0;
      const takeAgentEventsUntil = (until: number): void => {
        for (; nextAgentEvent < agentEvents.length && (agentEvents[nextAgentEvent] as FloorEventInput).time <= until; nextAgentEvent += 1) {
          if (index >= HISTORY_DAY_STRIDE - 1) return;
          const event = agentEvents[nextAgentEvent] as FloorEventInput;
          if (wantedAt(event.time)) chunk.push(withSeq(event, historySeq(day, index)));
          index += 1;
        }
      };
      for (const conversation of model.takeCompleted()) {
        if (conversation.createdAt < dayStart || conversation.createdAt >= dayEnd) continue;
        takeAgentEventsUntil(conversation.completedAt);
        const wanted = wantedAt(conversation.createdAt);
        if (wanted) pending -= 1;
        if (conversation.completedAt >= endTime || index + conversation.events.length >= HISTORY_DAY_STRIDE) {
          finished = true;
          break;
        }
        for (const event of conversation.events) {
          if (wanted) chunk.push(withSeq(event, historySeq(day, index)));
          index += 1;
        }
      }
      if (!finished) takeAgentEventsUntil(time);
      if (chunk.length > 0) yield chunk;
      // Later conversations of the day are not wanted: the ones wanted are all out, or never will be.
      if (time >= wantedTo && (pending <= 0 || time >= dayEnd + DAY_TAIL_MS)) finished = true;
      if (time >= endTime) finished = true;
    }
  }
}

/** What the history keeps of the agents: their presence (the model emits nothing else about them unasked). */
function isAgentEvent(event: FloorEventInput): boolean {
  return event.type === 'agent.status' || event.type === 'agent.login' || event.type === 'agent.logout';
}

/** Numbers an event in place: the model hands over each completed conversation's events once. */
function withSeq(event: FloorEventInput, seq: number): FloorEvent {
  const numbered = event as FloorEvent;
  numbered.seq = seq;
  return numbered;
}
