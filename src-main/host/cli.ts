/**
 * `node dist/host/cli.mjs [--port N] [--host ADDR] [--open] [core flags]` — the console in a
 * browser. Prints the console URL (and, with FLOORWATCH_READY_LINE=1, a JSON ready line for scripts).
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { defaultDataDir, resolveConfig } from '../core/config.js';
import { readOrCreateConsoleToken } from './console-token.js';
import { startConsoleHost } from './index.js';
import { errorMessage } from '../../src-shared/errors.js';

const USAGE = `Usage: floorwatch-host [options]
  --port N            port to serve the console on (default 7300; 0 = any free port)
  --host ADDR         address to bind (default 127.0.0.1)
  --open              open the console in the default browser
  --data-dir DIR      where the local database lives (env FLOORWATCH_DATA_DIR)
  --feed-url URL      ws:// or wss:// address of a real feed, for this run (env FLOORWATCH_FEED_URL);
                      without it the connection chosen in the console runs (Connection),
                      the embedded simulator on first run
  --feed-token TOKEN  token for that feed (env FLOORWATCH_FEED_TOKEN)
  --seed N --speed X --agents N --queues N   embedded simulator settings
  --user NAME         the embedded simulator's demo user to sign in as (env FLOORWATCH_USER):
                      wfm-leader (default), orders-leader, stakeholder, admin, wallboard.
                      Role and scope come from the feed; a real feed's token names the user
  --backfill-days N   days of history to ask the feed for on first connect (default 0)
  --lan-port N        port for LAN wallboards once turned on in the console (default 7301; env FLOORWATCH_LAN_PORT)
  --lan-host ADDR     address LAN wallboards are served on (default 0.0.0.0; env FLOORWATCH_LAN_HOST)
  --lan-max-connections N  wallboard device connections allowed at once (default 20)
Environment: FLOORWATCH_SOURCE_MAPS=1 serves the renderer's source maps on the console port
  (build them with node scripts/build.mjs --dev); a production build has none.`;

function openInBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(command, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => console.log('Could not open a browser here; open the address above yourself.'));
    child.unref();
  } catch {
    console.log('Could not open a browser here; open the address above yourself.');
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: { port: { type: 'string' }, host: { type: 'string' }, open: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const config = resolveConfig(argv, process.env, { dataDir: defaultDataDir(process.env) });
  const port = typeof values.port === 'string' ? Number(values.port) : 7300;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${String(values.port)}`);
  const running = await startConsoleHost(config, {
    host: typeof values.host === 'string' ? values.host : undefined,
    port,
    consoleToken: readOrCreateConsoleToken(config.dataDir),
    // A development build's source maps; never on the LAN port, never by default.
    sourceMaps: process.env.FLOORWATCH_SOURCE_MAPS === '1',
  }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new Error(`port ${port} is in use (another Floorwatch?); choose another with --port N, or --port 0 for any free port`);
    throw error;
  });
  console.log(`Floorwatch console: ${running.host.consoleUrl}`);
  console.log(`Data: ${config.dataDir}; feed: ${running.core.feedStatus().feed}; cache: ${running.runtime.cacheDir()}`);
  const lan = running.lan.controller.status();
  if (lan.enabled) console.log(`LAN wallboards: ${lan.urls.join(', ')}`);
  // For scripts that start the host and need its address (tests, benchmarks).
  if (process.env.FLOORWATCH_READY_LINE === '1') console.log(`FLOORWATCH_READY ${JSON.stringify({ consoleUrl: running.host.consoleUrl, origin: running.host.origin, pid: process.pid })}`);
  if (values.open) openInBrowser(running.host.consoleUrl);

  let closing = false;
  const shutdown = (): void => {
    if (closing) return;
    closing = true;
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`floorwatch: ${errorMessage(error)}`);
  process.exit(1);
});
