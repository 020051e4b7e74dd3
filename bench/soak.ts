/**
 * soak: a shift, accelerated. The simulator in its own process at --speed 8 with 2,000 agents
 * (one hour of wall time is an eight-hour shift), the real host fed by it over its socket, and
 * Chromium open on the busiest queue's page for the whole run (FLOORWATCH_BENCH_SOAK_MS, default
 * one hour). Every 10 s: the host's resident memory, the renderer's resident memory (Chromium's
 * renderer processes, from /proc) and JS heap (CDP Performance.getMetrics), the long tasks the page
 * has had (a PerformanceObserver('longtask')), and the size of the host's WAL file.
 *
 * soak_rss_growth_pct is the larger of the host's and the renderer's growth: the median of the
 * last five minutes' samples against the median of the five minutes after the baseline at 10
 * minutes (two thirds of a shorter run, as embedded-rss scales its baseline); budget ≤ 10 %. The
 * floor-growth lines compare the same windows' lowest samples (after garbage collection), which a
 * leak raises and collection timing does not; the last-sample lines compare one sample with one.
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import type { OverviewMessage, QueueTile } from '../src-shared/api/live.js';
import { CHROMIUM_LAUNCH } from '../playwright.config.js';
import { startHostProcess, type HostProcess } from '../tests/support/host-process.js';
import { rssBytes } from './embedded-rss.js';
import { openApi } from './live-detail.js';
import { startPageProfile } from './page-profile.js';
import { report } from './stats.js';
import { lastWednesdayAt } from './floor-clock.js';
import { startSimProcess, type SimProcess } from './sim-process.js';
import { procStatFields } from './thread-cpu.js';

const DEFAULT_SOAK_MS = 60 * 60_000;
const BASELINE_MS = 10 * 60_000;
const SAMPLE_EVERY_MS = 10_000;
const SPEED = 8;
const AGENTS = 2_000;
const QUEUES = 20;
const FIRST_PAINT_TIMEOUT_MS = 120_000;

interface Sample {
  readonly atMs: number;
  readonly hostRss: number;
  readonly rendererRss: number;
  readonly rendererHeap: number;
  readonly walBytes: number;
  readonly longTasks: number;
  readonly longestTaskMs: number;
  /** The seq the queue page shows, null before it shows one. */
  readonly seq: number | null;
  /** The simulator's last sent seq when the sample was taken. */
  readonly sentSeq: number;
  /** Conversations waiting or with an agent on the whole floor (the overview's `offered`), null when not known. */
  readonly openConversations: number | null;
}

/** The processes below a process (its children, theirs, …), from /proc. */
function descendants(rootPid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/u.test(entry)) continue;
    try {
      parentOf.set(Number(entry), Number(procStatFields(`/proc/${entry}/stat`)[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const frontier = [rootPid];
  while (frontier.length > 0) {
    const pid = frontier.pop() as number;
    for (const [child, parent] of parentOf) {
      if (parent !== pid) continue;
      found.push(child);
      frontier.push(child);
    }
  }
  return found;
}

/**
 * Resident memory of the console page's renderer: of the renderer processes of the Chromium this
 * benchmark started, leaving out the browser's own UI (--top-chrome-webui), the largest (the
 * others are spares kept warm for the next page, nearly empty).
 */
function rendererRssBytes(): number {
  let largest = 0;
  for (const pid of descendants(process.pid)) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!command.includes('--type=renderer') || command.includes('--top-chrome-webui')) continue;
      largest = Math.max(largest, rssBytes(pid));
    } catch {
      // The process ended while we looked.
    }
  }
  if (largest === 0) throw new Error('no Chromium renderer process found');
  return largest;
}

/** Size of the host's write-ahead log: its database lives in the data directory's cache of the feed. */
function walBytes(dataDir: string): number {
  const caches = join(dataDir, 'caches');
  let total = 0;
  for (const cache of readdirSync(caches)) {
    try {
      total += statSync(join(caches, cache, 'floorwatch.db-wal')).size;
    } catch {
      // No WAL (yet) in this cache.
    }
  }
  return total;
}

/** The overview's queue tiles (groups left out), as a console gets them when it subscribes. */
async function overviewQueues(host: HostProcess): Promise<QueueTile[]> {
  const api = await openApi(host);
  try {
    const subscribed = await api.request<unknown>({ op: 'subscribe', subscription: { topic: 'overview' } });
    if (!subscribed.ok) throw new Error(`overview refused: ${subscribed.error}`);
    const overview = (await api.firstPush()) as OverviewMessage;
    return (overview.kind === 'snapshot' ? overview.queues : overview.upsert).filter((tile) => tile.group === undefined);
  } finally {
    api.close();
  }
}

/** The busiest queue of the floor (most live conversations), read from the overview the console gets. */
async function busiestQueue(host: HostProcess): Promise<string> {
  const tiles = await overviewQueues(host);
  const busiest = [...tiles].sort((left, right) => (right.metrics.assigned ?? 0) - (left.metrics.assigned ?? 0))[0];
  if (busiest === undefined) throw new Error('the overview has no queue');
  return busiest.queueId;
}

/**
 * The floor's size: conversations waiting or with an agent, summed over the queues. The simulated
 * day's demand follows each queue's local hour, so the floor at the end of a shift is not the floor
 * at its tenth minute; memory is read beside it. Null when a queue's figure is not known.
 */
async function openConversations(host: HostProcess): Promise<number | null> {
  const tiles = await overviewQueues(host);
  if (tiles.length === 0) return null;
  let total = 0;
  for (const tile of tiles) {
    const offered = tile.metrics.offered;
    if (offered === null) return null;
    total += offered;
  }
  return total;
}

/** Counts the page's long tasks from now on (window.__soak). */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const state = { longTasks: 0, longestMs: 0 };
    (window as unknown as { __soak: typeof state }).__soak = state;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        state.longTasks += 1;
        state.longestMs = Math.max(state.longestMs, entry.duration);
      }
    }).observe({ type: 'longtask' });
  });
}

async function sample(atMs: number, sim: SimProcess, host: HostProcess, page: Page, cdp: CDPSession): Promise<Sample> {
  const sentSeq = sim.headSeq();
  const pid = host.child.pid;
  if (pid === undefined) throw new Error('the host has no pid');
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const heap = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value;
  if (heap === undefined) throw new Error('Chromium reported no JSHeapUsedSize');
  const page_ = await page.evaluate(() => {
    const state = (window as unknown as { __soak: { longTasks: number; longestMs: number } }).__soak;
    const seq = document.querySelector('[data-testid="conversations-tab"]')?.getAttribute('data-as-of-seq');
    return { ...state, seq: seq === null || seq === undefined ? null : Number(seq) };
  });
  return {
    atMs,
    hostRss: rssBytes(pid),
    rendererRss: rendererRssBytes(),
    rendererHeap: heap,
    walBytes: walBytes(host.dataDir),
    longTasks: page_.longTasks,
    longestTaskMs: page_.longestMs,
    seq: page_.seq,
    sentSeq,
    openConversations: await openConversations(host),
  };
}

const growthPct = (from: number, to: number): number => Math.round(((to - from) / from) * 1000) / 10;

/**
 * The window after the baseline and the last window, each up to five minutes (half the time after
 * the baseline in a shorter run): 30 samples each in the hour.
 */
function windows(samples: readonly Sample[], baselineMs: number): { readonly first: Sample[]; readonly last: Sample[] } {
  const final = samples[samples.length - 1] as Sample;
  const windowMs = Math.min(5 * 60_000, Math.round((final.atMs - baselineMs) / 2));
  return {
    first: samples.filter((entry) => entry.atMs >= baselineMs && entry.atMs <= baselineMs + windowMs),
    last: samples.filter((entry) => entry.atMs >= final.atMs - windowMs),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * Growth of a figure from the window after the baseline to the last window: of the windows' medians,
 * and of their lowest samples (after garbage collection), which a leak raises and collection timing
 * does not. One sample against one is not used: within five minutes the host's resident memory
 * moves by up to 17 % as its collector runs (ADR 0049, "The shift, an hour, on a quiet machine").
 */
function windowGrowthPct(samples: readonly Sample[], baselineMs: number, value: (entry: Sample) => number): { readonly median: number; readonly lowest: number } {
  const { first, last } = windows(samples, baselineMs);
  return {
    median: growthPct(median(first.map(value)), median(last.map(value))),
    lowest: growthPct(Math.min(...first.map(value)), Math.min(...last.map(value))),
  };
}

function reportSoak(samples: readonly Sample[], baselineMs: number): void {
  const baseline = samples.find((entry) => entry.atMs >= baselineMs) ?? samples[0];
  const last = samples[samples.length - 1];
  if (baseline === undefined || last === undefined) throw new Error('no soak sample');
  const host = windowGrowthPct(samples, baseline.atMs, (entry) => entry.hostRss);
  const renderer = windowGrowthPct(samples, baseline.atMs, (entry) => entry.rendererRss);
  const rendererHeap = windowGrowthPct(samples, baseline.atMs, (entry) => entry.rendererHeap);
  report('soak_rss_growth_pct', Math.max(host.median, renderer.median), '%');
  report('soak_host_rss_growth_pct', host.median, '%');
  report('soak_renderer_rss_growth_pct', renderer.median, '%');
  report('soak_renderer_heap_growth_pct', rendererHeap.median, '%');
  report('soak_host_rss_floor_growth_pct', host.lowest, '%');
  report('soak_renderer_heap_floor_growth_pct', rendererHeap.lowest, '%');
  // The last sample against the one at the baseline, as the figure was read before it took windows.
  report('soak_host_rss_last_sample_growth_pct', growthPct(baseline.hostRss, last.hostRss), '%');
  report('soak_renderer_rss_last_sample_growth_pct', growthPct(baseline.rendererRss, last.rendererRss), '%');
  // The floor's size beside the memory: a busier floor holds more (ADR 0049, "The shift, an hour").
  const counted = samples.filter((entry) => entry.openConversations !== null);
  const open = (entry: Sample): number => entry.openConversations ?? Number.NaN;
  if (counted.some((entry) => entry.atMs >= baseline.atMs)) {
    report('soak_floor_open_conversations_growth_pct', windowGrowthPct(counted, baseline.atMs, open).median, '%');
    report('soak_floor_open_conversations_max', Math.max(...counted.map(open)), 'conversations');
  }
  report('soak_host_rss_mb_last', Math.round(last.hostRss / 1_048_576), 'MB');
  report('soak_renderer_rss_mb_last', Math.round(last.rendererRss / 1_048_576), 'MB');
  report('soak_renderer_heap_mb_last', Math.round(last.rendererHeap / 1_048_576), 'MB');
  report('soak_long_tasks', last.longTasks, 'tasks');
  report('soak_longest_task_ms', Math.round(last.longestTaskMs), 'ms');
  report('soak_wal_max_bytes', Math.max(...samples.map((entry) => entry.walBytes)), 'bytes');
  const shown = samples.filter((entry) => entry.seq !== null);
  const first = shown[0];
  const lastShown = shown[shown.length - 1];
  const seconds = first !== undefined && lastShown !== undefined ? (lastShown.atMs - first.atMs) / 1000 : 0;
  // How far the screen was behind the feed: a host that cannot keep up shows an old floor.
  report('soak_screen_behind_max_events', Math.max(0, ...shown.map((entry) => entry.sentSeq - (entry.seq ?? 0))), 'events');
  report('soak_events_per_s', seconds > 0 ? ((lastShown?.seq ?? 0) - (first?.seq ?? 0)) / seconds : Number.NaN, 'events/s');
}

/** Runs the soak and prints its figures; FLOORWATCH_BENCH_SOAK_TRACE=1 prints every sample to stderr. */
export async function benchSoak(): Promise<void> {
  const soakMs = Number(process.env.FLOORWATCH_BENCH_SOAK_MS ?? DEFAULT_SOAK_MS);
  if (!Number.isFinite(soakMs) || soakMs < 60_000) throw new Error(`FLOORWATCH_BENCH_SOAK_MS must be at least 60000, got ${String(process.env.FLOORWATCH_BENCH_SOAK_MS)}`);
  const baselineMs = Math.min(BASELINE_MS, Math.round((soakMs * 2) / 3));
  const sim = await startSimProcess({ port: 0, seed: 11, token: 'bench', speed: SPEED, historyDays: 0, floor: { agents: AGENTS, queues: QUEUES, arrivalScale: 1.25, startTime: lastWednesdayAt(8) } });
  let host: HostProcess | null = null;
  let browser: Browser | null = null;
  try {
    host = await startHostProcess(['--feed-url', sim.url, '--feed-token', 'bench', '--backfill-days', '0']);
    browser = await chromium.launch(CHROMIUM_LAUNCH);
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    // The machine may be busy: the first load and first paint get a generous deadline.
    await page.goto(host.consoleUrl, { timeout: FIRST_PAINT_TIMEOUT_MS });
    await page.waitForSelector('[data-testid="overview"][data-as-of-seq]', { timeout: FIRST_PAINT_TIMEOUT_MS });
    const queueId = await busiestQueue(host);
    await page.evaluate((hash) => (window.location.hash = hash), `#/queue/${encodeURIComponent(queueId)}/conversations`);
    await page.waitForSelector('[data-testid="conversations-tab"][data-as-of-seq]', { timeout: FIRST_PAINT_TIMEOUT_MS });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await watchLongTasks(page);
    const profile = await startPageProfile(page);
    const trace = process.env.FLOORWATCH_BENCH_SOAK_TRACE === '1';
    const startedAt = Date.now();
    const samples: Sample[] = [];
    for (;;) {
      const atMs = Date.now() - startedAt;
      if (host.child.exitCode !== null) throw new Error(`the host exited during the soak:\n${host.output().slice(-2000)}`);
      const simExit = sim.exitOutput();
      if (simExit !== null) throw new Error(`the simulator exited during the soak:\n${simExit}`);
      const taken = await sample(atMs, sim, host, page, cdp);
      samples.push(taken);
      if (trace) process.stderr.write(`soak ${JSON.stringify(taken)}\n`);
      if (atMs >= soakMs) break;
      await new Promise((resolve) => setTimeout(resolve, Math.min(SAMPLE_EVERY_MS, soakMs - atMs)));
    }
    await profile.stop('soak');
    reportSoak(samples, baselineMs);
  } finally {
    await browser?.close();
    await host?.stop();
    await sim.stop();
    // An hour of a busy floor is a large cache: leave no copy of it behind.
    if (host !== null) rmSync(host.dataDir, { recursive: true, force: true });
  }
}
