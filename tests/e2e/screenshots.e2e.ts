/**
 * The README's screenshots, produced by the test run: overview, a queue's detail, the history
 * list, and a wallboard, in the dark and the light theme, at 1440×900 and 1920×1080,
 * saved as docs/screenshots/<view>-<theme>-<width>x<height>.png. The floor is the seeded simulator
 * on a busy afternoon, photographed once it is populated, so the pictures show a working floor.
 * Insights is photographed afterwards on a second floor with days of history behind it, cached and
 * computed first as the Insights tests have it (startPopulatedFloor), so its dashboard shows
 * figures over the last 7 days whatever the hour of the run. A view added later appends itself to SHOTS.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ROOT, startHostProcess, type HostProcess } from '../support/host-process.js';
import { busyAfternoon } from '../support/busy-floor.js';
import { floorIds, type FloorIds } from '../support/routes.js';
import { startPopulatedFloor, type PopulatedFloor } from '../support/populated-cache.js';

const OUT = join(ROOT, 'docs', 'screenshots');
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
] as const;
const THEMES = ['dark', 'light'] as const;
type Theme = (typeof THEMES)[number];

interface Shot {
  readonly name: string;
  /** Taken afterwards on a floor with a cached past (Historical Insights) instead of the busy afternoon. */
  readonly past?: true;
  /** Moves to the view and waits until it shows what the picture is for. */
  readonly show: (page: Page, ids: ShotIds, theme: Theme) => Promise<void>;
}

interface ShotIds extends FloorIds {
  /** The board to photograph in each theme (a board carries its own theme). */
  readonly boards: Readonly<Record<Theme, string>>;
}

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((target) => {
    window.location.hash = target;
  }, hash);
}

const SHOTS: Shot[] = [
  {
    name: 'overview',
    show: async (page) => {
      await go(page, '#/');
      await expect(page.getByTestId('queue-tile').first()).toBeVisible();
    },
  },
  {
    name: 'queue',
    show: async (page, ids) => {
      await go(page, `#/queue/${ids.queueId}/conversations`);
      await expect(page.getByTestId('conversation-row').first()).toBeVisible();
    },
  },
  {
    name: 'history',
    show: async (page) => {
      await go(page, '#/history');
      await expect(page.getByTestId('history-row').first()).toBeVisible();
    },
  },
  {
    name: 'insights',
    past: true,
    show: async (page) => {
      await go(page, '#/insights/builtin-program');
      await expect(page.getByTestId('insights-widget').first()).toBeVisible();
      // Every widget has answered: the picture shows figures, not spinners nor "not known".
      await expect(page.locator('[data-testid="insights-widget"][data-state="loading"]')).toHaveCount(0, { timeout: 30_000 });
      await expect(page.locator('[data-testid="insights-figure"][data-known="true"]').first()).toBeVisible();
    },
  },
  {
    name: 'alerts',
    show: async (page) => {
      await go(page, '#/alerts');
      await expect(page.getByTestId('alerts-view')).toBeVisible();
    },
  },
  {
    name: 'wallboard',
    show: async (page, ids, theme) => {
      await go(page, `#/wallboard/${ids.boards[theme]}`);
      await expect(page.getByTestId('wallboard-tile').first()).toBeVisible();
      await expect(page.getByTestId('wallboard-player')).toHaveAttribute('data-board-id', ids.boards[theme]);
    },
  },
];

/** Each shot in each theme at each size, saved under its name. */
async function photograph(page: Page, ids: ShotIds, shots: readonly Shot[]): Promise<void> {
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const shot of shots) {
        await shot.show(page, ids, theme);
        // A lagging feed dims the figures and shows a banner: the pictures show a live floor.
        await expect(page.locator('[data-stale="true"]')).toHaveCount(0, { timeout: 30_000 });
        // The focus ring of the last click is not part of the picture.
        await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
        await page.screenshot({ path: join(OUT, `${shot.name}-${theme}-${size.width}x${size.height}.png`), animations: 'disabled', caret: 'hide' });
      }
    }
  }
}

let host: HostProcess | undefined;
let pastFloor: PopulatedFloor | undefined;

test.afterEach(async () => {
  await host?.stop();
  host = undefined;
  await pastFloor?.stop();
  pastFloor = undefined;
});

/** The busiest chat queue: its detail has conversations to show. */
async function busiestQueue(page: Page): Promise<string> {
  return page.locator('[data-testid="queue-tile"]').evaluateAll((tiles) => {
    let best = { queueId: '', busy: -1 };
    for (const tile of tiles) {
      const busy = Number(tile.querySelector('[data-metric="agentsBusy"]')?.textContent ?? '0');
      if (busy > best.busy) best = { queueId: tile.getAttribute('data-queue-id') ?? '', busy };
    }
    return best.queueId;
  });
}

test('screenshots of the main views in both themes at two window sizes', async ({ page }) => {
  test.setTimeout(900_000);
  mkdirSync(OUT, { recursive: true });
  host = await startHostProcess(['--seed', '7', '--sim-start', String(busyAfternoon()), '--user', 'admin', '--backfill-days', '1']);
  await page.goto(host.consoleUrl);
  await expect(page.getByTestId('connection-state')).toHaveText(/live/i, { timeout: 60_000 });
  // The first-run question answered as a new user would, so the floor fills the pictures.
  await page.getByTestId('use-simulated').click();
  await expect(page.getByTestId('first-run')).toHaveCount(0);
  await expect(page.getByTestId('connection-state')).toHaveText(/live/i);
  // Populated: every queue has its tile and some agents are busy with customers.
  await expect.poll(async () => Number(await page.getByTestId('overview-queue-count').locator('strong').textContent()), { timeout: 30_000 }).toBeGreaterThanOrEqual(8);
  await expect.poll(async () => (await page.locator('[data-testid="queue-tile"] [data-metric="agentsBusy"]').allTextContents()).some((text) => Number(text) > 0), { timeout: 30_000 }).toBe(true);
  const floor = await floorIds(page, host);
  const ids: ShotIds = { ...floor, queueId: await busiestQueue(page), boards: { dark: floor.boardId, light: floor.lightBoardId } };
  await photograph(page, ids, SHOTS.filter((shot) => shot.past !== true));
  await host.stop();
  host = undefined;

  // The past first, then its pictures: two days of a floor's history cached and every figure
  // computed (the floor still live), as the Insights tests have it.
  pastFloor = await startPopulatedFloor({ days: 2, seed: 7, agents: 16, timeoutMs: 300_000 });
  expect(pastFloor.cacheInfo?.conversations ?? 0).toBeGreaterThan(0);
  await page.goto(pastFloor.host.consoleUrl);
  await expect(page.getByTestId('connection-state')).toHaveText(/live/i, { timeout: 60_000 });
  await photograph(page, ids, SHOTS.filter((shot) => shot.past === true));
});
