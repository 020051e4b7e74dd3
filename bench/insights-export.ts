/**
 * xlsx_export_rows_per_s: how fast an export writes rows into an XLSX file, from the export's start
 * to its finished file, with every table row of the four built-in dashboards asked at 15-minute
 * intervals over the last 30 days (tables at their widest). The figures are the engine's real
 * answers on the bench cache, asked once before the clock starts, so the figure measures the
 * writer (slices, cells, the zip) and not the queries, which dashboard_*_p95_ms measure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accessFor } from '../src-main/core/api/session.js';
import { AREA_MIGRATIONS } from '../src-main/core/area-migrations.js';
import { createInsightsEngine } from '../src-main/core/insights/insights-engine.js';
import { openStore } from '../src-main/core/store/store.js';
import { createExportHandlers } from '../src-main/core/insights/export-handlers.js';
import type { RunInsightQuery } from '../src-main/core/insights/export-service.js';
import type { AuditPort } from '../src-main/core/live-insights/audit-port.js';
import { insightQuerySchema, type InsightExportProgress, type InsightQuery, type InsightResult } from '../src-shared/api/insights.js';
import { BUILT_IN_DASHBOARDS } from '../src-shared/insights/built-in-dashboards.js';
import { report } from './stats.js';

/** Budget the issue sets. */
export const XLSX_ROWS_PER_S_BUDGET = 50_000;
const WHOLE_FLOOR = accessFor({ userId: 'bench', displayName: 'Bench', role: 'wfm_leader', queueScope: null });
/** The bench records nothing: the audit chain is measured elsewhere. */
const NO_AUDIT = { record: () => ({}) as never, head: () => ({}) as never, log: {} as never } as unknown as AuditPort;

/** Every widget of the built-ins that has rows, widened to 500 of them, over 30 days at 15 minutes. */
export function exportBenchQueries(timeZone: string): InsightQuery[] {
  return BUILT_IN_DASHBOARDS.flatMap((dashboard) =>
    dashboard.document.widgets
      .filter((widget) => widget.dimension !== 'none')
      .map((widget) => insightQuerySchema.parse({ widget: { ...widget, limit: 500 }, range: { preset: 'last30Days' }, interval: '15m', timeZone, compare: false })),
  );
}

/**
 * Exports the queries' answers (asked through `run` first, untimed) as one XLSX file and reports
 * table rows per second from the export's start to its finished file.
 */
export async function benchXlsxExport(run: RunInsightQuery, queries: readonly InsightQuery[], log: (line: string) => void = () => {}): Promise<number> {
  const answers = new Map<InsightQuery, InsightResult>();
  for (const query of queries) answers.set(query, run(WHOLE_FLOOR, query));
  const rows = [...answers.values()].reduce((sum, result) => sum + result.rows.length, 0);
  const dataDir = mkdtempSync(join(tmpdir(), 'floorwatch-xlsx-bench-'));
  const exports = createExportHandlers({
    dataDir,
    audit: NO_AUDIT,
    run: (_access, query) => {
      const answer = answers.get(query);
      if (!answer) throw new Error(`no answer for widget ${query.widget.id}`);
      return answer;
    },
  });
  try {
    const started = performance.now();
    const start = exports.commands['insights.export.start'](WHOLE_FLOOR, { type: 'insights.export.start', format: 'xlsx', dashboardName: 'Bench', queries: [...queries] }, 'bench-xlsx');
    const begun = start instanceof Promise ? await start : start;
    if (!begun.ok) throw new Error(begun.error);
    const done = await new Promise<InsightExportProgress>((resolve, reject) => {
      const watched = exports.topics['insights.export'](WHOLE_FLOOR, { topic: 'insights.export', exportId: begun.value.exportId }, (progress) => {
        if (progress.state !== 'running') resolve(progress);
      });
      if (!watched.ok) reject(new Error(watched.error));
    });
    const seconds = (performance.now() - started) / 1000;
    if (done.state !== 'done') throw new Error(`the export ended ${done.state}: ${done.error ?? ''}`);
    log(`${queries.length} widgets, ${rows} rows, ${done.sizeBytes ?? 0} bytes in ${seconds.toFixed(2)} s`);
    const rowsPerSecond = rows / seconds;
    report('xlsx_export_rows_per_s', rowsPerSecond, 'rows/s');
    return rowsPerSecond;
  } finally {
    exports.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The bench on the cache at `path` (data ending at `endTime`), in its first configured queue's zone. */
export async function benchXlsxExportOn(path: string, endTime: number, log: (line: string) => void = () => {}): Promise<number> {
  const store = openStore({ path, migrations: AREA_MIGRATIONS });
  try {
    const engine = store.repository((db) => createInsightsEngine({ db, groups: () => [], now: () => endTime }));
    const zone = (store.database.prepare('SELECT time_zone FROM queues WHERE configured = 1 AND time_zone IS NOT NULL ORDER BY queue_id LIMIT 1').pluck().get() as string | undefined) ?? 'UTC';
    return await benchXlsxExport((access, query) => engine.query(access, query), exportBenchQueries(zone), log);
  } finally {
    store.close();
  }
}
