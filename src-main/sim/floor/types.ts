/**
 * The floor model's public types: the options a floor is built from, what it answers, and the
 * extra knobs the history generator uses. Nothing here holds state; the model's own state is in
 * state.ts.
 */
import type { Channel, FloorEventInput } from '../../../src-shared/protocol/events.js';
import type { Role } from '../../../src-shared/permissions.js';
import type { FeedCommand, FeedUser } from '../../../src-shared/protocol/frames.js';

export interface FloorOptions {
  readonly seed: number;
  /** Floor epoch ms at which the floor is "now" after the first advance. */
  readonly startTime: number;
  /** Number of queues (default 10, at least 8), a mix of chat and voice. */
  readonly queues?: number;
  /** Number of agents on today's rota (default 64). */
  readonly agents?: number;
  /**
   * People in the directory (default and minimum: the rota and the supervisors, supervisorCount);
   * the rest are agents drawn like the rota who are not on it today: they never log in.
   */
  readonly directory?: number;
  /** Multiplier on every queue's arrival rate (default 1). */
  readonly arrivalScale?: number;
  /**
   * Floor time simulated before startTime (default 10 minutes), so that the floor starts
   * mid-shift with conversations in progress. Those events are returned by the first advance.
   */
  readonly warmupMs?: number;
  /** Live transcription of voice calls as text messages (default true). */
  readonly voiceTranscripts?: boolean;
  /**
   * Put in every conversation id (c-SEED-TAG-N): the feed server passes its run's id so two runs of
   * one seed never share a conversation id. The floor itself stays the same for the seed.
   */
  readonly idTag?: string;
}

export type CommandOutcome = { readonly ok: true; readonly events: FloorEventInput[] } | { readonly ok: false; readonly reason: string };

export interface SnapshotOptions {
  /** Include the messages of conversations in progress (default true). */
  readonly includeMessages?: boolean;
}

export interface QueueInfo {
  readonly queueId: string;
  readonly name: string;
  readonly channel: Channel;
  readonly timeZone: string;
}

export interface AgentInfo {
  readonly agentId: string;
  readonly name: string;
  readonly channel: Channel;
  readonly slots: number;
  readonly queueIds: readonly string[];
}

/** One person of the directory as it is now. */
export interface PersonInfo {
  readonly userId: string;
  readonly name: string;
  readonly kind: 'agent' | 'supervisor';
  readonly role: Role | null;
  readonly queueScope: readonly string[] | null;
  readonly queueIds: readonly string[];
  readonly slots: number;
}

export interface Floor {
  readonly queues: readonly QueueInfo[];
  /** Today's rota as it was built (queues and slots may have changed since: see person). */
  readonly agents: readonly AgentInfo[];
  /** Floor time the model has reached. */
  now(): number;
  /** Runs the simulation up to `floorTimeMs` and returns what happened, in time order, without seq. */
  advanceTo(floorTimeMs: number): FloorEventInput[];
  /** Events that, applied to an empty state, rebuild the current floor state. */
  snapshotEvents(options?: SnapshotOptions): FloorEventInput[];
  /**
   * Applies a supervisor command at `floorTimeMs` (or now, if earlier). The floor first advances
   * to that time, so `events` holds what happened until then followed by the command's effects.
   */
  applyCommand(command: FeedCommand, floorTimeMs: number): CommandOutcome;
  /** The queue a conversation in progress or recently ended is in, or null when unknown here. */
  conversationQueue(conversationId: string): string | null;
  /** The queues an agent (on the rota or not) works now, or null for no such agent. */
  agentQueues(agentId: string): readonly string[] | null;
  /** A person of the directory as they are now, or null. */
  person(userId: string): PersonInfo | null;
  /** Everyone of the directory with a console role now: who a hello's token may stand for. */
  consoleUsers(): readonly FeedUser[];
}

/** A finished conversation and all its events (the history generator's unit). */
export interface CompletedConversation {
  readonly createdAt: number;
  readonly completedAt: number;
  readonly events: readonly FloorEventInput[];
}

/** Knobs for reuse of the model by the history generator; not part of the public floor. */
export interface FloorModelInternals {
  /** Seed of the dynamics (arrivals, durations...). The roster always comes from options.seed. */
  readonly dynamicsSeed?: number;
  readonly conversationPrefix?: string;
  /** Keep every conversation's events and hand them over once it is complete. */
  readonly collectCompleted?: boolean;
  /** Do not emit the initial configuration events. */
  readonly silentSetup?: boolean;
}

export interface FloorModel extends Floor {
  takeCompleted(): CompletedConversation[];
  /** Each rota agent as they are now: `agent.login` and `agent.status` at the current floor time. */
  agentRestatement(): FloorEventInput[];
  activeConversationCount(): number;
}
