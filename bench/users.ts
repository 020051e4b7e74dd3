/**
 * users_filter_p95_ms: Management › Users over a directory of 10,000 people (500 agents on today's
 * rota, the rest off it, and the supervisors) from the stand-alone simulator, in Chromium, while
 * a person types filters into the search box character by character. Each listing the view asks for sets a performance mark when its first request leaves
 * and a measure when its rows are in the DOM (views/users/use-user-rows.ts); the figure is the
 * 95th percentile of those measures. Keystrokes the debounce folds together make no request and
 * no sample; a listing superseded before its answer is dropped by the view and is not counted.
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../playwright.config.js';
import { loadSimulator, startHostProcess } from '../tests/support/host-process.js';
import { percentile, report } from './stats.js';

const AGENTS = 500;
const DIRECTORY = 10_000;
/** What a supervisor types looking for someone: names, part names, a place, a team, an id, a typo. */
const TYPED = ['maya', 'silva', 'jo', 'nakamura', 'london', 'kwame o', 'cape', 'a-04', 'ptel', 'orion'];
/** Milliseconds between keystrokes: a quick typist, some keys faster than the view's debounce. */
const KEY_DELAY_MS = 140;
/** Pause after each string, as a person reads the result before the next search. */
const READ_PAUSE_MS = 600;

/** A weekday afternoon (15:00 UTC), whatever the hour the benchmark runs: the floor is staffed. */
function busyAfternoon(): number {
  const today = new Date();
  return Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), 15);
}

/** Runs the scenario and prints its figures, one per line. */
export async function benchUsers(): Promise<void> {
  const { startSimServer } = await loadSimulator();
  const sim = await startSimServer({ port: 0, seed: 11, tokenSeed: 'bench-users', floor: { agents: AGENTS, directory: DIRECTORY, startTime: busyAfternoon() } });
  const leader = sim.users().find((entry) => entry.user.userId === 'wfm-leader');
  if (leader === undefined) throw new Error('the simulator has no WFM leader');
  const host = await startHostProcess(['--feed-url', sim.url, '--feed-token', leader.token, '--backfill-days', '0']);
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(host.consoleUrl);
    await page.waitForSelector('[data-testid="overview"][data-as-of-seq]', { timeout: 60_000 });
    await page.evaluate(() => {
      window.location.hash = '#/manage/users';
    });
    await page.waitForSelector('[data-testid="users-row"]', { timeout: 60_000 });
    // The whole directory must be in before typing starts.
    await page.waitForFunction((size) => Number(document.querySelector('[data-testid="users-table"]')?.getAttribute('data-total') ?? 0) >= size, DIRECTORY, { timeout: 60_000 });
    const directorySize = Number(await page.getByTestId('users-table').getAttribute('data-total'));
    await page.evaluate(() => {
      performance.clearMeasures('users-filter');
      performance.clearMeasures('users-answer');
    });

    const search = page.getByTestId('users-search');
    for (const text of TYPED) {
      await search.click();
      await search.pressSequentially(text, { delay: KEY_DELAY_MS });
      await page.waitForTimeout(READ_PAUSE_MS);
      await search.fill('');
      await page.waitForTimeout(READ_PAUSE_MS);
    }

    const samples = await page.evaluate(() => performance.getEntriesByName('users-filter').map((entry) => entry.duration));
    const answers = await page.evaluate(() => performance.getEntriesByName('users-answer').map((entry) => entry.duration));
    report('users_directory', directorySize, 'people');
    report('users_filter_samples', samples.length, 'listings');
    report('users_filter_p50_ms', percentile(samples, 50), 'ms');
    report('users_filter_answer_p95_ms', percentile(answers, 95), 'ms');
    report('users_filter_p95_ms', percentile(samples, 95), 'ms');
  } finally {
    await browser.close();
    await host.stop();
    await sim.close();
  }
}
