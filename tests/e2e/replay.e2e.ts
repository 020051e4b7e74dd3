/**
 * Floor replay in Chromium: the live tiles are recorded at an event the page shows (its
 * data-as-of-seq), the replay seeks to a moment before that event and steps forward to it, and its
 * tiles must read as the live tiles read then; the event's time and the events after it are read
 * from the cache's own log (better-sqlite3), so the moment is checked against the stored log. Then
 * it plays, returns to live with Escape, and replays again with the feed gone.
 */
import AxeBuilder from '@axe-core/playwright';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { ReplayRange } from '../../src-shared/api/replay.js';
import { LIVE_STREAM } from '../../src-shared/protocol/frames.js';
import { cacheDirFor } from '../../src-main/core/connections/cache-key.js';
import { busyAfternoon } from '../support/busy-floor.js';
import { openConsole, rawRequest } from '../support/console-page.js';
import { type HostProcess } from '../support/host-process.js';
import { startSimAndHost } from '../support/sim-and-host.js';
import type { SimServer } from '../../src-main/sim/index.js';

/** Figures that depend on the floor's state alone, not on the clock they are read at. */
const STATE_FIGURES = ['queued', 'agentsAvailable', 'agentsBusy', 'agentsAway'] as const;

let sim: SimServer | undefined;
let host: HostProcess;

test.beforeEach(async () => {
  ({ sim, host } = await startSimAndHost({ sim: { port: 0, seed: 5, token: 'e2e-feed-token', heartbeatIntervalMs: 250, floor: { startTime: busyAfternoon() } } }));
});

test.afterEach(async ({}, testInfo) => {
  // A failure keeps what the host printed, and whether it had exited, beside the page's snapshot.
  if (testInfo.status !== testInfo.expectedStatus) {
    await testInfo.attach('host output', { body: `exit code ${String(host.child.exitCode)}, signal ${String(host.child.signalCode)}\n${host.output()}`, contentType: 'text/plain' });
  }
  await host?.stop();
  await sim?.close();
  sim = undefined;
});

interface Recorded {
  readonly seq: number;
  /** queueId → the state figures' texts. */
  readonly tiles: Readonly<Record<string, readonly string[]>>;
}

/** The live overview's seq and its tiles' state figures, read in one go from one committed render. */
async function recordLive(page: Page): Promise<Recorded> {
  return page.evaluate((figures) => {
    const overview = document.querySelector('[data-testid="overview"]');
    const tiles: Record<string, string[]> = {};
    for (const tile of Array.from(document.querySelectorAll('[data-testid="queue-tile"][data-queue-id]'))) {
      tiles[tile.getAttribute('data-queue-id') ?? ''] = figures.map((metric) => tile.querySelector(`[data-metric="${metric}"]`)?.textContent?.trim() ?? '');
    }
    return { seq: Number(overview?.getAttribute('data-as-of-seq')), tiles };
  }, [...STATE_FIGURES]);
}

async function replayedTiles(page: Page): Promise<Record<string, readonly string[]>> {
  return page.evaluate((figures) => {
    const tiles: Record<string, string[]> = {};
    for (const tile of Array.from(document.querySelectorAll('[data-testid="replay-tile"][data-queue-id]'))) {
      tiles[tile.getAttribute('data-queue-id') ?? ''] = figures.map((metric) => tile.querySelector(`[data-metric="${metric}"]`)?.textContent?.trim() ?? '');
    }
    return tiles;
  }, [...STATE_FIGURES]);
}

/** The stored event `seq` of the live stream's current epoch: its time, and whether a later event shares it. */
function storedEvent(cacheDir: string, seq: number): { readonly time: number; readonly sharedLater: boolean } | null {
  const db = new Database(join(cacheDir, 'floorwatch.db'), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare<[string, number], { epoch: string; time: number }>('SELECT epoch, time FROM events WHERE stream = ? AND seq = ? ORDER BY time DESC LIMIT 1').get(LIVE_STREAM, seq);
    if (row === undefined) return null;
    const later = db.prepare<[string, string, number, number], number>('SELECT count(*) FROM events WHERE stream = ? AND epoch = ? AND seq > ? AND time <= ?').pluck().get(LIVE_STREAM, row.epoch, seq, row.time) ?? 0;
    return { time: row.time, sharedLater: later > 0 };
  } finally {
    db.close();
  }
}

/** Accessibility rule violations on the page as it stands, by rule id and the nodes' targets. */
async function axeViolations(page: Page): Promise<readonly string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

async function replaySeq(page: Page): Promise<number> {
  return Number(await page.getByTestId('replay').getAttribute('data-seq'));
}

test('replay seeks to a past moment, shows its tiles as the stored log has them, plays, and returns to live', async ({ page }) => {
  test.setTimeout(120_000);
  await openConsole(page, host);
  // The host keeps one cache per feed and token under its data directory.
  const cacheDir = cacheDirFor(host.dataDir, { kind: 'remote', url: sim?.url ?? '', token: 'e2e-feed-token' });

  // A live moment whose event the log holds, after the replay's first checkpoint, with no later event at its time.
  const range = async (): Promise<ReplayRange | null> => {
    const answer = await rawRequest<ReplayRange>(host, { op: 'query', query: { type: 'replay.range' } });
    return answer.ok ? answer.value : null;
  };
  let recorded: Recorded | null = null;
  let eventTime = 0;
  await expect
    .poll(
      async () => {
        const live = await recordLive(page);
        const stored = storedEvent(cacheDir, live.seq);
        const known = await range();
        if (stored === null || stored.sharedLater || known === null || stored.time <= known.from + 1_000) return false;
        recorded = live;
        eventTime = stored.time;
        return true;
      },
      { timeout: 60_000, message: 'a live moment the replay can reach' },
    )
    .toBe(true);
  const live = recorded as Recorded | null;
  if (live === null) throw new Error('no live moment recorded');
  expect(Object.keys(live.tiles).length).toBeGreaterThanOrEqual(8);

  await page.getByRole('link', { name: 'Replay' }).click();
  const replay = page.getByTestId('replay');
  await expect(page.getByTestId('replay-band')).toContainText('REPLAY');
  await expect(page.getByTestId('replay-tile').first()).toBeVisible();

  // Seek to the whole second before the event on the scrubber, then step forward to the event.
  const scrubber = page.getByTestId('replay-scrubber');
  const from = Number(await scrubber.getAttribute('min'));
  const target = from + Math.floor((eventTime - from) / 1000) * 1000;
  await scrubber.fill(String(target));
  await expect(replay).toHaveAttribute('data-at', String(target));
  await expect(page.getByTestId('replay-time')).toHaveText(/^\d{2}:\d{2}:\d{2}$/);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  expect(await replaySeq(page)).toBeLessThanOrEqual(live.seq);
  while ((await replaySeq(page)) < live.seq) {
    const before = await replaySeq(page);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => replaySeq(page)).toBeGreaterThan(before);
  }
  expect(await replaySeq(page)).toBe(live.seq);
  expect(await replayedTiles(page)).toEqual(live.tiles);
  expect(await axeViolations(page)).toEqual([]);

  // One queue as it was: its own band, its agents and conversations.
  const queueId = Object.keys(live.tiles).sort()[0] ?? '';
  await page.locator(`[data-testid="replay-tile"][data-queue-id="${queueId}"]`).getByTestId('replay-tile-open').click();
  await expect(page.getByTestId('replay-queue-band')).toContainText('REPLAY');
  await expect(page.getByTestId('agent-row').first()).toBeVisible();
  await expect(page.getByTestId('replay-queue-figures').locator('[data-metric="queued"]')).toHaveText(live.tiles[queueId]?.[0] || '0');
  if ((await page.getByTestId('conversation-row').count()) > 0) {
    await page.getByTestId('conversation-row').first().press('Enter');
    await expect(page.getByTestId('replay-transcript')).toBeVisible();
  }
  expect(await axeViolations(page)).toEqual([]);
  await page.getByTestId('replay-queue-close').click();

  // Play at 60×: the replayed moment moves on by itself, up to the end of the log it opened on.
  // It starts from the beginning of the log, so there is always log ahead of it to play.
  await scrubber.fill(String(from));
  await expect(replay).toHaveAttribute('data-at', String(from));
  const pausedAt = from;
  await page.getByTestId('replay-speed-60').click();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Space');
  await expect.poll(async () => Number(await replay.getAttribute('data-at')), { timeout: 20_000 }).toBeGreaterThan(pausedAt);

  // One key back to live.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('overview')).toBeVisible();
  await expect(replay).toHaveCount(0);
  await expect(page.getByTestId('connection-state')).toHaveText(/live/i);

  // With the feed gone, the replay still runs from the cache's log.
  await sim?.close();
  sim = undefined;
  await expect(page.getByTestId('connection-state')).not.toHaveText(/live/i);
  await page.getByRole('link', { name: 'Replay' }).click();
  await expect(page.getByTestId('replay-tile').first()).toBeVisible();
  await scrubber.fill(String(target));
  await expect(replay).toHaveAttribute('data-at', String(target));
});
