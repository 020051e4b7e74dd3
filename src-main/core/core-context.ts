/**
 * What the core gives each product area (live insights, history, wallboard): the store, the live
 * state and its changes, the feed, and the floor's clock. Areas never reach into core.ts.
 */
import type { FeedStatus } from '../../src-shared/api/live.js';
import type { FeedCommand } from '../../src-shared/protocol/frames.js';
import type { FloorEvent } from '../../src-shared/protocol/events.js';
import type { OverviewPublisher } from './api/overview-publisher.js';
import type { BackfillRequest, CommandOutcome } from './feed/feed-client.js';
import type { LiveState } from './floor-state/state.js';
import type { Store } from './store/store.js';

export interface LiveChange {
  /** Events just applied; empty when a snapshot replaced the state. */
  readonly events: readonly FloorEvent[];
  /** Queues whose figures may have changed. */
  readonly changedQueues: ReadonlySet<string>;
  /** True when a feed snapshot replaced the whole state: rebuild everything. */
  readonly replaced: boolean;
}

export interface CoreFeed {
  /** Sends a command to the feed; resolves with its ack or the reason it was not applied. Never rejects. */
  sendCommand(commandId: string, command: FeedCommand): Promise<CommandOutcome>;
  requestBackfill(request: BackfillRequest): void;
  status(): FeedStatus;
  onStatus(listener: () => void): () => void;
}

export interface CoreContext {
  readonly store: Store;
  /** The data directory (the database lives here; areas may keep files under it). */
  readonly dataDir: string;
  readonly feed: CoreFeed;
  readonly overview: OverviewPublisher;
  /** The live floor as of the last applied event. */
  live(): LiveState;
  /** Floor time now (epoch ms): time-driven figures (waits, handle times so far) use it. */
  floorNow(): number;
  /** Hears every applied batch and every snapshot, after the live state has moved on. */
  onLiveChange(listener: (change: LiveChange) => void): () => void;
}
