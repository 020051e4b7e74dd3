/**
 * The reports area on real parts: a real store file in a temp dir, the real API service (so the
 * capability table decides who may do what), the real audit chain and file secret vault, the
 * runner on a clock the test moves, and a real SMTP server (smtp-server on 127.0.0.1, port 0)
 * whose mails are parsed with mailparser. The insights area is stood in for by a reader that
 * answers fixed figures and records the access each query ran with.
 */
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { createApiService, type ApiService } from '../../../../src-main/core/api/api-service.js';
import { accessFor, type Access, type Session } from '../../../../src-main/core/api/session.js';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';
import { createCoreContext } from '../../../../src-main/core/core-context.js';
import { createLiveFloor } from '../../../../src-main/core/floor-state/live-floor.js';
import { createLiveInsightsApi } from '../../../../src-main/core/live-insights/live-insights-api.js';
import { createStatusPublisher } from '../../../../src-main/core/live-views/status-publisher.js';
import { createReportRenderer, type InsightsReader } from '../../../../src-main/core/reports/report-render.js';
import { createReportsApi, type ReportsArea } from '../../../../src-main/core/reports/reports-api.js';
import { unavailablePdfRenderer, type PdfRenderer } from '../../../../src-main/core/reports/pdf-renderer.js';
import { createFileSecretVault } from '../../../../src-main/core/secrets/secret-vault.js';
import { openStore, type Store } from '../../../../src-main/core/store/store.js';
import { DASHBOARD_DOCUMENT_VERSION, type DashboardRecord, type InsightQueryInput, type InsightResult } from '../../../../src-shared/api/insights.js';
import type { AuditRecord } from '../../../../src-shared/api/live-insights.js';
import { ok, fail } from '../../../../src-shared/result.js';
import { apiAreas, quietFeed } from '../../../support/core-kit.js';
import { manualTimers, type ManualTimers } from '../../../support/manual-timers.js';

export const ADMIN: Session = { userId: 'ada', displayName: 'Ada', role: 'admin', queueScope: null };
export const ORDERS_LEADER: Session = { userId: 'sam', displayName: 'Sam', role: 'wfm_leader', queueScope: ['q-orders'] };

export const DASHBOARD: DashboardRecord = {
  dashboardId: 'builtin-program',
  name: 'Program',
  builtIn: true,
  updatedAt: null,
  document: {
    format: 'floorwatch.dashboard',
    version: DASHBOARD_DOCUMENT_VERSION,
    name: 'Program',
    notes: '',
    defaults: { range: { preset: 'last7Days' }, interval: 'day', timeZone: null, compare: true },
    filters: {},
    widgets: [
      { id: 'offered', title: 'Offered', metrics: ['offered'], dimension: 'none', split: null, chart: 'kpi', filters: {}, limit: 20, sort: 'descending', width: 3, height: 1 },
      { id: 'sl', title: 'Service level', metrics: ['serviceLevel'], dimension: 'none', split: null, chart: 'kpi', filters: {}, limit: 20, sort: 'descending', width: 3, height: 1 },
      { id: 'by-queue', title: 'Offered by queue', metrics: ['offered', 'abandoned'], dimension: 'queue', split: null, chart: 'table', filters: {}, limit: 20, sort: 'descending', width: 6, height: 1 },
    ],
  },
};

const QUEUES = [
  { key: 'q-orders', label: 'Orders', offered: 120, abandoned: 6 },
  { key: 'q-billing', label: 'Billing', offered: 80, abandoned: 4 },
];

/** Fixed figures for the test dashboard, limited to the access's queues as the engine limits them. */
export function fixedInsights(queried: { access: Access; query: InsightQueryInput }[]): InsightsReader {
  return {
    dashboard: (_access, dashboardId) => (dashboardId === DASHBOARD.dashboardId ? ok(DASHBOARD) : fail(`Unknown dashboard ${dashboardId}`)),
    query(access, query) {
      queried.push({ access, query });
      const queues = QUEUES.filter((queue) => access.sees(queue.key));
      const offered = queues.reduce((sum, queue) => sum + queue.offered, 0);
      const widget = query.widget;
      const cell = (value: number | null) => ({ value, numerator: null, denominator: null });
      const totals = widget.metrics.map((metric) => (metric === 'offered' ? cell(offered) : metric === 'abandoned' ? cell(queues.reduce((sum, queue) => sum + queue.abandoned, 0)) : cell(0.875)));
      const rows =
        widget.dimension === 'queue'
          ? queues.map((queue) => ({ key: queue.key, label: queue.label, splitKey: null, splitLabel: null, cells: [cell(queue.offered), cell(queue.abandoned)] }))
          : [];
      const range = { from: 0, to: 1, timeZone: query.timeZone, label: 'range' };
      const result: InsightResult = {
        widgetId: widget.id ?? 'w',
        range,
        previousRange: null,
        interval: query.interval,
        metrics: widget.metrics,
        rows,
        totals,
        previousTotals: null,
        omittedRows: 0,
        coveredFrom: 0,
        coveredTo: 1,
        drill: null,
        computedAt: 0,
      };
      return ok(result);
    },
  };
}

export interface ReceivedMail {
  readonly mail: ParsedMail;
  readonly envelopeTo: readonly string[];
}

export interface MailServer {
  readonly port: number;
  readonly received: ReceivedMail[];
  /** Resolves with the next mail to arrive (or the one already waiting at `index`). */
  mailAt(index: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 without TLS that accepts one login (refuses any other). */
export async function startMailServer(login = { username: 'reports', password: 'right' }): Promise<MailServer> {
  const received: ReceivedMail[] = [];
  const waiting = new Map<number, (mail: ReceivedMail) => void>();
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    onAuth(auth, _session, callback) {
      if (auth.username === login.username && auth.password === login.password) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const entry = { mail, envelopeTo: session.envelope.rcptTo.map((address) => address.address) };
          received.push(entry);
          waiting.get(received.length - 1)?.(entry);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    received,
    mailAt: (index) => (received[index] ? Promise.resolve(received[index]) : new Promise((resolve) => waiting.set(index, resolve))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ReportsHarness {
  readonly api: ApiService;
  readonly area: ReportsArea;
  readonly store: Store;
  readonly timers: ManualTimers;
  /** Every insights query the reports made, with the access it ran under. */
  readonly queried: { access: Access; query: InsightQueryInput }[];
  /** The audit records an unscoped admin sees. */
  audit(): AuditRecord[];
  close(): Promise<void>;
}

/** The reports area over a store in `dataDir` (reopen the same dir to restart), its clock at `now`, drawing PDFs with `pdf`. */
export function reportsHarness(dataDir: string, now: number, pdf: PdfRenderer = unavailablePdfRenderer('this test console has no way to draw a PDF')): ReportsHarness {
  const store = openStore({ path: join(dataDir, 'floorwatch.db'), migrations: AREA_MIGRATIONS });
  const floor = createLiveFloor({ store, floorClock: () => now });
  const feed = quietFeed();
  const context = createCoreContext({ store, dataDir, feed, floor });
  const live = createLiveInsightsApi(context);
  const timers = manualTimers(now);
  const queried: { access: Access; query: InsightQueryInput }[] = [];
  const insights = fixedInsights(queried);
  const area = createReportsApi({
    store,
    vault: createFileSecretVault(join(dataDir, 'secrets')),
    audit: context.audit,
    render: createReportRenderer(() => insights, { pdf }),
    dashboardName: (access, dashboardId) => {
      const found = insights.dashboard(access, dashboardId);
      return found.ok ? found.value.name : null;
    },
    timers,
  });
  const api = createApiService({ store, overview: live.overview, status: createStatusPublisher(feed), appVersion: 'test', areas: apiAreas({ live, reports: area }) });
  return {
    api,
    area,
    store,
    timers,
    queried,
    audit: () => context.audit.log.list({ limit: 100, userId: ADMIN.userId, queueScope: accessFor(ADMIN).scope }),
    async close() {
      area.close();
      await api.close();
      store.close();
    },
  };
}
