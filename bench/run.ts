/**
 * `npm run bench`: every budgeted figure of the product, one per line as `name: value unit`.
 * Options: --only=ingest,backfill,shutdown,dom,live-floor,live-detail,wallboard,history,embedded-rss,staffing,users,replay,relay  (default: all);
 * --dom-scenarios=default,stressed,10k  (the event-to-DOM floors to run; default: all).
 * Opt-in: --only=insights runs the dashboards and the XLSX export alone on a small cache
 * (bench/insights.ts; --only=xlsx the export alone); --only=cache-size builds the history cache
 * and reports its size alone (bench/cache-size.ts); the history group runs them on its large cache;
 * --only=history-ui runs the Conversation Manager's user's-path figures alone (bench/history-ui.ts).
 * --only=dashboards runs Historical Insights' dashboards on the history cache alone.
 * --only=cold-start runs cold_start_to_first_paint_ms alone on the history group's cache (--runs=N repeats it).
 * --only=soak runs an accelerated shift at 2,000 agents with the console open on a queue's page for
 * an hour (bench/soak.ts; FLOORWATCH_BENCH_SOAK_MS shortens it).
 */
import { benchBackfill } from './backfill.js';
import { benchCacheSize } from './cache-size.js';
import { benchEmbeddedRss } from './embedded-rss.js';
import { benchEventToDom } from './event-to-dom.js';
import { benchCacheRoot, benchColdStartAlone, benchDashboardsAlone, benchHistory, benchHistoryUiAlone } from './history.js';
import { benchIngest } from './ingest.js';
import { benchInsights } from './insights.js';
import { benchLiveDetail } from './live-detail.js';
import { benchLiveFloor } from './live-floor.js';
import { benchRelay } from './relay.js';
import { benchReplay } from './replay.js';
import { benchShutdown } from './shutdown.js';
import { benchSoak } from './soak.js';
import { benchStaffing } from './staffing.js';
import { benchUsers } from './users.js';
import { benchWallboard } from './wallboard.js';

const ALL = ['ingest', 'backfill', 'shutdown', 'dom', 'live-floor', 'live-detail', 'wallboard', 'history', 'embedded-rss', 'staffing', 'users', 'replay', 'relay'];
const onlyArg = process.argv.find((arg) => arg.startsWith('--only='));
const only = new Set(onlyArg ? onlyArg.slice('--only='.length).split(',') : ALL);
const OPT_IN = ['insights', 'xlsx', 'cache-size', 'history-ui', 'cold-start', 'soak', 'dashboards'];
const unknown = [...only].filter((name) => !ALL.includes(name) && !OPT_IN.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown bench ${unknown.join(', ')}; known: ${[...ALL, ...OPT_IN].join(', ')}`);
  process.exit(2);
}

if (only.has('ingest')) await benchIngest();
if (only.has('backfill')) await benchBackfill();
if (only.has('shutdown')) await benchShutdown();
const domArg = process.argv.find((arg) => arg.startsWith('--dom-scenarios='));
if (only.has('dom')) await benchEventToDom(domArg ? domArg.slice('--dom-scenarios='.length).split(',') : undefined);
if (only.has('live-floor')) await benchLiveFloor();
if (only.has('live-detail')) await benchLiveDetail();
if (only.has('wallboard')) await benchWallboard();
if (only.has('history')) await benchHistory();
if (only.has('embedded-rss')) await benchEmbeddedRss();
if (only.has('staffing')) await benchStaffing();
if (only.has('users')) await benchUsers();
if (only.has('replay')) await benchReplay();
if (only.has('relay')) await benchRelay();
if (only.has('cache-size')) benchCacheSize();
if (only.has('soak')) await benchSoak();
if (only.has('history-ui')) await benchHistoryUiAlone();
if (only.has('dashboards')) benchDashboardsAlone();
if (only.has('cold-start')) await benchColdStartAlone(Number(process.argv.find((arg) => arg.startsWith('--runs='))?.slice('--runs='.length) ?? '1'));
if (only.has('insights')) await benchInsights(benchCacheRoot());
else if (only.has('xlsx')) await benchInsights(benchCacheRoot(), { dashboards: false });
process.exit(0);
