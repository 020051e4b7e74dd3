/**
 * With FLOORWATCH_BENCH_PAGE_PROFILE=<dir>, a UI benchmark records a CPU profile of its page over
 * the window it measures (<dir>/page-<name>.cpuprofile, for Chromium's DevTools or any
 * .cpuprofile reader). Without it, nothing is recorded and nothing is slowed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

export interface PageProfile {
  /** Stops profiling and writes the profile under `name`. */
  stop(name: string): Promise<void>;
}

export async function startPageProfile(page: Page): Promise<PageProfile> {
  const dir = process.env.FLOORWATCH_BENCH_PAGE_PROFILE;
  if (dir === undefined || dir === '') return { stop: () => Promise.resolve() };
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  return {
    async stop(name) {
      const { profile } = await cdp.send('Profiler.stop');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `page-${name}.cpuprofile`), JSON.stringify(profile));
    },
  };
}
