/**
 * What the core gives each product area (live insights, history, wallboard): the store, the live
 * floor (state, clock, changes), the feed, the audit chain. Areas never reach into core.ts.
 */
import { join } from 'node:path';
import type { AuditHead } from '../../src-shared/api/live-insights.js';
import type { FeedStatus } from '../../src-shared/api/live.js';
import type { FloorEvent } from '../../src-shared/protocol/events.js';
import type { FeedCommand } from '../../src-shared/protocol/frames.js';
import type { BackfillRequest, CommandOutcome, SendCommandOptions } from './feed/feed-client.js';
import { createAuditLog } from './live-insights/audit-log.js';
import { createAuditPort, type AuditPort } from './live-insights/audit-port.js';
import type { LiveSource } from './live-views/live-source.js';
import { createDayPast } from './live-views/day-past.js';
import { createIntradayPastSource } from './live-views/intraday-past-source.js';
import { createFileSecretVault, type SecretVault } from './secrets/secret-vault.js';
import type { Store } from './store/store.js';

export type { LiveChange } from './live-views/live-source.js';

export interface CoreFeed {
  /**
   * Sends a command to the feed; resolves with its ack or the reason it was not applied (code
   * 'forbidden' when the feed refused it for the user's role or scope). Never rejects. `auditHead`
   * rides on the frame: the feed keeps it as this user's audit anchor.
   */
  sendCommand(commandId: string, command: FeedCommand, options?: SendCommandOptions): Promise<CommandOutcome>;
  /** The audit head the feed held for this user at its last welcome, or null. */
  auditAnchor(): AuditHead | null;
  requestBackfill(request: BackfillRequest): void;
  status(): FeedStatus;
  onStatus(listener: () => void): () => void;
  /** A backfill's events once stored (they never reach the live floor); absent where nothing backfills. */
  onBackfillEvents?(listener: (events: readonly FloorEvent[]) => void): () => void;
}

export interface CoreContext extends LiveSource {
  readonly store: Store;
  /** The data directory (the database lives here; areas may keep files under it). */
  readonly dataDir: string;
  readonly feed: CoreFeed;
  /** The one audit chain: every sensitive action is recorded here (docs/decisions/0014-keyed-audit-chain.md). */
  readonly audit: AuditPort;
  /** Runs an area's background work once the console has answered its first query (start-gate.ts); at once outside the core. */
  afterStart(task: () => void): void;
}

/** The context areas get, over a live floor: the core and the test kits build it the same way. */
export function createCoreContext(parts: {
  readonly store: Store;
  readonly dataDir: string;
  readonly feed: CoreFeed;
  readonly floor: LiveSource;
  /** Where the audit key and head live; default a file vault in <dataDir>/secrets. */
  readonly secrets?: SecretVault;
  /** Holds background work until the first answer; default: runs it at once. */
  readonly afterStart?: (task: () => void) => void;
}): CoreContext {
  const { floor } = parts;
  const vault = parts.secrets ?? createFileSecretVault(join(parts.dataDir, 'secrets'));
  const dayPast = createDayPast(parts.store.repository(createIntradayPastSource));
  return {
    store: parts.store,
    dataDir: parts.dataDir,
    feed: parts.feed,
    audit: createAuditPort(parts.store.repository((connection) => createAuditLog(connection, { vault }))),
    // The views read each queue's day from its midnight: the cache's part before the console started is added (day-past.ts).
    live: () => dayPast.withPast(floor.live()),
    floorNow: () => floor.floorNow(),
    onLiveChange: (listener) => floor.onLiveChange(listener),
    afterStart: parts.afterStart ?? ((task) => task()),
  };
}
