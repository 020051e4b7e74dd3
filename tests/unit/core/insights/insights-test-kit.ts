/**
 * The insights engine on real parts: a real store file filled through the store's ingest with
 * protocol events, the history area's facts pass run to completion, and the insights area behind
 * the real API service (schema validation, permissions and scope as the UI meets them).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createApiConnection } from '../../../../src-main/core/api/api-connection.js';
import { createApiService, type ApiService } from '../../../../src-main/core/api/api-service.js';
import type { Session } from '../../../../src-main/core/api/session.js';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';
import { createCoreContext } from '../../../../src-main/core/core-context.js';
import { createLiveFloor } from '../../../../src-main/core/floor-state/live-floor.js';
import { completeMissingMetrics } from '../../../../src-main/core/history/metrics.js';
import { createInsightsArea, type InsightsArea } from '../../../../src-main/core/insights/insights-area.js';
import { PLAIN_OVERLAYS } from '../../../../src-main/core/live-views/live-source.js';
import { createOverviewPublisher } from '../../../../src-main/core/live-views/overview-publisher.js';
import { createStatusPublisher } from '../../../../src-main/core/live-views/status-publisher.js';
import { openStore, type Store } from '../../../../src-main/core/store/store.js';
import type { ApiRequestInput, ServerMessage } from '../../../../src-shared/api/contract.js';
import type { InsightQueryInput, InsightResult } from '../../../../src-shared/api/insights.js';
import { floorEventSchema, type FloorEvent, type FloorEventInput } from '../../../../src-shared/protocol/events.js';
import { HISTORY_STREAM } from '../../../../src-shared/protocol/frames.js';
import type { Result } from '../../../../src-shared/result.js';
import { apiAreas, quietFeed } from '../../../support/core-kit.js';
import { tempDir } from '../../../support/host-process.js';

export interface InsightsHarness {
  readonly store: Store;
  readonly api: ApiService;
  readonly area: InsightsArea;
  /** Stores events on the history stream (and on the live floor), then runs the facts pass. */
  ingest(inputs: readonly FloorEventInput[]): void;
  ask(session: Session, request: ApiRequestInput): Promise<Result<unknown>>;
  /** One widget's figures through the API, failing the test on a refusal. */
  figures(session: Session, query: InsightQueryInput): Promise<InsightResult>;
  close(): Promise<void>;
}

export function insightsHarness(floorTime: number): InsightsHarness {
  const dataDir = tempDir('insights');
  const store = openStore({ path: join(dataDir, 'floorwatch.db'), migrations: AREA_MIGRATIONS });
  const floor = createLiveFloor({ store, floorClock: () => floorTime });
  const feed = quietFeed();
  const context = createCoreContext({ store, dataDir, feed, floor });
  const overview = createOverviewPublisher(floor, PLAIN_OVERLAYS, { minIntervalMs: 0, refreshMs: 3_600_000 });
  const area = createInsightsArea(context);
  const api = createApiService({ store, overview, status: createStatusPublisher(feed), appVersion: 'test', areas: apiAreas({ insights: area }) });
  let seq = 0;
  const ask = (session: Session, request: ApiRequestInput): Promise<Result<unknown>> =>
    new Promise((resolve) => {
      const connection = createApiConnection({
        api,
        session,
        send: (message: ServerMessage) => {
          if (message.kind !== 'response') return;
          connection.close();
          resolve(message.result);
        },
      });
      connection.receive({ kind: 'request', id: 1, request });
    });
  return {
    store,
    api,
    area,
    ingest(inputs) {
      const events: FloorEvent[] = inputs.map((input) => floorEventSchema.parse({ ...input, seq: ++seq }));
      const last = events[events.length - 1];
      if (!last) return;
      store.ingestBatch({ stream: HISTORY_STREAM, epoch: 'test', events, lastSeq: last.seq });
      floor.applyEvents(events);
      completeMissingMetrics(store.database, floorTime);
    },
    ask,
    async figures(session, query) {
      const result = await ask(session, { op: 'query', query: { type: 'insights.query', query } });
      if (!result.ok) throw new Error(`refused: ${result.error}`);
      return result.value as InsightResult;
    },
    async close() {
      await api.close();
      overview.close();
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
