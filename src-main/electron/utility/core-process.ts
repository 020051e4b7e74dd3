/**
 * Entry of the core's utility process: the relay wired to Electron's parentPort and the real
 * core. Plain Node code (no electron import); parentPort is what the utility process adds to
 * `process`.
 */
import { join } from 'node:path';
import { createApiConnection, createApiMessageCounter, type ApiConnection, type ApiMessageCounter } from '../../core/api/api-connection.js';
import type { ApiService } from '../../core/api/api-service.js';
import { DEFAULT_LAN_CONFIG, resolveConfig } from '../../core/config.js';
import { startConsoleRuntime } from '../../core/runtime/console-runtime.js';
import { withConsoleCommands } from '../../host/console-commands.js';
import { startLanServing } from '../../host/lan-serving.js';
import type { ServerMessage } from '../../../src-shared/api/contract.js';
import { createCoreRelay } from './core-relay.js';
import { createPdfBridge } from './pdf-bridge.js';
import { windowSession } from './window-session.js';
import type { WindowAudience } from '../common/core-process-protocol.js';
import { startProcessLog, type FileLogger } from '../../core/logging/file-logger.js';

/**
 * A window's API connection: when the console's user changes (another connection, another user),
 * the window's subscriptions end and later requests run as the new user (the window reloads).
 */
function windowConnection(
  runtime: Awaited<ReturnType<typeof startConsoleRuntime>>,
  api: ApiService,
  counts: ApiMessageCounter,
  send: (message: ServerMessage) => void,
  audience: WindowAudience,
): ApiConnection {
  const open = (): ApiConnection => createApiConnection({ api, session: windowSession(runtime.sessions.current(), audience), send, counts });
  let inner = open();
  const stop = runtime.sessions.onChange(() => {
    inner.close();
    inner = open();
  });
  return {
    receive: (message) => inner.receive(message),
    close() {
      stop();
      inner.close();
    },
  };
}

interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { readonly data: unknown }) => void): unknown;
}

function isParentPort(value: unknown): value is ParentPortLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<ParentPortLike>).postMessage === 'function' &&
    typeof (value as Partial<ParentPortLike>).on === 'function'
  );
}

const port: unknown = Reflect.get(process, 'parentPort');

let log: FileLogger | null = null;

if (isParentPort(port)) {
  // Reports' PDFs are drawn by the main process, in a hidden window of its own.
  const pdf = createPdfBridge((message) => port.postMessage(message));
  const relay = createCoreRelay({
    start: async (argv, dataDir) => {
      const config = { ...resolveConfig(argv, process.env, { dataDir }), pdf: pdf.renderer };
      log = await startProcessLog(config.dataDir, 'core', { message: 'core process started' });
      // LAN wallboards are served from here, beside each core, exactly as the host serves them;
      // the bundle sits in dist/electron, the renderer's files in dist/renderer.
      const messageCounts = createApiMessageCounter();
      const runtime = await startConsoleRuntime({
        config,
        async attach(core) {
          const lan = startLanServing({ api: core.api, store: core.store, rendererDir: join(__dirname, '..', 'renderer'), config: config.lan ?? DEFAULT_LAN_CONFIG, messageCounts });
          await lan.restore();
          return () => lan.close();
        },
      });
      // The windows' API: diagnostics count their messages; the desktop app has no console token to rotate.
      const api = withConsoleCommands(runtime.api, { counts: messageCounts, rotateToken: null });
      return {
        connect: (send, audience) => windowConnection(runtime, api, messageCounts, send, audience),
        close: () => {
          pdf.close();
          return runtime.close();
        },
      };
    },
    post: (message) => port.postMessage(message),
    exit: (code) => {
      log?.logger.info({ code }, 'core process exiting');
      log?.flush();
      process.exit(code);
    },
  });
  port.on('message', (event) => {
    if (!pdf.receive(event.data)) relay.receive(event.data);
  });
} else {
  console.error('core-process.cjs runs inside the Floorwatch desktop app; to run the core alone, use the host (dist/host/cli.mjs).');
  process.exitCode = 2;
}
