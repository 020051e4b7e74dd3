/**
 * Node flags for the process that runs the core (the host, Electron's utility process, the
 * benchmarks). Ingest allocates a short-lived object per event; a larger young generation lets
 * the scavenger keep up, worth about 10 % of ingest throughput in `npm run bench`.
 * scripts/electron-native.mjs and package.json repeat this; a test keeps them equal.
 */
export const CORE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
