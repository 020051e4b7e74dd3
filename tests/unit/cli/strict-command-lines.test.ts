/**
 * Each program as people start it: a mistyped option stops it with exit code 2 and a suggestion,
 * before anything starts (no simulator, no window). The built bundles come from the global setup.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../support/host-process.js';

function run(script: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(ROOT, script), ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, FLOORWATCH_DATA_DIR: join(ROOT, 'dist', 'no-such-data-dir') } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('strict command lines', () => {
  it.each([
    ['the host', 'dist/host/cli.mjs', ['--feedurl', 'ws://127.0.0.1:1'], '--feed-url'],
    ['npm start', 'scripts/start.mjs', ['--feedurl', 'ws://127.0.0.1:1'], '--feed-url'],
    ['the simulator', 'dist/sim/cli.mjs', ['--prot', '7700'], '--port'],
    ['the staffing calculator', 'dist/staffing/cli.mjs', ['--call', '100'], '--calls'],
  ])('%s refuses a typo with a suggestion and exit code 2', (_name, script, args, meant) => {
    const { status, stdout, stderr } = run(script, args);
    expect(status).toBe(2);
    expect(stderr).toContain(`did you mean ${meant}?`);
    expect(stdout).not.toContain('listening');
    expect(stdout).not.toContain('Floorwatch console:');
  });

  it('prints help generated from the option table', () => {
    const { status, stdout } = run('dist/host/cli.mjs', ['--help']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/--feed-url URL +ws:\/\/ or wss:\/\/ address of a real feed, for this run/u);
    expect(stdout).toContain('env FLOORWATCH_FEED_URL');
    expect(run('scripts/start.mjs', ['--help']).stdout).toContain('--wallboard');
  });
});
