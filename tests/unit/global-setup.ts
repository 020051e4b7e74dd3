import { buildAll } from '../../scripts/build-lib.mjs';

/** Tests that spawn the host or simulator as real processes run the built bundles. */
export async function setup(): Promise<void> {
  try {
    await buildAll({ quiet: true });
  } catch (error) {
    console.warn(`build failed; tests that run the bundles will fail: ${String(error).slice(0, 300)}`);
  }
}
