/**
 * The simulator's server in a process of its own, as a separate feed runs: the built library
 * (dist/sim) started with options its CLI does not take (a fixed start of day). A large floor's
 * generator needs a core of its own: sharing the benchmark's process, it fell behind and sent
 * its events in bursts, so the figures measured the generator rather than the console.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../tests/support/host-process.js';

export interface SimProcessOptions {
  readonly port: number;
  readonly seed: number;
  readonly token: string;
  readonly speed?: number;
  readonly historyDays?: number;
  readonly floor: { readonly agents: number; readonly queues: number; readonly arrivalScale: number; readonly startTime: number };
}

export interface SimProcess {
  readonly url: string;
  /** The last seq the simulator reported having sent (it reports each second). */
  headSeq(): number;
  /**
   * Calls `listener` with each run of seqs the simulator sent and the wall-clock time it sent them
   * (its Date.now(): the same clock as this process's on one machine). Only while listened to.
   */
  onEmit(listener: (firstSeq: number, lastSeq: number, emittedAtMs: number) => void): () => void;
  /** Everything it printed, when it has exited; null while it runs. */
  exitOutput(): string | null;
  stop(): Promise<void>;
}

const SCRIPT = [
  `const { startSimServer } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist/sim/index.mjs')).href)});`,
  'const server = await startSimServer(JSON.parse(process.env.FLOORWATCH_BENCH_SIM));',
  "process.stdout.write('SIM_READY ' + server.url + '\\n');",
  "setInterval(() => process.stdout.write('SIM_HEAD ' + server.headSeq() + '\\n'), 1000);",
  // Runs of consecutive seqs, one line each: a few lines a tick however many events it sent.
  'server.onEmit((events, at) => {',
  '  let first = null; let last = null; const lines = [];',
  '  for (const event of events) {',
  '    if (last !== null && event.seq === last + 1) { last = event.seq; continue; }',
  "    if (first !== null) lines.push('SIM_EMIT ' + first + ' ' + last + ' ' + at);",
  '    first = event.seq; last = event.seq;',
  '  }',
  "  if (first !== null) lines.push('SIM_EMIT ' + first + ' ' + last + ' ' + at);",
  "  if (lines.length > 0) process.stdout.write(lines.join('\\n') + '\\n');",
  '});',
  "process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));",
].join('\n');

export async function startSimProcess(options: SimProcessOptions): Promise<SimProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', SCRIPT], {
    env: { ...process.env, FLOORWATCH_BENCH_SIM: JSON.stringify(options) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  let headSeq = 0;
  let partial = '';
  let ready: (url: string) => void = () => undefined;
  const listeners = new Set<(firstSeq: number, lastSeq: number, emittedAtMs: number) => void>();
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const [kind, ...fields] = line.split(' ');
      if (kind === 'SIM_HEAD') headSeq = Number(fields[0]);
      else if (kind === 'SIM_EMIT') for (const listener of listeners) listener(Number(fields[0]), Number(fields[1]), Number(fields[2]));
      else if (kind === 'SIM_READY') ready(fields[0] ?? '');
      else output += `${line}\n`;
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the simulator did not start within 60 s:\n${output}`)), 60_000);
    ready = (address) => {
      clearTimeout(timer);
      resolve(address);
    };
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the simulator exited with ${String(code)}:\n${output}`));
    });
  });
  return {
    url,
    headSeq: () => headSeq,
    onEmit: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    exitOutput: () => (child.exitCode === null && child.signalCode === null ? null : output.slice(-2000)),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
