/**
 * A relayed floor for tests and the bench: Debian's nats-server, the simulator, its publisher, and
 * relays as real child processes (so they can be killed with SIGKILL), plus a TCP proxy per console
 * that stands for the load balancer in front of the relays and can cut a console's connection.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { join } from 'node:path';
import type { FeedUser } from '../../src-shared/protocol/frames.js';
import { startFeedBridge } from '../../src-main/relay/feed-bridge.js';
import type { FeedBridge } from '../../src-main/relay/feed-bridge.js';
import { openFloorLog } from '../../src-main/relay/floor-log.js';
import type { FloorLog } from '../../src-main/relay/floor-log.js';
import { freePort, startNatsServer } from '../../src-main/relay/nats-server-process.js';
import type { NatsServerProcess } from '../../src-main/relay/nats-server-process.js';
import { FloorPublisher } from '../../src-main/relay/publisher.js';
import { startSimServer } from '../../src-main/sim/index.js';
import type { SimServer, SimServerOptions } from '../../src-main/sim/index.js';
import { ROOT } from './host-process.js';

export interface RelayedFloor {
  readonly nats: NatsServerProcess;
  readonly sim: SimServer;
  readonly log: FloorLog;
  readonly publisher: FloorPublisher;
  readonly bridge: FeedBridge;
  readonly floor: string;
  readonly tokensFile: string;
  readonly users: readonly { readonly user: FeedUser; readonly token: string }[];
  close(): Promise<void>;
}

/** nats-server, the simulator and its publisher; the tokens file lists the simulator's demo users. */
export async function startRelayedFloor(dataDir: string, sim: SimServerOptions, floor = 'test'): Promise<RelayedFloor> {
  const nats = await startNatsServer({ dataDir: join(dataDir, 'jetstream') });
  const simServer = await startSimServer({ tokenSeed: 'relay-tests', ...sim });
  const users = simServer.users();
  const admin = users.find((entry) => entry.user.role === 'admin');
  if (admin === undefined) throw new Error('no admin demo user');
  const log = await openFloorLog({ servers: nats.url, floor, name: 'test publisher' });
  const publisher = await FloorPublisher.open(log, { source: { name: 'the simulator', commands: true }, snapshotEveryMs: 1_000 });
  const bridge = await startFeedBridge({ log, publisher, url: simServer.url, token: admin.token });
  const tokensFile = join(dataDir, 'tokens.json');
  writeFileSync(tokensFile, JSON.stringify({ users: users.map(({ user, token }) => ({ token, user })) }));
  return {
    nats,
    sim: simServer,
    log,
    publisher,
    bridge,
    floor,
    tokensFile,
    users,
    close: async () => {
      await bridge.close();
      await publisher.close();
      await log.close();
      await simServer.close();
      await nats.stop();
    },
  };
}

export interface RelayProcess {
  readonly port: number;
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything it wrote to standard error. */
  output(): string;
  /** SIGKILL: no goodbye to anyone. */
  kill(): Promise<void>;
}

/** `node dist/relay/cli.mjs serve` on a given port; resolves once it says where it listens. */
export async function startRelayProcess(options: { readonly natsUrl: string; readonly floor: string; readonly tokensFile: string; readonly port?: number }): Promise<RelayProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, [join(ROOT, 'dist/relay/cli.mjs'), 'serve', '--nats', options.natsUrl, '--floor', options.floor, '--tokens', options.tokensFile, '--port', String(port)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  await new Promise<void>((resolve, reject) => {
    // Generous: on a loaded two-core machine a start takes seconds, not this long; a relay that hangs still fails.
    const timer = setTimeout(() => reject(new Error(`the relay did not start within 60 s:\n${stderr}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('"relay"')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the relay exited with code ${String(code)}:\n${stderr}`));
    });
  });
  return {
    port,
    url: `ws://127.0.0.1:${port}`,
    child,
    output: () => stderr,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * A console's way to the relays: each connection goes to a relay `pick` names (null: none is up,
 * and the connection is closed at once), and `cut` ends every connection through it abruptly.
 */
export class ConsoleProxy {
  private constructor(
    private readonly server: Server,
    private readonly sockets: Set<Socket>,
    readonly port: number,
  ) {}

  static async start(pick: () => number | null): Promise<ConsoleProxy> {
    const sockets = new Set<Socket>();
    const server = createServer((downstream) => {
      const port = pick();
      if (port === null) {
        downstream.destroy();
        return;
      }
      const upstream = createConnection({ host: '127.0.0.1', port });
      for (const socket of [downstream, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => {
          downstream.destroy();
          upstream.destroy();
        });
      }
      downstream.on('close', () => upstream.destroy());
      upstream.on('close', () => downstream.destroy());
      downstream.pipe(upstream);
      upstream.pipe(downstream);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    return new ConsoleProxy(server, sockets, address !== null && typeof address === 'object' ? address.port : 0);
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** Ends every connection through the proxy, as a network cut would. */
  cut(): void {
    for (const socket of [...this.sockets]) socket.resetAndDestroy();
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
