/**
 * Entry of the core's utility process: the relay wired to Electron's parentPort and the real
 * core. Plain Node code (no electron import); parentPort is what the utility process adds to
 * `process`.
 */
import { join } from 'node:path';
import { createApiConnection, createApiMessageCounter } from '../../core/api/api-connection.js';
import { DEFAULT_LAN_CONFIG, resolveConfig } from '../../core/config.js';
import { createCore } from '../../core/core.js';
import { withConsoleCommands } from '../../host/console-commands.js';
import { startLanServing } from '../../host/lan-serving.js';
import { createCoreRelay } from './core-relay.js';

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

if (isParentPort(port)) {
  const relay = createCoreRelay({
    start: async (argv, dataDir) => {
      const config = resolveConfig(argv, process.env, { dataDir });
      const core = await createCore(config);
      // LAN wallboards are served from here, beside the core, exactly as the host serves them;
      // the bundle sits in dist/electron, the renderer's files in dist/renderer.
      const messageCounts = createApiMessageCounter();
      const lan = startLanServing({ api: core.api, store: core.store, rendererDir: join(__dirname, '..', 'renderer'), config: config.lan ?? DEFAULT_LAN_CONFIG, messageCounts });
      // The windows' API: diagnostics count their messages; the desktop app has no console token to rotate.
      const api = withConsoleCommands(core.api, { counts: messageCounts, rotateToken: null });
      await lan.restore();
      return {
        // A window's connection takes the session the feed named when the window first asks.
        connect: (send) => createApiConnection({ api, session: core.session(), send, counts: messageCounts }),
        close: async () => {
          await lan.close();
          await core.close();
        },
      };
    },
    post: (message) => port.postMessage(message),
    exit: (code) => process.exit(code),
  });
  port.on('message', (event) => relay.receive(event.data));
} else {
  console.error('core-process.cjs runs inside the Floorwatch desktop app; to run the core alone, use the host (dist/host/cli.mjs).');
  process.exitCode = 2;
}
