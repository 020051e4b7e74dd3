/**
 * `node dist/host/cli.mjs [options]` (src-main/cli/programs.ts lists them) — the console in a
 * browser. Prints the console URL as soon as it serves the page, then the data folder once the core
 * has started (with FLOORWATCH_READY_LINE=1, a JSON line at each: FLOORWATCH_LISTENING, FLOORWATCH_READY).
 */
import { spawn } from 'node:child_process';
import { helpText, parseOptions, textOption, UsageError } from '../cli/option-table.js';
import { HOST_PROGRAM } from '../cli/programs.js';
import { defaultDataDir, resolveConfig } from '../core/config.js';
import { createChromiumPdfRenderer } from './chromium-pdf.js';
import { startProcessLog } from '../core/logging/file-logger.js';
import { readOrCreateConsoleToken } from './console-token.js';
import { startConsoleHost } from './index.js';
import { debugLine, timedStep } from '../core/logging/timed-step.js';
import { errorMessage } from '../../src-shared/errors.js';

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
  // Strict first: a typo such as --feedurl stops here (exit code 2) instead of starting the simulator.
  const values = parseOptions(HOST_PROGRAM, argv);
  if (values.help === true) {
    process.stdout.write(helpText(HOST_PROGRAM));
    return;
  }
  const config = resolveConfig(argv, process.env, { dataDir: defaultDataDir(process.env) });
  // Its rolling log, `<dataDir>/logs/host.<n>.log`, as the desktop app's processes keep theirs.
  const log = await startProcessLog(config.dataDir, 'host', { message: 'host started' });
  const port = Number(textOption(values, 'port'));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0..65535, got ${String(values.port)}`);
  // Reports draw their PDFs with a headless Chromium found on this computer.
  const running = await startConsoleHost({ ...config, pdf: createChromiumPdfRenderer(process.env) }, {
    host: textOption(values, 'host'),
    port,
    consoleToken: readOrCreateConsoleToken(config.dataDir),
    // A development build's source maps; never on the LAN port, never by default.
    sourceMaps: process.env.FLOORWATCH_SOURCE_MAPS === '1',
    // The address serves the page at once (its loading state), before the core has opened the cache.
    onListening(host) {
      console.log(`Floorwatch console: ${host.consoleUrl}`);
      // For scripts that only need the address (the cold start's benchmark); FLOORWATCH_READY below means the core answers too.
      if (process.env.FLOORWATCH_READY_LINE === '1') console.log(`FLOORWATCH_LISTENING ${JSON.stringify({ consoleUrl: host.consoleUrl, origin: host.origin, pid: process.pid })}`);
      if (values.open) openInBrowser(host.consoleUrl);
    },
  }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new Error(`port ${port} is in use (another Floorwatch?); choose another with --port N, or --port 0 for any free port`);
    throw error;
  });
  console.log(`Data: ${config.dataDir}; feed: ${running.core.feedStatus().feed}; cache: ${running.runtime.cacheDir()}`);
  const lan = running.lan.controller.status();
  if (lan.enabled) console.log(`LAN wallboards: ${lan.urls.join(', ')}`);
  // For scripts that start the host and need its address (tests, benchmarks).
  if (process.env.FLOORWATCH_READY_LINE === '1') console.log(`FLOORWATCH_READY ${JSON.stringify({ consoleUrl: running.host.consoleUrl, origin: running.host.origin, pid: process.pid })}`);

  let closing = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    debugLine('close', `${signal}: closing`);
    const exit = (code: number): void => {
      debugLine('close', `exiting with ${code}`);
      log?.flush();
      process.exit(code);
    };
    timedStep('close', 'host closed', () => running.close()).then(
      () => exit(0),
      () => exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`floorwatch: ${error.message} (--help lists the options)`);
    process.exit(error.exitCode);
  }
  console.error(`floorwatch: ${errorMessage(error)}`);
  process.exit(1);
});
