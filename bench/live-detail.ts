/**
 * live_event_to_dom: the queue detail under a stressed floor (≥ 2,000 agents, ≥ 300 live
 * conversations, ≥ 1,000 events/s) with the conversations table and a transcript open. The table
 * carries the seq it renders (data-as-of-seq); a MutationObserver records when each value
 * appears, as bench/event-to-dom.ts does for the overview. Chromium's 'longtask' entries over
 * 50 ms during the window are counted: the page must stay responsive while it updates.
 */
import { chromium } from '@playwright/test';
import WebSocket from 'ws';
import { API_PATH, API_SUBPROTOCOL, API_TOKEN_SUBPROTOCOL_PREFIX } from '../src-shared/api/contract.js';
import type { ApiRequestInput, ServerMessage } from '../src-shared/api/contract.js';
import type { OverviewMessage } from '../src-shared/api/live.js';
import type { QueueGroup } from '../src-shared/api/live-insights.js';
import type { Result } from '../src-shared/result.js';
import { CHROMIUM_LAUNCH } from '../playwright.config.js';
import { loadSimulator, startHostProcess, type HostProcess } from '../tests/support/host-process.js';
import { percentile, report } from './stats.js';

const AGENTS = 2_000;
const QUEUES = 20;
const ARRIVAL_SCALE = 1.25;
const MIN_LIVE_CONVERSATIONS = 300;
const SECONDS = 30;

/** A weekday afternoon (15:00 UTC), whatever the hour the benchmark runs: demand follows the queues' local day. */
function busyAfternoon(): number {
  const today = new Date();
  return Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), 15);
}

interface ApiSocket {
  request<T>(request: ApiRequestInput): Promise<Result<T>>;
  /** The first message pushed on any subscription. */
  firstPush(): Promise<unknown>;
  close(): void;
}

/** A connection to the host's API socket, speaking the console's own wire. */
export async function openApi(host: HostProcess): Promise<ApiSocket> {
  const token = new URL(host.consoleUrl).hash.replace(/^#token=/, '');
  const socket = new WebSocket(`${host.origin.replace(/^http/, 'ws')}${API_PATH}`, [API_SUBPROTOCOL, `${API_TOKEN_SUBPROTOCOL_PREFIX}${token}`]);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const pushes: unknown[] = [];
  let onPush: ((message: unknown) => void) | null = null;
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as ServerMessage;
    if (message.kind === 'response') pending.get(message.id)?.(message.result);
    else if (message.kind !== 'push') return;
    else if (onPush !== null) onPush(message.message);
    else pushes.push(message.message);
  });
  let nextId = 1;
  return {
    request<T>(request: ApiRequestInput) {
      const id = nextId++;
      return new Promise<Result<T>>((resolve) => {
        pending.set(id, resolve as (result: Result<unknown>) => void);
        socket.send(JSON.stringify({ kind: 'request', id, request }));
      });
    },
    firstPush: () => (pushes.length > 0 ? Promise.resolve(pushes[0]) : new Promise((resolve) => (onPush = resolve))),
    close: () => socket.close(),
  };
}

/**
 * The detail to open: the busiest chat queue when it alone holds enough live conversations,
 * otherwise a group of the busiest chat queues that together do.
 */
async function detailHash(host: HostProcess): Promise<string> {
  const api = await openApi(host);
  try {
    const subscribed = await api.request<unknown>({ op: 'subscribe', subscription: { topic: 'overview' } });
    if (!subscribed.ok) throw new Error(`overview refused: ${subscribed.error}`);
    const overview = (await api.firstPush()) as OverviewMessage;
    const tiles = (overview.kind === 'snapshot' ? overview.queues : overview.upsert)
      .filter((tile) => tile.group === undefined && tile.channel === 'chat')
      .sort((left, right) => (right.metrics.assigned ?? 0) - (left.metrics.assigned ?? 0));
    const chosen: string[] = [];
    let live = 0;
    for (const tile of tiles) {
      if (live >= MIN_LIVE_CONVERSATIONS) break;
      chosen.push(tile.queueId);
      live += tile.metrics.assigned ?? 0;
    }
    if (chosen.length === 1) return `#/queue/${encodeURIComponent(chosen[0] ?? '')}/conversations`;
    const group = await api.request<QueueGroup>({ op: 'command', commandId: 'bench-live-detail-group', command: { type: 'group.save', name: 'Busiest chat queues', queueIds: chosen } });
    if (!group.ok) throw new Error(`group.save refused: ${group.error}`);
    return `#/group/${encodeURIComponent(group.value.groupId)}/conversations`;
  } finally {
    api.close();
  }
}

interface PageFigures {
  readonly marks: readonly (readonly [number, number])[];
  readonly longTasks: number;
  readonly rows: number;
}

/** Runs the scenario and prints its figures, one per line. */
export async function benchLiveDetail(): Promise<void> {
  const { startSimServer } = await loadSimulator();
  const sim = await startSimServer({ port: 0, seed: 11, token: 'bench', floor: { agents: AGENTS, queues: QUEUES, arrivalScale: ARRIVAL_SCALE, startTime: busyAfternoon() } });
  const host = await startHostProcess(['--feed-url', sim.url, '--feed-token', 'bench', '--backfill-days', '0']);
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(host.consoleUrl);
    await page.waitForSelector('[data-testid="overview"][data-as-of-seq]');
    await page.evaluate((hash) => {
      window.location.hash = hash;
    }, await detailHash(host));
    await page.waitForSelector('[data-testid="conversation-row"]', { timeout: 60_000 });
    // A transcript open beside the table, of the newest conversation (the likeliest to stay live).
    await page.getByTestId('sort-assignedAt').click();
    await page.getByTestId('conversation-row').first().click();
    await page.waitForSelector('[data-testid="transcript-entries"]', { timeout: 30_000 });

    await page.evaluate(() => {
      const target = document.querySelector('[data-testid="conversations-tab"]');
      const state = { marks: [] as [number, number][], longTasks: 0 };
      (window as unknown as { __live: typeof state }).__live = state;
      new MutationObserver(() => {
        state.marks.push([Number(target?.getAttribute('data-as-of-seq')), Date.now()]);
      }).observe(target as Element, { attributes: true, attributeFilter: ['data-as-of-seq'] });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (entry.duration > 50) state.longTasks += 1;
      }).observe({ type: 'longtask' });
    });

    const emittedAt = new Map<number, number>();
    let measuring = true;
    const off = sim.onEmit((events, at) => {
      if (!measuring) return;
      for (const event of events) emittedAt.set(event.seq, at);
    });
    const firstSeq = sim.headSeq() + 1;
    await new Promise((resolve) => setTimeout(resolve, SECONDS * 1_000));
    measuring = false;
    off();
    const lastSeq = sim.headSeq();
    // Let the last events reach the screen before reading the marks.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const figures = await page.evaluate((): PageFigures => {
      const state = (window as unknown as { __live: { marks: [number, number][]; longTasks: number } }).__live;
      const rows = Number(document.querySelector('[data-testid="conversations-table"]')?.getAttribute('data-total-rows') ?? 0);
      return { marks: state.marks, longTasks: state.longTasks, rows };
    });

    const latencies: number[] = [];
    let markIndex = 0;
    const seqs = [...emittedAt.keys()].filter((seq) => seq >= firstSeq).sort((a, b) => a - b);
    for (const seq of seqs) {
      while (markIndex < figures.marks.length && (figures.marks[markIndex]?.[0] ?? 0) < seq) markIndex++;
      const mark = figures.marks[markIndex];
      if (!mark) break;
      latencies.push(mark[1] - (emittedAt.get(seq) ?? mark[1]));
    }
    report('live_events_per_s', (lastSeq - firstSeq + 1) / SECONDS, 'events/s');
    report('live_agents', AGENTS, 'agents');
    report('live_conversations', figures.rows, 'conversations');
    report('live_event_to_dom_samples', latencies.length, 'events');
    report('live_event_to_dom_p50_ms', percentile(latencies, 50), 'ms');
    report('live_event_to_dom_p99_ms', percentile(latencies, 99), 'ms');
    report('live_long_tasks_over_50ms', figures.longTasks, 'tasks');
  } finally {
    await browser.close();
    await host.stop();
    await sim.close();
  }
}
