/**
 * Every route of the console that an end-to-end sweep visits (accessibility, screenshots): where
 * it is, what shows that it is drawn, and, for a view reached by a click rather than a link, the
 * click. A new view appends its entry here, so the sweeps cover it without being edited.
 */
import { expect, type Page } from '@playwright/test';
import type { WallboardSetup } from '../../src-shared/api/wallboard.js';
import type { Board } from '../../src-shared/wallboard/board.js';
import { rawRequest } from './console-page.js';
import type { HostProcess } from './host-process.js';

/** Ids a route needs that only the running floor knows. */
export interface FloorIds {
  readonly queueId: string;
  readonly groupId: string | null;
  readonly conversationId: string | null;
  /** A dark board (a built-in one) and a light copy of it: a board carries its own theme. */
  readonly boardId: string;
  readonly lightBoardId: string;
}

export interface ConsoleRoute {
  /** Short and file-name safe: `queue-performance`. */
  readonly name: string;
  /** The fragment, with its '#'. */
  readonly hash: (ids: FloorIds) => string | null;
  /** The test id of the element that shows the view is drawn with its data. */
  readonly ready: string;
  /** What to do once it is drawn, for a view opened by a button (an editor). */
  readonly open?: (page: Page) => Promise<void>;
}

export const CONSOLE_ROUTES: ConsoleRoute[] = [
  { name: 'overview', hash: () => '#/', ready: 'queue-tile' },
  {
    name: 'overview-explain',
    hash: () => '#/',
    ready: 'queue-tile',
    open: async (page) => {
      await page.getByTestId('queue-tile-link').first().focus();
      await page.keyboard.press('e');
      await expect(page.getByTestId('explain-figures')).toBeVisible();
    },
  },
  { name: 'queue-conversations', hash: (ids) => `#/queue/${ids.queueId}/conversations`, ready: 'conversations-tab' },
  { name: 'queue-performance', hash: (ids) => `#/queue/${ids.queueId}/performance`, ready: 'performance-tab' },
  { name: 'queue-staffing', hash: (ids) => `#/queue/${ids.queueId}/staffing`, ready: 'staffing-tab' },
  { name: 'group', hash: (ids) => (ids.groupId === null ? null : `#/group/${ids.groupId}/conversations`), ready: 'conversations-tab' },
  { name: 'dictionary', hash: () => '#/dictionary/serviceLevelPct', ready: 'dictionary' },
  { name: 'history', hash: () => '#/history', ready: 'history-view' },
  { name: 'history-conversation', hash: (ids) => (ids.conversationId === null ? null : `#/history/${ids.conversationId}`), ready: 'transcript' },
  {
    name: 'audit',
    hash: () => '#/audit',
    ready: 'audit',
    open: async (page) => {
      await page.getByTestId('audit-verify').click();
      await expect(page.getByTestId('audit-verdict-chain')).toBeVisible();
    },
  },
  { name: 'replay', hash: () => '#/replay', ready: 'replay-tile' },
  { name: 'wallboards', hash: () => '#/wallboards', ready: 'board-row' },
  {
    name: 'wallboard-editor',
    hash: () => '#/wallboards',
    ready: 'board-row',
    open: async (page) => {
      await page.getByTestId('board-edit').first().click();
      await expect(page.getByTestId('board-editor')).toBeVisible();
    },
  },
  { name: 'wallboard', hash: (ids) => `#/wallboard/${ids.boardId}`, ready: 'wallboard-tile' },
  { name: 'wallboard-light', hash: (ids) => `#/wallboard/${ids.lightBoardId}`, ready: 'wallboard-tile' },
  { name: 'manage-hours', hash: (ids) => `#/manage/hours/${ids.queueId}`, ready: 'manage' },
  { name: 'manage-thresholds', hash: (ids) => `#/manage/thresholds/${ids.queueId}`, ready: 'manage' },
  { name: 'manage-users', hash: () => '#/manage/users', ready: 'users-row' },
  { name: 'connection', hash: () => '#/connection', ready: 'connection-view' },
  { name: 'alerts', hash: () => '#/alerts', ready: 'alerts-view' },
  { name: 'reports', hash: () => '#/reports', ready: 'smtp-section' },
  {
    name: 'reports-editor',
    hash: () => '#/reports',
    ready: 'smtp-section',
    open: async (page) => {
      await page.getByTestId('report-add').click();
      await expect(page.getByTestId('report-editor')).toBeVisible();
    },
  },
  { name: 'insights', hash: () => '#/insights/builtin-program', ready: 'insights-widget', open: insightsAnswered },
  {
    name: 'insights-explain',
    hash: () => '#/insights/builtin-program',
    ready: 'insights-widget',
    open: async (page) => {
      await insightsAnswered(page);
      await page.getByTestId('insights-figure').first().focus();
      await page.keyboard.press('e');
      await expect(page.getByTestId('insights-explain')).toBeVisible();
    },
  },
];

/** Every widget of the dashboard on screen has answered (figures, "nothing", or an error in words). */
async function insightsAnswered(page: Page): Promise<void> {
  await expect(page.locator('[data-testid="insights-widget"][data-state="loading"]')).toHaveCount(0, { timeout: 30_000 });
}

/** The ids of a populated floor: a busy queue, a group, a cached conversation and boards in both themes. */
export async function floorIds(page: Page, host: HostProcess): Promise<FloorIds> {
  const queueId = (await page.getByTestId('queue-tile').first().getAttribute('data-queue-id')) ?? '';
  const group = page.getByTestId('group-tile');
  const groupId = (await group.count()) > 0 ? await group.first().getAttribute('data-group-id') : null;
  const boards = await boardsByTheme(host);
  return { queueId, groupId, conversationId: await cachedConversationId(page), boardId: boards.dark, lightBoardId: boards.light };
}

/** The first dark board as it is, and a light copy of it saved through the API (the user needs wallboard.manage). */
async function boardsByTheme(host: HostProcess): Promise<{ readonly dark: string; readonly light: string }> {
  const setup = await rawRequest<WallboardSetup>(host, { op: 'query', query: { type: 'wallboard.setup' } });
  if (!setup.ok) throw new Error(`no wallboards: ${setup.error}`);
  const board: Board | undefined = setup.value.boards.find((candidate) => candidate.theme === 'dark') ?? setup.value.boards[0];
  if (board === undefined) throw new Error('no board to show');
  const light: Board = { ...board, boardId: 'board-light-copy', name: `${board.name} (light)`, theme: 'light' };
  const saved = await rawRequest(host, { op: 'command', commandId: `light-board-${Date.now()}`, command: { type: 'wallboard.board.save', board: light } });
  if (!saved.ok) throw new Error(`the light board was refused: ${saved.error}`);
  return { dark: board.boardId, light: light.boardId };
}

/** The first conversation the history view lists, or null when the cache holds none yet. */
async function cachedConversationId(page: Page): Promise<string | null> {
  const before = await page.evaluate(() => window.location.hash);
  await page.evaluate(() => {
    window.location.hash = '#/history';
  });
  const row = page.getByTestId('history-row').first();
  await expect(row).toBeVisible({ timeout: 30_000 });
  const id = await row.getAttribute('data-conversation-id');
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, before);
  return id;
}

/** Moves to a route and waits until it is drawn with live data. */
export async function visit(page: Page, route: ConsoleRoute, ids: FloorIds): Promise<boolean> {
  const hash = route.hash(ids);
  if (hash === null) return false;
  await page.evaluate((target) => {
    window.location.hash = target;
  }, hash);
  await expect(page.getByTestId(route.ready).first()).toBeVisible({ timeout: 20_000 });
  // Stale figures are dimmed on purpose; a sweep looks at the live console (a busy machine can lag).
  await expect(page.locator('[data-stale="true"]')).toHaveCount(0, { timeout: 30_000 });
  await route.open?.(page);
  return true;
}
