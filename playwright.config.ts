import { defineConfig } from '@playwright/test';

/** Debian's Chromium; the browser download of Playwright is never used. */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.FLOORWATCH_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

export const config = defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.e2e.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    launchOptions: CHROMIUM_LAUNCH,
    viewport: { width: 1600, height: 1000 },
    trace: 'off',
  },
});

// Playwright loads the default export of its config file.
// eslint-disable-next-line no-restricted-syntax
export default config;
