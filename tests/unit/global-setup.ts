import { buildAll } from '../../scripts/build-lib.mjs';

/** Tests that spawn the host, the simulator or the Electron core process run the built bundles. */
export async function setup(): Promise<void> {
  await buildAll({ quiet: true });
}
