/**
 * The Conversation Manager on the user's path: search_ui_p95_ms, filter_ui_p95_ms and
 * search_prefix_ui_p95_ms, from the click on Search to the results painted in Chromium, through
 * the real host on the bench cache while a simulator feed ingests (its rate is reported beside the
 * figures: the budget assumes ≥ 1,000 events/s). The query set starts with the cache's most
 * frequent words — what users type first, and the worst case for a full-text index.
 */
import { chromium, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { CHROMIUM_LAUNCH } from '../playwright.config.js';
import { loadSimulator } from '../tests/support/host-process.js';
import { percentile, report } from './stats.js';

const FREQUENT_WORDS = 8;
const OTHER_WORDS = 16;
const PREFIXES = 12;
const FILTER_RUNS = 16;
/** A floor large enough to send over 1,000 events/s on its own. */
const FEED_FLOOR = { agents: 2_000, queues: 20, arrivalScale: 1.25 } as const;
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

/** Filter questions: each a set of [field, value, value that clears it]; durations are in minutes by default. */
const FILTERS: readonly (readonly (readonly [string, string, string])[])[] = [
  [['history-filter-csat-max', '2', '']],
  [['history-filter-handleTimeSec-min', '15', '']],
  [['history-filter-resolved', 'no', 'any']],
  [['history-filter-waitSec-min', '2', ''], ['history-filter-csat-min', '4', '']],
];

/** Runs the user's-path figures on the cache at `cachePath` (opened in place by the host). */
export async function benchHistoryUi(cachePath: string, startHost: StartHost): Promise<void> {
  const questions = questionsOf(cachePath);
  const { startSimServer } = await loadSimulator();
  const sim = await startSimServer({ port: 0, seed: 17, tokenSeed: 'bench-history-ui', floor: { ...FEED_FLOOR, startTime: Date.now() } });
  // A WFM leader: the Conversation Manager needs history.view.
  const leader = sim.users().find((entry) => entry.user.userId === 'wfm-leader');
  if (leader === undefined) throw new Error('the simulator has no WFM leader');
  const host = await startHost(cachePath, ['--feed-url', sim.url, '--feed-token', leader.token, '--backfill-days', '0']);
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    // The host serves the page while it takes the feed's snapshot of a large floor: wait for the view, not the load event.
    // The console URL's fragment carries its token; the route is set once the page has read it.
    await page.goto(host.consoleUrl, { waitUntil: 'commit', timeout: PAGE_LIMIT_MS });
    await page.waitForSelector('[data-testid="connection-state"]', { timeout: PAGE_LIMIT_MS });
    await page.evaluate(() => {
      window.location.hash = '#/history';
    });
    await page.waitForSelector('[data-testid="history-search-text"]', { timeout: PAGE_LIMIT_MS });
    await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
    const firstSeq = sim.headSeq();
    const started = Date.now();

    const searchTimes: number[] = [];
    let rowsShown = 0;
    for (const word of questions.words) {
      await setField(page, 'history-search-text', word);
      searchTimes.push(await timedSearch(page));
      rowsShown += await page.locator('[data-testid="history-row"]').count();
    }
    const prefixTimes: number[] = [];
    for (const prefix of questions.prefixes) {
      await setField(page, 'history-search-text', prefix);
      prefixTimes.push(await timedSearch(page));
    }
    await setField(page, 'history-search-text', '');
    const filterTimes: number[] = [];
    for (let run = 0; run < FILTER_RUNS; run++) {
      const filters = FILTERS[run % FILTERS.length] ?? [];
      for (const [field, value] of filters) await setField(page, field, value);
      filterTimes.push(await timedSearch(page));
      for (const [field, , cleared] of filters) await setField(page, field, cleared);
    }
    const seconds = (Date.now() - started) / 1000;
    report('search_ui_feed_events_per_s', (sim.headSeq() - firstSeq) / seconds, 'events/s');
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
