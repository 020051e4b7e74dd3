/**
 * What every live view reads: the live floor (its state, its clock, its change announcements) and
 * the overlays another area lays over it (local thresholds, queue groups). A publisher is made
 * from a LiveSource, its overlays and its pacing, listens to the source itself, and answers
 * `subscribe(session, …, listener)` with a snapshot then paced diffs; `close()` stops it.
 */
import type { LiveTarget, QueueGroup } from '../../../src-shared/api/live-insights.js';
import type { FloorEvent } from '../../../src-shared/protocol/events.js';
import { fail, ok, type Result } from '../../../src-shared/result.js';
import type { Session } from '../api/session.js';
import type { ThresholdsOf } from '../floor-state/overview.js';
import type { LiveState } from '../floor-state/state.js';
import type { ResolvedTarget } from '../live-insights/groups.js';

export interface LiveChange {
  /** Events just applied; empty when a snapshot replaced the state. */
  readonly events: readonly FloorEvent[];
  /** Queues whose figures may have changed. */
  readonly changedQueues: ReadonlySet<string>;
  /** True when a feed snapshot replaced the whole state: rebuild everything. */
  readonly replaced: boolean;
}

/** The read side of the live floor, as views and areas see it. */
export interface LiveSource {
  /** The live floor as of the last applied event. */
  live(): LiveState;
  /** Floor time now (epoch ms): time-driven figures (waits, handle times so far) use it. */
  floorNow(): number;
  /** Hears every applied batch and every snapshot, after the live state has moved on. */
  onLiveChange(listener: (change: LiveChange) => void): () => void;
}

/** What the live-insights area lays over the plain floor for the views that show it. */
export interface ViewOverlays {
  /** The thresholds this session's views judge a queue by: the organisation's with the user's own override. */
  thresholdsFor(session: Session): ThresholdsOf;
  /** Queues on which the session's user has an override of their own (their tiles differ from everyone's). */
  overriddenQueues(session: Session): ReadonlySet<string>;
  /** The groups this session sees, members already limited to its queue scope. */
  groups(session: Session): readonly QueueGroup[];
  /** Turns a view's target into its queues, refusing what the session may not see. */
  resolve(session: Session, target: LiveTarget, state: LiveState): Result<ResolvedTarget>;
}

/** The floor as the feed describes it: its own thresholds, no groups, single queues only. */
const ORGANISATION_THRESHOLDS: ThresholdsOf = (queue) => queue.thresholds;
const NO_QUEUES: ReadonlySet<string> = new Set();

export const PLAIN_OVERLAYS: ViewOverlays = {
  thresholdsFor: () => ORGANISATION_THRESHOLDS,
  overriddenQueues: () => NO_QUEUES,
  groups: () => [],
  resolve: (_session, target, state) => {
    if (target.kind !== 'queue' || !state.queues.has(target.queueId)) return fail('No such queue.');
    return ok({ queueIds: [target.queueId], group: null });
  },
};
