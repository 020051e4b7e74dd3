/**
 * Entry of the core's utility process: the relay wired to Electron's parentPort and the real
 * core. Plain Node code (no electron import); parentPort is what the utility process adds to
 * `process`.
 */
import { createApiConnection } from '../core/api/api-connection.js';
import { resolveConfig } from '../core/config.js';
import { createCore } from '../core/core.js';
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
      const core = await createCore(resolveConfig(argv, process.env, { dataDir }));
      return {
        connect: (send) => createApiConnection({ api: core.api, session: core.defaultSession, send }),
        close: () => core.close(),
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
