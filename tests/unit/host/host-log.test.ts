/**
 * The headless host keeps a rolling log beside its data, as the desktop app's processes do: what
 * it prints goes to `<dataDir>/logs/host.<n>.log` too, and a clean stop leaves it written out.
 */
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startHostProcess, tempDir, type HostProcess } from '../../support/host-process.js';

let host: HostProcess | undefined;
let dataDir = '';

afterEach(async () => {
  await host?.stop();
  host = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

it('writes its start and what it prints into <dataDir>/logs/host.1.log, owner-only', async () => {
  dataDir = tempDir('host-log');
  host = await startHostProcess(['--agents', '8', '--queues', '2', '--feed-token', 'never-logged-secret'], { dataDir });
  await host.stop();
  const file = join(dataDir, 'logs', 'host.1.log');
  expect(existsSync(file)).toBe(true);
  const lines = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { msg: string; process: string });
  expect(lines[0]).toMatchObject({ msg: 'host started', process: 'host' });
  expect(lines.some((line) => line.msg.startsWith('Floorwatch console: '))).toBe(true);
  expect((statSync(join(dataDir, 'logs')).mode & 0o777).toString(8)).toBe('700');
  // The console address carries the console token; the log is private to the user (0700 folder).
  expect(readFileSync(file, 'utf8')).not.toContain('never-logged-secret');
});
