/**
 * Every route of the console passes axe-core (WCAG 2.x A and AA, and best practices), in the
 * system's dark and light schemes, on the real host with a busy simulated floor: any violation
 * fails the test, named by route, theme, rule and element.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../support/host-process.js';
import { busyAfternoon } from '../support/busy-floor.js';
import { CONSOLE_ROUTES, floorIds, visit, type FloorIds } from '../support/routes.js';

let host: HostProcess | undefined;

test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * Rules whose "needs review" answers count as violations here: axe leaves an aria-label on an
 * element without a role, and content outside landmarks, to review when it cannot decide alone.
 */
const STRICT_RULES: ReadonlySet<string> = new Set(['aria-prohibited-attr', 'region', 'target-size']);

/** One line per violating element: enough to find it without a report viewer. */
async function violations(page: Page, where: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const undecided = results.incomplete.filter((result) => STRICT_RULES.has(result.id));
  return [...results.violations, ...undecided].flatMap((violation) =>
    violation.nodes.map((node) => `${where}: ${violation.id} (${violation.impact ?? 'n/a'}) at ${node.target.join(' ')}: ${node.failureSummary?.split('\n').slice(1, 3).join(' ') ?? violation.help}`),
  );
}

for (const scheme of ['dark', 'light'] as const) {
  test(`every route has no axe violation in the ${scheme} scheme`, async ({ page }) => {
    test.setTimeout(240_000);
    host = await startHostProcess(['--seed', '7', '--sim-start', String(busyAfternoon()), '--user', 'admin', '--backfill-days', '1']);
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.goto(host.consoleUrl);
    await expect(page.getByTestId('queue-tile').first()).toBeVisible();
    await expect(page.getByTestId('connection-state')).toHaveText(/live/i);
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    const ids: FloorIds = await floorIds(page, host);
    const found: string[] = [];
    const visited: string[] = [];
    for (const route of CONSOLE_ROUTES) {
      if (!(await visit(page, route, ids))) continue;
      visited.push(route.name);
      found.push(...(await violations(page, `${route.name} (${scheme})`)));
    }
    expect(visited).toContain('history-conversation');
    expect(found, found.join('\n')).toEqual([]);
  });
}

test('each overview tile is one tab stop, E explains it, the title names the view, and the theme choice is kept', async ({ page }) => {
  host = await startHostProcess(['--seed', '7', '--sim-start', String(busyAfternoon())]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(host.consoleUrl);
  await expect(page.getByTestId('queue-tile').first()).toBeVisible();
  await expect(page).toHaveTitle('Live floor · Floorwatch');

  // Tab moves from one tile to the next: nothing inside a tile is a stop of its own.
  const tiles = page.locator('.queue-tile');
  await tiles.first().locator('a').first().focus();
  for (let index = 1; index < 4; index += 1) {
    await page.keyboard.press('Tab');
    const focusedTile = await page.evaluate(() => document.activeElement?.closest('.queue-tile')?.getAttribute('aria-labelledby') ?? null);
    expect(focusedTile).toBe(await tiles.nth(index).getAttribute('aria-labelledby'));
  }

  // E on the focused tile lists its figures; Esc gives focus back to the tile.
  const focused = page.locator(':focus');
  await page.keyboard.press('e');
  const dialog = page.getByTestId('explain-dialog');
  await expect(dialog.getByTestId('explain-figures')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(focused).toBeFocused();

  // Enter on the tile opens its queue; the window title says which.
  const queueTile = page.getByTestId('queue-tile').first();
  const name = (await queueTile.getByTestId('queue-tile-link').textContent()) ?? '';
  await queueTile.getByTestId('queue-tile-link').focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveTitle(`${name} — Live conversations · Floorwatch`);

  // The theme: chosen from the keyboard under the top bar's More, shown at once, kept for this device.
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('nav-more').locator('summary').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('theme-select').focus();
  await page.getByTestId('theme-select').selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.reload();
  await page.getByTestId('nav-more').locator('summary').click();
  await expect(page.getByTestId('theme-select')).toHaveValue('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByTestId('theme-select').selectOption('system');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});
