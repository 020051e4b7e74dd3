/**
 * API contract of floor replay (docs/decisions/0025-floor-replay.md): what the local event log can
 * replay, and the floor as it was at a past instant or event. Queries only: the replay clock runs
 * in the UI (replayClockAt), so the live topics are never touched. Composed into contract.ts.
 */
import { z } from 'zod';
import type { Capability } from '../permissions.js';
import type { AgentRow, LiveConversationRow, QueuePanel } from './live-insights.js';
import type { QueueTile } from './live.js';
import type { TranscriptEntry } from './transcript.js';

/** Speeds the console offers for playing a replay (times real time). */
export const REPLAY_SPEEDS = [1, 5, 15, 60] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

const instant = z.number().int().min(0).max(8_640_000_000_000_000);

export const replayQuerySchemas = [
  z.object({ type: z.literal('replay.range') }),
  // The floor as of instant `at`: every stored event at or before it applied.
  z.object({ type: z.literal('replay.frame'), at: instant }),
  // One event forward from, or back to before, the event `seq` of `epoch`.
  z.object({ type: z.literal('replay.step'), epoch: z.string().min(1).max(128), seq: z.number().int().min(0), direction: z.enum(['forward', 'back']) }),
  // One queue as of instant `at`: its panel, agents and conversation table.
  z.object({ type: z.literal('replay.queue'), at: instant, queueId: z.string().min(1).max(256) }),
  // One conversation's transcript up to instant `at`.
  z.object({ type: z.literal('replay.transcript'), at: instant, conversationId: z.string().min(1).max(256) }),
] as const;

/** What the local log can replay: the live stream's current epoch from its first checkpoint to its last event. */
export interface ReplayRange {
  readonly epoch: string;
  /** The earliest instant a seek may ask for (epoch ms). */
  readonly from: number;
  /** The last stored event's instant (epoch ms). */
  readonly to: number;
}

/** The floor at one replayed moment: the overview tiles the live view would have shown then. */
export interface ReplayFrame {
  readonly epoch: string;
  /** The replay clock (epoch ms): time-driven figures (waits, "today") are computed at it. */
  readonly at: number;
  /** Seq of the last event applied; stepping moves from it. */
  readonly seq: number;
  /** That event's type, or null when the frame stands on a checkpoint. */
  readonly eventType: string | null;
  /** Queue tiles in the session's scope, sorted as the live overview sorts them. */
  readonly tiles: readonly QueueTile[];
}

/** One queue at a replayed instant: what its live detail would have shown then. */
export interface ReplayQueueFrame {
  readonly epoch: string;
  readonly at: number;
  readonly seq: number;
  readonly queueId: string;
  readonly queueName: string;
  readonly timeZone: string;
  /** The "current queue" panel, as the live conversations tab builds it. */
  readonly panel: QueuePanel;
  /** The agent panel's rows ("right now"), as the live performance tab builds them. */
  readonly agents: readonly AgentRow[];
  /** The conversations held at that instant, as the live table builds them. */
  readonly rows: readonly LiveConversationRow[];
}

/** A conversation's transcript as it stood at a replayed instant: nothing said after it. */
export interface ReplayTranscript {
  readonly conversationId: string;
  readonly at: number;
  readonly queueId: string;
  readonly queueName: string;
  /** Who held it then, or null (queued, ended, or not begun). */
  readonly agentName: string | null;
  /** Its phase then; 'done' once it had left the floor, 'not_started' before it began. */
  readonly state: 'not_started' | 'created' | 'queued' | 'assigned' | 'done';
  /** Lifecycle lines the replayed floor knows and the stored messages up to the instant, in time order. */
  readonly entries: readonly TranscriptEntry[];
}

export interface ReplayQueryResults {
  'replay.range': ReplayRange;
  'replay.frame': ReplayFrame;
  'replay.step': ReplayFrame;
  'replay.queue': ReplayQueueFrame;
  'replay.transcript': ReplayTranscript;
}

/** Replay shows what the live overview shows, so it needs what that needs. */
export const REPLAY_QUERY_CAPABILITY: Readonly<Record<keyof ReplayQueryResults, Capability | null>> = {
  'replay.range': 'live.view',
  'replay.frame': 'live.view',
  'replay.step': 'live.view',
  'replay.queue': 'live.view',
  'replay.transcript': 'live.transcripts',
};

/** The UI's replay clock: where the replay stands, since when, and how fast it runs. */
export interface ReplayClock {
  /** Replayed instant (epoch ms) at wall time `wallAt`. */
  readonly at: number;
  readonly wallAt: number;
  readonly speed: ReplaySpeed;
  readonly playing: boolean;
}

/**
 * The replayed instant at wall time `wallNow`: paused stays put, playing moves `speed` times as
 * fast as the wall clock, never past `until` (the log's end). Pure, so play is testable without timers.
 */
export function replayClockAt(clock: ReplayClock, wallNow: number, until: number): number {
  if (!clock.playing) return clock.at;
  return Math.min(until, clock.at + Math.max(0, wallNow - clock.wallAt) * clock.speed);
}
