import { buildAll } from '../../scripts/build-lib.mjs';

/**
 * Tests that spawn the host, the simulator or the Electron core process run the built bundles.
 * FLOORWATCH_TEST_SKIP_BUILD=1 skips the build when running only tests that import sources.
 */
export async function setup(): Promise<void> {
  if (process.env.FLOORWATCH_TEST_SKIP_BUILD === '1') return;
  await buildAll({ quiet: true });
}
