/**
 * Runs the simulated floor as a stand-alone feed server.
 * Usage: node dist/sim/cli.mjs --port 7700 --seed 42 (see --help).
 */
import { parseCliOptions, USAGE } from './cli-options.js';
import type { SimServerOptions } from './server.js';
import { startSimServer } from './server.js';
import { readCommandLine } from '../cli/command-line.js';
import { errorMessage } from '../../src-shared/errors.js';

async function main(): Promise<void> {
  const options = readCommandLine<SimServerOptions>(USAGE, () => parseCliOptions(process.argv.slice(2)));
  if (options === null) return;
  const server = await startSimServer(options);
  process.stdout.write(`Floorwatch simulator listening on ${server.url}\n\nDemo users (connect with --feed-url ${server.url} --feed-token TOKEN):\n`);
  for (const { user, token } of server.users()) {
    const scope = user.queueScope === null ? 'all queues' : user.queueScope.join(', ');
    process.stdout.write(`  ${user.userId.padEnd(14)} ${user.role.padEnd(21)} ${scope.padEnd(20)} ${token}\n`);
  }
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`close failed: ${errorMessage(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`Floorwatch simulator failed: ${errorMessage(error)}\n`);
  process.exitCode = 1;
});
