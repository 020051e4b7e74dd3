import { buildAll } from '../../scripts/build-lib.mjs';

/** Tests that spawn the host or simulator as real processes run the built bundles. */
export async function setup(): Promise<void> {
  await buildAll({ quiet: true });
}
