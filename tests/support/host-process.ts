/**
 * Runs the real host (dist/host/cli.mjs) as a child process and waits for its ready line.
 * Used by end-to-end tests, the crash-safety test and the benchmarks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CORE_NODE_FLAGS } from '../../src-main/core/runtime-flags.js';
import type * as simulator from '../../src-main/sim/index.js';

type SimulatorModule = typeof simulator;

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface HostProcess {
  readonly consoleUrl: string;
  readonly origin: string;
  readonly child: ChildProcess;
  readonly dataDir: string;
  /** Everything the process printed, for failure messages. */
  output(): string;
  /** SIGTERM and wait for exit. */
  stop(): Promise<void>;
  /** SIGKILL and wait for exit: a crash. */
  kill(): Promise<void>;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `floorwatch-${prefix}-`));
}

export async function startHostProcess(args: readonly string[], options: { dataDir?: string; env?: NodeJS.ProcessEnv } = {}): Promise<HostProcess> {
  const dataDir = options.dataDir ?? tempDir('data');
  const profiling = (process.env.FLOORWATCH_HOST_NODE_FLAGS ?? '').split(' ').filter((flag) => flag !== '');
  const child = spawn(process.execPath, [...CORE_NODE_FLAGS, ...profiling, join(ROOT, 'dist/host/cli.mjs'), '--port', '0', '--data-dir', dataDir, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...options.env, FLOORWATCH_READY_LINE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<{ consoleUrl: string; origin: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const line = output.split('\n').find((candidate) => candidate.startsWith('FLOORWATCH_READY '));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice('FLOORWATCH_READY '.length)) as { consoleUrl: string; origin: string });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${String(code)} before it was ready:\n${output}`));
    });
  });
  const signal = async (name: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return { ...ready, child, dataDir, output: () => output, stop: () => signal('SIGTERM'), kill: () => signal('SIGKILL') };
}

/** The built simulator library, loaded the way a separate feed would be: from its bundle. */
export async function loadSimulator(): Promise<SimulatorModule> {
  return (await import(pathToFileURL(join(ROOT, 'dist/sim/index.mjs')).href)) as SimulatorModule;
}

/** Polls a condition until it holds or the deadline passes; for states that emit no event. */
export async function waitFor<T>(condition: () => T | undefined | false | null, options: { timeoutMs?: number; what?: string } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  for (;;) {
    const value = condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${options.what ?? 'condition'}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
