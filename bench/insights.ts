/**
 * Historical Insights' budgets: dashboard_program_p95_ms, dashboard_automation_p95_ms,
 * dashboard_operations_p95_ms, dashboard_outcomes_p95_ms (every widget of a built-in dashboard
 * over the last 30 days, with the previous period, from request to data; ≤ 250 ms each) and
 * dashboard_full_range_p95_ms (Program over the whole cache; ≤ 1,000 ms), and xlsx_export_rows_per_s
 * (bench/insights-export.ts; ≥ 50,000).
 *
 * Run by the history group on its large cache (benchHistory calls benchInsightsOn). `--only=insights`
 * runs it alone on a small cache built here, of FLOORWATCH_BENCH_INSIGHTS_DAYS days (default 2, about 90,000 conversations),
 * so the engine can be measured without the hours the large cache takes to build.
 *
 * The widgets are the four built-in dashboards' (src-shared/insights/built-in-dashboards.ts), each
 * dashboard at its own default interval, in the zone of the first configured queue.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { accessFor } from '../src-main/core/api/session.js';
import { AREA_MIGRATIONS } from '../src-main/core/area-migrations.js';
import { completeMissingMetrics } from '../src-main/core/history/metrics.js';
import { createInsightsEngine } from '../src-main/core/insights/insights-engine.js';
import { openStore } from '../src-main/core/store/store.js';
import { createFloor, generateHistory } from '../src-main/sim/index.js';
import { insightQuerySchema, type DashboardDocument, type InsightInterval, type RangeSpec } from '../src-shared/api/insights.js';
import { BUILT_IN_DASHBOARDS, builtInDashboard } from '../src-shared/insights/built-in-dashboards.js';
import type { FloorEvent } from '../src-shared/protocol/events.js';
import { HISTORY_STREAM } from '../src-shared/protocol/frames.js';
import { benchXlsxExportOn } from './insights-export.js';
import { percentile, report } from './stats.js';

const RUNS = 20;
const DAY_MS = 86_400_000;

function timed(run: () => void): number {
  const started = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Runs every dashboard over the cache at `path`, whose data ends at `endTime`, and reports the figures. */
export function benchInsightsOn(path: string, endTime: number): void {
  const store = openStore({ path, migrations: AREA_MIGRATIONS });
  try {
    const oldest = store.database.prepare('SELECT min(created_at) FROM insight_facts').pluck().get() as number | null;
    if (oldest === null) throw new Error('the cache has no insight facts');
    const access = accessFor({ userId: 'bench', displayName: 'Bench', role: 'wfm_leader', queueScope: null });
    const zone = (store.database.prepare("SELECT time_zone FROM queues WHERE configured = 1 AND time_zone IS NOT NULL ORDER BY queue_id LIMIT 1").pluck().get() as string | undefined) ?? 'UTC';
    // A new engine for each run: nothing one run read is kept for the next (ADR 0053: an engine keeps reads while the data stays).
    const runDashboard = (document: DashboardDocument, range: RangeSpec, interval: InsightInterval): number =>
      timed(() => {
        const engine = store.repository((db) => createInsightsEngine({ db, groups: () => [], now: () => endTime }));
        for (const widget of document.widgets) {
          engine.query(access, insightQuerySchema.parse({ widget, range, interval, timeZone: zone, compare: true, filters: document.filters }));
        }
      });
    for (const { dashboardId, document } of BUILT_IN_DASHBOARDS) {
      const times: number[] = [];
      for (let run = 0; run < RUNS; run++) times.push(runDashboard(document, { preset: 'last30Days' }, document.defaults.interval));
      report(`dashboard_${dashboardId.replace('builtin-', '')}_p95_ms`, percentile(times, 95), 'ms');
    }
    const program = builtInDashboard('builtin-program')?.document;
    if (program === undefined) throw new Error('no Program dashboard');
    const from = new Date(oldest).toISOString().slice(0, 10);
    const to = new Date(endTime - 1).toISOString().slice(0, 10);
    const full: number[] = [];
    for (let run = 0; run < Math.ceil(RUNS / 2); run++) full.push(runDashboard(program, { from, to }, 'week'));
    report('dashboard_full_range_p95_ms', percentile(full, 95), 'ms');
  } finally {
    store.close();
  }
}

const SEED = 42;
const AGENTS = 64;
const QUEUES = 20;
const END_TIME = Date.UTC(2026, 9, 1);

/** Builds (once) a small cache of `days` days with the simulator's history, through the store's ingest and the facts pass. */
function ensureSmallCache(root: string, days: number): string {
  const dir = join(root, `insights-small-${days}d`);
  const path = join(dir, 'floorwatch.db');
  const marker = join(dir, 'ready.json');
  if (existsSync(marker) && existsSync(path)) {
    // Opening migrates a cache built by an older schema (insight_sums summed from the facts once).
    const opened = Date.now();
    const store = openStore({ path, migrations: AREA_MIGRATIONS });
    report('insights_small_cache_open_ms', Date.now() - opened, 'ms');
    // The background pass's catch-up: facts still missing, and the agent-time sums of a cache that has none yet (migration 220).
    const catchingUp = Date.now();
    completeMissingMetrics(store.database, END_TIME, 20_000);
    report('insights_small_cache_catch_up_ms', Date.now() - catchingUp, 'ms');
    store.close();
    return path;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const store = openStore({ path, migrations: AREA_MIGRATIONS });
  try {
    const firstDay = Math.floor(END_TIME / DAY_MS) - days;
    const setup = createFloor({ seed: SEED, startTime: firstDay * DAY_MS, agents: AGENTS, queues: QUEUES, warmupMs: 0 })
      .advanceTo(firstDay * DAY_MS)
      .filter((event) => event.type === 'queue.configured' || event.type === 'agent.login')
      .map((event, index) => ({ ...event, seq: index + 1 }) as FloorEvent);
    store.ingestBatch({ stream: HISTORY_STREAM, epoch: 'insights-bench', events: setup, lastSeq: setup.length });
    let events = 0;
    let ingestMs = 0;
    for (let day = days; day >= 1; day--) {
      for (const chunk of generateHistory({ seed: SEED, days: 1, endTime: END_TIME - (day - 1) * DAY_MS, agents: AGENTS, queues: QUEUES })) {
        for (let offset = 0; offset < chunk.length; offset += 5_000) {
          const batch = chunk.slice(offset, offset + 5_000);
          ingestMs += timed(() => store.ingestBatch({ stream: HISTORY_STREAM, epoch: 'insights-bench', events: batch, lastSeq: batch[batch.length - 1]?.seq ?? 0 }));
          events += batch.length;
        }
      }
    }
    report('insights_small_cache_ingest_events_per_s', (events / ingestMs) * 1000, 'events/s');
    const started = Date.now();
    const computed = completeMissingMetrics(store.database, END_TIME, 20_000);
    report('insights_small_cache_facts_pass_ms_per_1k', ((Date.now() - started) / Math.max(1, computed)) * 1000, 'ms');
    report('insights_small_cache_conversations', computed, 'conversations');
    store.database.exec('ANALYZE');
  } finally {
    store.close();
  }
  writeFileSync(marker, JSON.stringify({ days }));
  return path;
}

/** `--only=insights`: the dashboards and the XLSX export on a small cache; `xlsx` alone with `dashboards: false` (--only=xlsx). */
export async function benchInsights(root: string, { dashboards = true }: { readonly dashboards?: boolean } = {}): Promise<void> {
  const days = Number(process.env.FLOORWATCH_BENCH_INSIGHTS_DAYS ?? 2);
  if (!Number.isInteger(days) || days < 1) throw new Error('FLOORWATCH_BENCH_INSIGHTS_DAYS: a whole number of days');
  const path = ensureSmallCache(root, days);
  if (dashboards) benchInsightsOn(path, END_TIME);
  await benchXlsxExportOn(path, END_TIME, (line) => console.log(`  xlsx: ${line}`));
}
