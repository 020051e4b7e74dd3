/**
 * wallboard: a TV board under load in Chromium. A board with an agent grid over a floor of 1,000
 * agents, 20 queue tiles and 4 charts, while the simulator emits at least 1,000 events/s for
 * 30 s. Once the board is complete and has settled, the page records requestAnimationFrame
 * deltas (the time between painted frames) and long tasks (PerformanceObserver 'longtask', > 50 ms
 * by definition).
 */
import { chromium } from '@playwright/test';
import WebSocket from 'ws';
import { API_PATH, API_SUBPROTOCOL, API_TOKEN_SUBPROTOCOL_PREFIX } from '../src-shared/api/contract.js';
import type { Result } from '../src-shared/result.js';
import { BOARD_SCHEMA_NAME, BOARD_SCHEMA_VERSION, type Board, type BoardTile } from '../src-shared/wallboard/board.js';
import { CHROMIUM_LAUNCH } from '../playwright.config.js';
import { loadSimulator, startHostProcess } from '../tests/support/host-process.js';
import { percentile, report } from './stats.js';

const AGENTS = 1_000;
const QUEUES = 20;
/** Demand above a normal afternoon, on a clock running 1.6× faster, so the floor emits at least 1,000 events/s (reported). */
const ARRIVAL_SCALE = 2.5;
const SPEED = 1.6;
const SECONDS = 30;
/** After the board is complete, before measuring: the first seconds mount the cells as the roster arrives. */
const SETTLE_MS = 5_000;
const BOARD_ID = 'bench-wallboard';

/** The same weekday afternoon as the other browser benchmarks, whatever the hour of the run. */
function busyAfternoon(): number {
  const today = new Date();
  return Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), 15);
}

/** 22×15 cells: the agent grid on the left, 20 queue tiles (4 a row) top right, 4 charts below them. */
export function benchBoard(queueIds: readonly string[]): Board {
  const tiles: BoardTile[] = [{ kind: 'agent_grid', tileId: 'agents', queueIds: [], x: 0, y: 0, w: 10, h: 15 }];
  queueIds.slice(0, 20).forEach((queueId, index) => {
    tiles.push({ kind: 'queue', tileId: `queue-${index}`, queueId, x: 10 + (index % 4) * 3, y: Math.floor(index / 4) * 2, w: 3, h: 2 });
  });
  const charts: BoardTile[] = [
    { kind: 'chart', tileId: 'chart-queued', series: 'queued', queueIds: [], hours: 4, x: 10, y: 10, w: 3, h: 5 },
    { kind: 'chart', tileId: 'chart-service-level', series: 'service_level', queueIds: [], hours: 4, x: 13, y: 10, w: 3, h: 5 },
    { kind: 'chart', tileId: 'chart-volume', series: 'volume', queueIds: [], hours: 12, x: 16, y: 10, w: 3, h: 5 },
    { kind: 'chart', tileId: 'chart-queued-first', series: 'queued', queueIds: queueIds.slice(0, 5), hours: 2, x: 19, y: 10, w: 3, h: 5 },
  ];
  return { schema: BOARD_SCHEMA_NAME, version: BOARD_SCHEMA_VERSION, boardId: BOARD_ID, name: 'Benchmark board', theme: 'dark', columns: 22, rows: 15, tiles: [...tiles, ...charts] };
}

/** One request over the console's API socket, as the page would send it. */
async function apiRequest(origin: string, token: string, request: unknown): Promise<unknown> {
  const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}${API_PATH}`, [API_SUBPROTOCOL, `${API_TOKEN_SUBPROTOCOL_PREFIX}${token}`], { headers: { Origin: origin } });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const result = await new Promise<Result<unknown>>((resolve) => {
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { kind: string; id?: number; result?: Result<unknown> };
        if (message.kind === 'response' && message.id === 1 && message.result !== undefined) resolve(message.result);
      });
      socket.send(JSON.stringify({ kind: 'request', id: 1, request }));
    });
    if (!result.ok) throw new Error(`the console refused ${JSON.stringify(request).slice(0, 120)}: ${result.error}`);
    return result.value;
  } finally {
    socket.close();
  }
}

interface PageFigures {
  readonly frames: number[];
  readonly longTasks: number[];
}

export async function benchWallboard(): Promise<void> {
  const { startSimServer } = await loadSimulator();
  const sim = await startSimServer({ port: 0, seed: 13, token: 'bench', speed: SPEED, floor: { agents: AGENTS, queues: QUEUES, arrivalScale: ARRIVAL_SCALE, startTime: busyAfternoon() } });
  const host = await startHostProcess(['--feed-url', sim.url, '--feed-token', 'bench', '--backfill-days', '0']);
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const token = new URLSearchParams(new URL(host.consoleUrl).hash.slice(1)).get('token') ?? '';
    // The core learns the floor's queues from the feed's first snapshot; the board needs them.
    let queues: readonly { queueId: string }[] = [];
    const deadline = Date.now() + 60_000;
    while (queues.length < QUEUES) {
      if (Date.now() > deadline) throw new Error(`the console knows ${queues.length} of ${QUEUES} queues after 60 s`);
      queues = (await apiRequest(host.origin, token, { op: 'query', query: { type: 'queues.list' } })) as readonly { queueId: string }[];
      if (queues.length < QUEUES) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await apiRequest(host.origin, token, { op: 'command', commandId: `bench-${Date.now()}`, command: { type: 'wallboard.board.save', board: benchBoard(queues.map((queue) => queue.queueId)) } });

    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(host.consoleUrl);
    await page.goto(`${host.origin}/#/wallboard/${BOARD_ID}`);
    await page.waitForFunction((agents) => document.querySelectorAll('[data-testid="agent-cell"]').length >= agents, AGENTS, { timeout: 60_000 });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="queue-tile"]').length >= 20 && document.querySelectorAll('[data-testid="wallboard-chart"] canvas').length === 4, undefined, {
      timeout: 60_000,
    });

    await page.waitForTimeout(SETTLE_MS);

    await page.evaluate(() => {
      const figures: PageFigures = { frames: [], longTasks: [] };
      (window as unknown as { __wallboardBench: PageFigures }).__wallboardBench = figures;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) figures.longTasks.push(entry.duration);
      }).observe({ type: 'longtask', buffered: false });
      let last = performance.now();
      const frame = (now: number): void => {
        figures.frames.push(now - last);
        last = now;
        requestAnimationFrame(frame);
      };
      requestAnimationFrame((now) => {
        last = now;
        requestAnimationFrame(frame);
      });
    });

    const firstSeq = sim.headSeq() + 1;
    await new Promise((resolve) => setTimeout(resolve, SECONDS * 1_000));
    const lastSeq = sim.headSeq();
    const figures = await page.evaluate(() => (window as unknown as { __wallboardBench: PageFigures }).__wallboardBench);
    const cells = await page.locator('[data-testid="agent-cell"]').count();

    report('wallboard_events_per_s', (lastSeq - firstSeq + 1) / SECONDS, 'events/s');
    report('wallboard_agent_cells', cells, 'cells');
    report('wallboard_frames', figures.frames.length, 'frames');
    report('wallboard_frame_p50_ms', percentile(figures.frames, 50), 'ms');
    report('wallboard_frame_p95_ms', percentile(figures.frames, 95), 'ms');
    // At 60 Hz a frame is due every 16.7 ms: a delta past 1.5 intervals means at least one frame was not painted.
    report('wallboard_frames_dropped', figures.frames.filter((delta) => delta > 25).length, 'frames');
    report('wallboard_frame_max_ms', figures.frames.length === 0 ? Number.NaN : Math.max(...figures.frames), 'ms');
    report('wallboard_long_tasks_over_50ms', figures.longTasks.length, 'tasks');
  } finally {
    await browser.close();
    await host.stop();
    await sim.close();
  }
}
