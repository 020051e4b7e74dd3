/**
 * The Conversation Manager on the user's path: search_ui_p95_ms, filter_ui_p95_ms and
 * search_prefix_ui_p95_ms, from the click on Search to the results painted in Chromium, through
 * the real host on the bench cache while a simulator feed ingests (the rate the host stored is
 * reported beside the figures: the budget assumes ≥ 1,000 events/s); then
 * search_ui_during_backfill_p95_ms, the same searches while the host stores a backfill the user
 * asked for (the recorded feed of bench/backfill.ts, through the socket). The query set starts with
 * the cache's most frequent words — what users type first, and the worst case for a full-text index.
 * Both run on a copy of the cache made for the run and removed after it: the live feed and the
 * backfill write to the cache they are measured on, and every run must measure the same cache.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CHROMIUM_LAUNCH } from '../playwright.config.js';
import { HISTORY_STREAM, LIVE_STREAM } from '../src-shared/protocol/frames.js';
import { loadSimulator } from '../tests/support/host-process.js';
import { backfillRecording, startFeedProcess } from './backfill.js';
import { startPageProfile } from './page-profile.js';
import { percentile, report } from './stats.js';
import { lastWednesdayAt } from './floor-clock.js';

const FREQUENT_WORDS = 8;
const OTHER_WORDS = 16;
const PREFIXES = 12;
const FILTER_RUNS = 16;
/** A floor large enough to send over 1,000 events/s on its own (arrivals at 1.25 sent about 860). */
const FEED_FLOOR = { agents: 2_000, queues: 20, arrivalScale: 2 } as const;
/** Seconds the feed runs before the first question, so ingest is at its pace. */
const WARM_UP_MS = 5_000;
const PAGE_LIMIT_MS = 120_000;

/** Starts the real host on the bench cache, connected to the feed these arguments name. */
type StartHost = (cachePath: string, feedArgs: readonly string[]) => Promise<{ readonly consoleUrl: string; stop(): Promise<void> }>;

interface Questions {
  readonly words: readonly string[];
  readonly prefixes: readonly string[];
}

/** The cache's most frequent words (by conversations' messages holding them), then others further down the list. */
function questionsOf(path: string): Questions {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.exec("CREATE VIRTUAL TABLE temp.vocabulary USING fts5vocab(main, 'messages_fts', 'row')");
    const ranked = db.prepare("SELECT term FROM temp.vocabulary WHERE length(term) >= 3 AND term GLOB '[a-z]*' ORDER BY doc DESC LIMIT 400").pluck().all() as string[];
    const stride = Math.max(1, Math.floor((ranked.length - FREQUENT_WORDS) / OTHER_WORDS));
    const words = [...ranked.slice(0, FREQUENT_WORDS), ...ranked.slice(FREQUENT_WORDS).filter((_, index) => index % stride === 0).slice(0, OTHER_WORDS)];
    const prefixes = [...new Set(ranked.filter((term) => term.length >= 5).map((term) => `${term.slice(0, 4)}*`))].slice(0, PREFIXES);
    return { words, prefixes };
  } finally {
    db.close();
  }
}

/** A stream's position as the host stored it (its epoch and last seq), read beside the host. */
function storedPosition(path: string, stream: string): { readonly epoch: string; readonly lastSeq: number } | null {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT epoch, last_seq AS lastSeq FROM streams WHERE stream = ?').get(stream) as { epoch: string; lastSeq: number } | undefined) ?? null;
  } finally {
    db.close();
  }
}

/** Opens the console of a host in a new page and goes to the Conversation Manager. */
async function openConversationManager(browser: Browser, consoleUrl: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  // The host serves the page while it takes the feed's snapshot of a large floor: wait for the view, not the load event.
  // The console URL's fragment carries its token; the route is set once the page has read it.
  await page.goto(consoleUrl, { waitUntil: 'commit', timeout: PAGE_LIMIT_MS });
  await page.waitForSelector('[data-testid="connection-state"]', { timeout: PAGE_LIMIT_MS });
  await page.evaluate(() => {
    window.location.hash = '#/history';
  });
  await page.waitForSelector('[data-testid="history-search-text"]', { timeout: PAGE_LIMIT_MS });
  return page;
}

/** Sets a React-controlled field's value as typing would. */
async function setField(page: Page, testId: string, value: string): Promise<void> {
  await page.evaluate(
    ([id, text]) => {
      const field = document.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-testid="${id}"]`);
      if (!field) throw new Error(`no field ${id}`);
      const prototype = field instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
      Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(field, text);
      field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
    },
    [testId, value] as const,
  );
}

/** Clicks Search and resolves with the ms until the answer is painted (the button's busy state ends, then a frame). */
async function timedSearch(page: Page): Promise<number> {
  await page.waitForSelector('[data-testid="history-search-submit"][aria-busy="false"]', { timeout: PAGE_LIMIT_MS });
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const button = document.querySelector<HTMLButtonElement>('[data-testid="history-search-submit"]');
        if (!button) throw new Error('no search button');
        const started = performance.now();
        let seenBusy = false;
        const observer = new MutationObserver(() => {
          const busy = button.getAttribute('aria-busy') === 'true';
          if (busy) seenBusy = true;
          else if (seenBusy) {
            observer.disconnect();
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started), 0));
          }
        });
        observer.observe(button, { attributes: true, attributeFilter: ['aria-busy'] });
        button.click();
      }),
  );
}

/** Searches each text in turn while `going()` says so; the ms of each and the rows they painted. */
async function searchEach(page: Page, texts: readonly string[], going: () => boolean): Promise<{ readonly times: number[]; readonly rowsShown: number }> {
  const times: number[] = [];
  let rowsShown = 0;
  for (const text of texts) {
    if (!going()) break;
    await setField(page, 'history-search-text', text);
    times.push(await timedSearch(page));
    rowsShown += await page.locator('[data-testid="history-row"]').count();
  }
  return { times, rowsShown };
}

/** Filter questions: each a set of [field, value, value that clears it]; durations are in minutes by default. */
const FILTERS: readonly (readonly (readonly [string, string, string])[])[] = [
  [['history-filter-csat-max', '2', '']],
  [['history-filter-handleTimeSec-min', '15', '']],
  [['history-filter-resolved', 'no', 'any']],
  [['history-filter-waitSec-min', '2', ''], ['history-filter-csat-min', '4', '']],
];

/**
 * Runs the user's-path figures on a copy of the cache at `cachePath`, made for this run (its WAL
 * folded in first) and removed after it, so the feed's and the backfill's writes never reach the
 * cache the next run measures.
 */
export async function benchHistoryUi(cachePath: string, startHost: StartHost): Promise<void> {
  const scratchDir = join(dirname(cachePath), `ui-run-${process.pid}-${Date.now()}`);
  mkdirSync(scratchDir, { recursive: true, mode: 0o700 });
  try {
    const source = new Database(cachePath);
    source.pragma('wal_checkpoint(TRUNCATE)');
    source.close();
    const copyStarted = Date.now();
    const scratch = join(scratchDir, basename(cachePath));
    copyFileSync(cachePath, scratch);
    console.log(`[history bench] copied the cache for the run in ${((Date.now() - copyStarted) / 1000).toFixed(1)} s`);
    const questions = questionsOf(scratch);
    await benchSearchBesideLiveFeed(scratch, startHost, questions);
    await benchSearchDuringBackfill(scratch, startHost, questions);
  } finally {
    rmSync(scratchDir, { recursive: true, force: true });
  }
}

/** search_ui_*, search_prefix_ui_*, filter_ui_*: a simulator's live floor ingesting meanwhile. */
async function benchSearchBesideLiveFeed(cachePath: string, startHost: StartHost, questions: Questions): Promise<void> {
  const { startSimServer } = await loadSimulator();
  const sim = await startSimServer({ port: 0, seed: 17, tokenSeed: 'bench-history-ui', floor: { ...FEED_FLOOR, startTime: lastWednesdayAt(15) } });
  // A WFM leader: the Conversation Manager needs history.view.
  const leader = sim.users().find((entry) => entry.user.userId === 'wfm-leader');
  if (leader === undefined) throw new Error('the simulator has no WFM leader');
  const host = await startHost(cachePath, ['--feed-url', sim.url, '--feed-token', leader.token, '--backfill-days', '0']);
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const page = await openConversationManager(browser, host.consoleUrl);
    await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
    const firstSeq = sim.headSeq();
    const firstStored = storedPosition(cachePath, LIVE_STREAM);
    const started = Date.now();

    const { times: searchTimes, rowsShown } = await searchEach(page, questions.words, () => true);
    const prefixTimes: number[] = [];
    for (const prefix of questions.prefixes) {
      await setField(page, 'history-search-text', prefix);
      prefixTimes.push(await timedSearch(page));
    }
    await setField(page, 'history-search-text', '');
    const filterTimes: number[] = [];
    // FLOORWATCH_BENCH_PAGE_PROFILE=<dir>: the page over the filters (page-filters.cpuprofile), to see the renderer's share.
    const profile = await startPageProfile(page);
    for (let run = 0; run < FILTER_RUNS; run++) {
      const filters = FILTERS[run % FILTERS.length] ?? [];
      for (const [field, value] of filters) await setField(page, field, value);
      filterTimes.push(await timedSearch(page));
      for (const [field, , cleared] of filters) await setField(page, field, cleared);
    }
    await profile.stop('filters');
    const seconds = (Date.now() - started) / 1000;
    const lastStored = storedPosition(cachePath, LIVE_STREAM);
    report('search_ui_feed_events_per_s', (sim.headSeq() - firstSeq) / seconds, 'events/s');
    // What the host stored meanwhile: the rate the searches ran beside (the budget asks ≥ 1,000).
    const ingested = lastStored !== null && firstStored !== null && lastStored.epoch === firstStored.epoch ? lastStored.lastSeq - firstStored.lastSeq : null;
    report('search_ui_ingest_events_per_s', ingested === null ? Number.NaN : ingested / seconds, 'events/s');
    // The rows the searches painted: a figure measured on an empty cache would say 0 here.
    report('search_ui_rows_mean', rowsShown / searchTimes.length, 'rows');
    report('search_ui_p95_ms', percentile(searchTimes, 95), 'ms');
    report('search_ui_p50_ms', percentile(searchTimes, 50), 'ms');
    report('search_ui_frequent_words_max_ms', Math.max(...searchTimes.slice(0, FREQUENT_WORDS)), 'ms');
    report('search_prefix_ui_p95_ms', percentile(prefixTimes, 95), 'ms');
    report('filter_ui_p95_ms', percentile(filterTimes, 95), 'ms');
    report('filter_ui_p50_ms', percentile(filterTimes, 50), 'ms');
  } finally {
    await browser.close();
    await host.stop();
    await sim.close();
  }
}

/** A recorded backfill the host stores as it searches: its own epoch and conversations each run. */
interface BackfillFeed {
  readonly url: string;
  readonly epoch: string;
  /** What this run's conversation ids start with. */
  readonly idPrefix: string;
  /** True once the feed has sent its last frame. */
  sentAll(): boolean;
  stop(): void;
}

async function startBackfillFeed(): Promise<BackfillFeed> {
  const run = `${process.pid}-${Date.now()}`;
  const epoch = `bench-ui-${run}`;
  const idPrefix = `u${run}-`;
  const feed = await startFeedProcess('dist/bench/recorded-feed.mjs', [backfillRecording(), '--console-user', '--epoch', epoch, '--id-prefix', idPrefix]);
  let done = false;
  feed.child.stdout?.on('data', (chunk: Buffer) => {
    if (chunk.toString().includes('backfill done')) done = true;
  });
  return { url: feed.url, epoch, idPrefix, sentAll: () => done, stop: () => feed.child.kill('SIGTERM') };
}

/** The size of a database's WAL file, 0 when there is none. */
function walBytes(path: string): number {
  return existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0;
}

/**
 * Finished conversations of this run's backfill that have no search facts yet, read beside the
 * host: what a search cannot show yet, and what its scan walks past.
 */
function factsLagReader(path: string, idPrefix: string): { count(): number; close(): void } {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  const statement = db.prepare(
    `SELECT count(*) FROM conversations AS c WHERE c.conversation_id >= @low AND c.conversation_id < @high AND c.state IN ('ended', 'abandoned')
       AND NOT EXISTS (SELECT 1 FROM history_facts AS f WHERE f.conversation_id = c.conversation_id)`,
  );
  return { count: () => statement.pluck().get({ low: idPrefix, high: `${idPrefix}\u{10FFFF}` }) as number, close: () => db.close() };
}

/**
 * search_ui_during_backfill_p95_ms: the same searches while the host stores a backfill, asked for
 * as a user asks (the Conversation Manager's fetch button), from the recorded feed through the
 * socket into the same cache. Searches start once the host has stored the backfill's first
 * events and count only while it runs; their number and the rate the host stored meanwhile are
 * reported beside the figure.
 */
async function benchSearchDuringBackfill(cachePath: string, startHost: StartHost, questions: Questions): Promise<void> {
  const feed = await startBackfillFeed();
  const host = await startHost(cachePath, ['--feed-url', feed.url, '--feed-token', 'bench', '--backfill-days', '0']);
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const page = await openConversationManager(browser, host.consoleUrl);
    await page.click('[data-testid="backfill-start"]', { timeout: PAGE_LIMIT_MS });
    const storing = (): { readonly epoch: string; readonly lastSeq: number } | null => {
      const position = storedPosition(cachePath, HISTORY_STREAM);
      return position?.epoch === feed.epoch ? position : null;
    };
    const deadline = Date.now() + PAGE_LIMIT_MS;
    let first = storing();
    while (first === null) {
      if (Date.now() > deadline) throw new Error('the host stored no backfilled event');
      await new Promise((resolve) => setTimeout(resolve, 50));
      first = storing();
    }
    const lag = factsLagReader(cachePath, feed.idPrefix);
    const lags: number[] = [];
    const walSizes: number[] = [];
    const started = Date.now();
    const going = (): boolean => {
      if (feed.sentAll()) return false;
      lags.push(lag.count());
      walSizes.push(walBytes(cachePath));
      return true;
    };
    const { times } = await searchEach(page, [...questions.words, ...questions.prefixes], going);
    const seconds = (Date.now() - started) / 1000;
    const last = storing();
    lag.close();
    report('search_ui_during_backfill_p95_ms', percentile(times, 95), 'ms');
    report('search_ui_during_backfill_p50_ms', percentile(times, 50), 'ms');
    report('search_ui_during_backfill_searches', times.length, 'searches');
    report('search_ui_backfill_events_per_s', last === null ? Number.NaN : (last.lastSeq - first.lastSeq) / seconds, 'events/s');
    // Sampled before each search: finished backfilled conversations a search could not show yet.
    report('search_ui_backfill_facts_lag_mean', lags.reduce((sum, count) => sum + count, 0) / Math.max(1, lags.length), 'conversations');
    report('search_ui_backfill_facts_lag_max', Math.max(0, ...lags), 'conversations');
    // Sampled before each search: the WAL the searches read beside the database file.
    report('search_ui_backfill_wal_max_bytes', Math.max(0, ...walSizes), 'bytes');
  } finally {
    await browser.close();
    await host.stop();
    feed.stop();
  }
}
