/**
 * Management › Users end to end, in Chromium against the real host and simulator: a WFM leader
 * edits five agents at once (a queue they did not serve, and their slots), sees each acked, and
 * sees routing follow on the live table; a business stakeholder has no Users view, and the raw
 * API refuses the directory and its commands.
 */
import { expect, test, type Page } from '@playwright/test';
import { busyAfternoon } from '../support/busy-floor.js';
import { goTo, openConsole, rawRequest } from '../support/console-page.js';
import { startHostProcess, type HostProcess } from '../support/host-process.js';
import { startSimAndHost } from '../support/sim-and-host.js';
import type { SimServer } from '../../src-main/sim/index.js';

const FIVE = 5;
const NEW_SLOTS = 6;

/** Chat queues on the overview with their waiting count, busiest first. */
async function chatQueuesByWaiting(page: Page): Promise<readonly { queueId: string; queued: number }[]> {
  const tiles = await page.getByTestId('queue-tile').evaluateAll((elements) =>
    elements.map((tile) => ({
      queueId: tile.getAttribute('data-queue-id') ?? '',
      chat: tile.querySelector('.channel-badge--voice') === null,
      queued: Number(tile.querySelector('[data-metric="queued"]')?.textContent?.replace(/\D/g, '') || '0'),
    })),
  );
  return tiles.filter((tile) => tile.chat).sort((left, right) => right.queued - left.queued);
}

test.describe('as a WFM leader', () => {
  let sim: SimServer;
  let host: HostProcess;

  test.beforeAll(async () => {
    // More customers than agents, so chats wait: an agent given a queue takes one of its chats at once.
    ({ sim, host } = await startSimAndHost({ sim: { port: 0, seed: 7, tokenSeed: 'e2e-users', heartbeatIntervalMs: 250, floor: { arrivalScale: 6, startTime: busyAfternoon() } }, userId: 'wfm-leader' }));
  });

  test.afterAll(async () => {
    await host?.stop();
    await sim?.close();
  });

  test('five agents given a queue and more slots in one edit are all acked, and the queue routes to them', async ({ page }) => {
    await openConsole(page, host);
    await expect.poll(async () => (await chatQueuesByWaiting(page))[0]?.queued ?? 0, { timeout: 45_000, message: 'some chat queue has waiting chats' }).toBeGreaterThan(0);
    const [target, ...otherChatQueues] = await chatQueuesByWaiting(page);
    if (target === undefined || otherChatQueues.length === 0) throw new Error('two chat queues expected');

    await goTo(page, '#/manage/users');
    const view = page.getByTestId('users-view');
    await expect(view.getByTestId('users-table')).toBeVisible();
    // Chat agents at work (logged in, with conversations), so the added queue's waiting chats reach
    // them once they have more slots; a voice agent takes one call at a time and no chat queue.
    await view.getByTestId('users-filter-status').selectOption('busy');
    await expect(view.getByTestId('users-count')).toContainText('match');
    await expect(view.getByTestId('users-table')).toHaveAttribute('aria-busy', 'false');
    const candidates = view.locator(
      `[data-testid="users-row"][data-kind="agent"]:is(${otherChatQueues.map((queue) => `[data-queue-ids~="${queue.queueId}"]`).join(', ')}):not([data-queue-ids~="${target.queueId}"])`,
    );
    await expect.poll(() => candidates.count(), { message: 'five busy chat agents outside the target queue' }).toBeGreaterThanOrEqual(FIVE);

    const chosen = (await candidates.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-user-id') ?? ''))).slice(0, FIVE);
    for (const userId of chosen) await view.locator(`[data-testid="users-row"][data-user-id="${userId}"]`).getByTestId('users-row-select').check();
    await expect(view.getByTestId('users-count')).toContainText(`${FIVE} selected`);

    await view.getByTestId('users-edit-open').click();
    const dialog = page.getByTestId('users-edit');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId(`users-edit-add-${target.queueId}`).check();
    await dialog.getByTestId('users-edit-slots').fill(String(NEW_SLOTS));
    await dialog.getByTestId('users-edit-submit').click();

    await expect(dialog).toHaveAttribute('data-step', 'done', { timeout: 30_000 });
    // Each person's answers in the failure message, should one be refused.
    expect(await dialog.getByTestId('users-edit-results').innerText()).not.toMatch(/refused:|unknown:/);
    await expect(dialog.getByTestId('users-edit-progress')).toContainText(`${FIVE} acked, 0 refused`);
    const results = dialog.getByTestId('users-edit-result');
    await expect(results).toHaveCount(FIVE);
    for (const userId of chosen) await expect(dialog.locator(`[data-testid="users-edit-result"][data-user-id="${userId}"]`)).toHaveAttribute('data-outcome', 'acked');
    await dialog.getByTestId('users-edit-close-results').click();
    await expect(dialog).toHaveCount(0);

    // The list is read again: the five now serve the queue, with the new slots.
    await view.getByTestId('users-filter-queue').selectOption(target.queueId);
    for (const userId of chosen) {
      await view.getByTestId('users-search').fill(userId);
      const row = view.locator(`[data-testid="users-row"][data-user-id="${userId}"]`);
      await expect(row).toHaveAttribute('data-queue-ids', new RegExp(`(^| )${target.queueId}( |$)`));
      await expect(row.getByTestId('users-row-slots')).toHaveText(String(NEW_SLOTS));
    }

    // Routing follows: one of the five is assigned a conversation of the queue in its live table
    // (filtered to each of them in turn: the table is virtualised, so rows far down are not in the DOM).
    await expect
      .poll(
        async () => {
          for (const userId of chosen) {
            await goTo(page, `#/queue/${encodeURIComponent(target.queueId)}/conversations?agent=${encodeURIComponent(userId)}`);
            await expect(page.getByTestId('agent-filter-clear')).toBeVisible();
            if ((await page.locator(`[data-testid="conversation-row"][data-agent-id="${userId}"]`).count()) > 0) return userId;
          }
          return null;
        },
        { timeout: 45_000, message: 'a conversation of the added queue assigned to one of the five' },
      )
      .not.toBeNull();
  });
});

test.describe('as a business stakeholder', () => {
  let host: HostProcess;

  test.beforeAll(async () => {
    host = await startHostProcess(['--user', 'stakeholder', '--seed', '11', '--sim-start', String(busyAfternoon())]);
  });

  test.afterAll(async () => {
    await host?.stop();
  });

  test('sees no Users entry or view, and the raw API refuses the directory and its commands', async ({ page }) => {
    await openConsole(page, host);
    // Management shows business hours read-only, and no Users section.
    await goTo(page, '#/manage/hours');
    await expect(page.getByTestId('manage-section-hours')).toBeVisible();
    await expect(page.getByTestId('manage-section-users')).toHaveCount(0);
    await expect(page.getByRole('link', { name: /^Users$/ })).toHaveCount(0);

    await goTo(page, '#/manage/users');
    await expect(page.getByTestId('users-denied')).toBeVisible();
    await expect(page.getByTestId('users-table')).toHaveCount(0);
    await expect(page.getByTestId('users-edit-open')).toHaveCount(0);

    const directory = await rawRequest(host, { op: 'query', query: { type: 'management.users' } });
    expect(directory.ok).toBe(false);
    if (!directory.ok) expect([directory.code, directory.error]).toEqual(['forbidden', expect.stringMatching(/^Your role \(business_stakeholder\) may not/)]);
    const queues = await rawRequest(host, { op: 'command', commandId: 'e2e-stakeholder-queues', command: { type: 'agent.queues', agentId: 'a-001', queueIds: ['q-orders'] } });
    expect(queues.ok).toBe(false);
    if (!queues.ok) expect([queues.code, queues.error]).toEqual(['forbidden', expect.stringMatching(/^Your role \(business_stakeholder\) may not/)]);
  });
});
