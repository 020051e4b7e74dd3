/**
 * Debian's `nats-server` started on 127.0.0.1 with JetStream on, for `npm run relay:dev`, the tests
 * and the bench: no container, no download. Resolves once the server says it is ready.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

export interface NatsServerProcess {
  readonly url: string;
  readonly port: number;
  readonly process: ChildProcess;
  /** Stops it and waits for it to exit. */
  stop(): Promise<void>;
}

/** Where nats-server is, or null: the PATH first, then where Debian puts it. */
export function natsServerPath(): string | null {
  for (const directory of [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/bin']) {
    if (directory !== '' && existsSync(`${directory}/nats-server`)) return `${directory}/nats-server`;
  }
  return null;
}

/** A port free on 127.0.0.1 now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = address !== null && typeof address === 'object' ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startNatsServer(options: { readonly dataDir: string; readonly port?: number; readonly timeoutMs?: number }): Promise<NatsServerProcess> {
  const binary = natsServerPath();
  if (binary === null) throw new Error('nats-server is not installed: apt-get install -y nats-server (Debian), or see https://docs.nats.io');
  const port = options.port ?? (await freePort());
  const child = spawn(binary, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', options.dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`nats-server did not start within ${options.timeoutMs ?? 10_000} ms:\n${output}`));
    }, options.timeoutMs ?? 10_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Server is ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`nats-server exited with code ${String(code)}:\n${output}`));
    });
  });
  child.stderr?.resume();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    process: child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
