/**
 * event_to_dom: from the simulator emitting an event to Chromium's DOM showing the state that
 * includes it. The page marks the overview with the seq it renders (data-as-of-seq); a
 * MutationObserver records when each value appears. Latency of event s = first DOM time with a
 * rendered seq ≥ s, minus the wall-clock time the simulator sent s. Same machine, same clock.
 *
 * The 10k floor (10,000 agents, at least 5,000 events/s) reaches the host as a chunked snapshot
 * (protocol v1.1) of about 100 MB before the live events flow; its first paint waits for that.
 */
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../playwright.config.js';
import { startHostProcess } from '../tests/support/host-process.js';
import { lastWednesdayAt } from './floor-clock.js';
import { startSimProcess } from './sim-process.js';
import { startPageProfile } from './page-profile.js';
import { percentile, report } from './stats.js';

interface Scenario {
  readonly name: string;
  readonly agents: number;
  readonly queues: number;
  readonly arrivalScale: number;
  readonly seconds: number;
  /** Figure names: event_to_dom_<prefix>_…; the default scenario has none. */
  readonly prefix: string | null;
  /** How long the first rendered overview may take (the snapshot of a large floor comes first). */
  readonly firstPaintTimeoutMs: number;
  /** How long after the window the screen may take to show its last event; events still not shown are counted (…_unshown_events). */
  readonly catchUpMs: number;
  /** How long the screen may take to catch up with the simulator after the first paint, before the window starts regardless. */
  readonly settleTimeoutMs: number;
}

const SCENARIOS: readonly Scenario[] = [
  { name: 'default', agents: 64, queues: 10, arrivalScale: 1, seconds: 20, prefix: null, firstPaintTimeoutMs: 30_000, catchUpMs: 10_000, settleTimeoutMs: 30_000 },
  { name: 'stressed', agents: 2_000, queues: 20, arrivalScale: 1.25, seconds: 20, prefix: 'stressed', firstPaintTimeoutMs: 30_000, catchUpMs: 10_000, settleTimeoutMs: 30_000 },
  { name: '10k', agents: 10_000, queues: 40, arrivalScale: 1.25, seconds: 20, prefix: '10k', firstPaintTimeoutMs: 300_000, catchUpMs: 60_000, settleTimeoutMs: 300_000 },
];

/** Checks in a row, a second apart, that must find the screen caught up before the window starts. */
const SETTLED_CHECKS = 2;

/**
 * Waits until the page shows a seq at or past the one the simulator had sent a second before (the
 * backlog after the first paint is on the screen), at SETTLED_CHECKS checks in a row, each with the
 * simulator's head moved on since the one before, or the timeout; returns how long it took. A head
 * that has not moved is not current: the simulator was held up (it reports its head once a second
 * from its own loop) and sends what it owes as a burst when it resumes, so a screen that matched
 * the stale head was not caught up (ADR 0049, addendum 5).
 */
async function settle(page: Page, headSeq: () => number, timeoutMs: number): Promise<number> {
  const started = Date.now();
  const shownSeq = (): Promise<number> => page.evaluate(() => Number(document.querySelector('[data-testid="overview"]')?.getAttribute('data-as-of-seq') ?? 0));
  let sentBefore = headSeq();
  let inARow = 0;
  while (Date.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const head = headSeq();
    inARow = head > sentBefore && (await shownSeq()) >= sentBefore ? inARow + 1 : 0;
    if (inARow >= SETTLED_CHECKS) break;
    sentBefore = head;
  }
  return Date.now() - started;
}

async function measure(scenario: Scenario): Promise<void> {
  // The simulator in a process of its own (bench/sim-process.ts), started on a weekday afternoon
  // (15:00 UTC) whatever the time the benchmark runs: the simulated demand follows the queues'
  // local day, and the figures must not depend on the hour.
  const sim = await startSimProcess({
    port: 0,
    seed: 11,
    token: 'bench',
    floor: { agents: scenario.agents, queues: scenario.queues, arrivalScale: scenario.arrivalScale, startTime: lastWednesdayAt(15) },
  });
  const host = await startHostProcess(['--feed-url', sim.url, '--feed-token', 'bench', '--backfill-days', '0']);
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    // The host's one thread applies a large floor's snapshot first: the page may wait for it.
    await page.goto(host.consoleUrl, { timeout: scenario.firstPaintTimeoutMs });
    await page.waitForSelector('[data-testid="overview"][data-as-of-seq]', { timeout: scenario.firstPaintTimeoutMs });
    await page.evaluate(() => {
      const target = document.querySelector('[data-testid="overview"]');
      const marks: [number, number][] = [];
      (window as unknown as { __marks: [number, number][] }).__marks = marks;
      new MutationObserver(() => {
        marks.push([Number(target?.getAttribute('data-as-of-seq')), Date.now()]);
      }).observe(target as Element, { attributes: true, attributeFilter: ['data-as-of-seq'] });
    });

    // The events the simulator sent while the host took the snapshot and the page its first paint
    // reach the screen as one backlog; the window starts once the screen is within a second of the
    // simulator, so it measures the console keeping up, and the catch-up is reported beside it.
    const settleMs = await settle(page, sim.headSeq, scenario.settleTimeoutMs);
    const emittedAt = new Map<number, number>();
    let measuring = true;
    let lastSeq = 0;
    const off = sim.onEmit((first, last, at) => {
      if (!measuring) return;
      for (let seq = first; seq <= last; seq++) emittedAt.set(seq, at);
      lastSeq = Math.max(lastSeq, last);
    });
    const profile = await startPageProfile(page);
    await new Promise((resolve) => setTimeout(resolve, scenario.seconds * 1_000));
    measuring = false;
    off();
    await profile.stop(scenario.name);
    // Give the last events time to reach the screen before reading the marks: a floor the host
    // cannot keep up with shows them late, and late is measured, not left out.
    const readMarks = (): Promise<[number, number][]> => page.evaluate(() => (window as unknown as { __marks: [number, number][] }).__marks);
    const catchUpUntil = Date.now() + scenario.catchUpMs;
    let marks = await readMarks();
    while ((marks[marks.length - 1]?.[0] ?? 0) < lastSeq && Date.now() < catchUpUntil) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      marks = await readMarks();
    }

    const latencies: number[] = [];
    let markIndex = 0;
    const seqs = [...emittedAt.keys()].sort((a, b) => a - b);
    for (const seq of seqs) {
      while (markIndex < marks.length && (marks[markIndex]?.[0] ?? 0) < seq) markIndex++;
      const mark = marks[markIndex];
      if (!mark) break;
      latencies.push(mark[1] - (emittedAt.get(seq) ?? mark[1]));
    }
    const prefix = scenario.prefix === null ? 'event_to_dom' : `event_to_dom_${scenario.prefix}`;
    report(`${prefix}_events_per_s`, seqs.length / scenario.seconds, 'events/s');
    report(`${prefix}_agents`, scenario.agents, 'agents');
    report(`${prefix}_samples`, latencies.length, 'events');
    report(`${prefix}_unshown_events`, seqs.length - latencies.length, 'events');
    report(`${prefix}_p50_ms`, percentile(latencies, 50), 'ms');
    report(`${prefix}_p99_ms`, percentile(latencies, 99), 'ms');
    report(`${prefix}_settle_ms`, settleMs, 'ms');
  } finally {
    await browser.close();
    await host.stop();
    await sim.stop();
  }
}

/** Runs the event-to-DOM scenarios (all, or those named), one after the other. */
export async function benchEventToDom(names?: readonly string[]): Promise<void> {
  for (const scenario of SCENARIOS) if (names === undefined || names.includes(scenario.name)) await measure(scenario);
}
