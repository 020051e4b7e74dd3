/**
 * A simulated floor served over a real WebSocket and a real host connected to it as one of the
 * floor's users: what most end-to-end tests start before opening the console.
 */
import type { SimServer, SimServerOptions } from '../../src-main/sim/index.js';
import { loadSimulator, startHostProcess, type HostProcess } from './host-process.js';

export interface SimAndHost {
  readonly sim: SimServer;
  readonly host: HostProcess;
  /** Stops the host, then the floor. */
  stop(): Promise<void>;
}

export interface SimAndHostOptions {
  readonly sim: SimServerOptions;
  /** The demo user the host signs in as (its token from the floor), or the floor's fixed token when absent. */
  readonly userId?: string;
  /** More host options; the history backfill is off unless given here. */
  readonly hostArgs?: readonly string[];
}

/** Starts the floor, then a host on it signed in as `userId`; the host's options follow. */
export async function startSimAndHost(options: SimAndHostOptions): Promise<SimAndHost> {
  const { startSimServer } = await loadSimulator();
  const sim = await startSimServer(options.sim);
  try {
    const token = options.userId === undefined ? options.sim.token : sim.users().find((entry) => entry.user.userId === options.userId)?.token;
    if (token === undefined) throw new Error(options.userId === undefined ? 'the floor has no fixed token: name a demo user' : `the simulator has no demo user ${options.userId}`);
    const hostArgs = options.hostArgs ?? [];
    const backfill = hostArgs.includes('--backfill-days') ? [] : ['--backfill-days', '0'];
    const host = await startHostProcess(['--feed-url', sim.url, '--feed-token', token, ...backfill, ...hostArgs]);
    return {
      sim,
      host,
      async stop() {
        await host.stop();
        await sim.close();
      },
    };
  } catch (error) {
    await sim.close();
    throw error;
  }
}
