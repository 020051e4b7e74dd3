/**
 * The planners' calculator as they run it: the built bundle (dist/staffing/cli.mjs, built by the
 * unit suite's global setup, as `npm run staffing` builds it), its standard output parsed as JSON.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../support/host-process.js';

const CLI = join(ROOT, 'dist/staffing/cli.mjs');
const INTERVAL = ['--calls', '100', '--interval-min', '30', '--aht-s', '180', '--target-s', '20'];

function run(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run staffing', () => {
  it('prints one JSON object with the figures of a given number of agents (Erlang C)', () => {
    const { status, stdout } = run([...INTERVAL, '--agents', '14']);
    expect(status).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const answer = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(answer).sort()).toEqual(['agents', 'averageSpeedOfAnswerS', 'occupancy', 'probabilityOfWaiting', 'serviceLevel', 'stable', 'trafficErlangs']);
    expect(answer).toMatchObject({ trafficErlangs: 10, agents: 14, stable: true });
    // 10 erlangs on 14 agents, 20 s: the textbook example (see tests/unit/shared/staffing/erlang-c.test.ts).
    expect(answer.probabilityOfWaiting as number).toBeCloseTo(0.174132, 6);
    expect(answer.serviceLevel as number).toBeCloseTo(0.88835, 5);
    expect(answer.averageSpeedOfAnswerS as number).toBeCloseTo(7.835937, 6);
    expect(answer.occupancy as number).toBeCloseTo(10 / 14, 12);
  });

  it('finds the fewest agents for a service level, with abandons when given a patience (Erlang A)', () => {
    const patient = JSON.parse(run([...INTERVAL, '--sl', '0.8']).stdout) as Record<string, number>;
    expect(patient.agents).toBe(14);
    const { status, stdout } = run([...INTERVAL, '--sl', '0.8', '--patience-s', '300']);
    expect(status).toBe(0);
    const answer = JSON.parse(stdout) as Record<string, number>;
    expect(answer.agents).toBe(13);
    expect(answer.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(answer.probabilityOfAbandon).toBeGreaterThan(0);
    expect(answer.probabilityOfAbandon).toBeLessThan(0.05);
  });

  it('reports an overloaded queue with a null wait rather than a number JSON cannot hold', () => {
    const answer = JSON.parse(run([...INTERVAL, '--agents', '9']).stdout) as Record<string, unknown>;
    expect(answer).toMatchObject({ agents: 9, stable: false, serviceLevel: 0, averageSpeedOfAnswerS: null });
  });

  it.each([
    [['--agents', '14', '--bogus', '1'], /bogus/],
    [['--agents', 'fourteen'], /--agents must be a whole number/],
    [['--agents', '14.5'], /--agents must be a whole number/],
    [['--sl', '1.5'], /--sl must be a fraction/],
    [['--agents', '14', '--sl', '0.8'], /either --agents or --sl/],
    [['--agents', '14', '--patience-s', '0x10'], /--patience-s must be/],
  ])('refuses %j with a clear message and exit code 2', (extra, message) => {
    const { status, stdout, stderr } = run([...INTERVAL, ...extra]);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Usage:');
  });

  it('refuses a missing interval field', () => {
    const { status, stderr } = run(['--calls', '100', '--aht-s', '180', '--target-s', '20']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/--interval-min is required/);
  });

  it('prints its help', () => {
    const { status, stdout } = run(['--help']);
    expect(status).toBe(0);
    expect(stdout).toContain('--patience-s');
    expect(stdout).toContain('docs/staffing.md');
  });
});
