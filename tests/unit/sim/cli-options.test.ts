import { describe, expect, it } from 'vitest';
import { parseCliOptions } from '../../../src-main/sim/cli-options.js';

describe('simulator command line', () => {
  it('maps flags to server options', () => {
    expect(parseCliOptions(['--port', '7701', '--seed', '3', '--speed', '10', '--agents', '200', '--queues', '12', '--rate', '1.5', '--history-days', '2', '--token', 'T'])).toEqual({
      host: '127.0.0.1',
      port: 7701,
      seed: 3,
      speed: 10,
      historyDays: 2,
      token: 'T',
      tokenSeed: 'floorwatch-demo',
      replayBufferSize: 500_000,
      floor: { agents: 200, queues: 12, arrivalScale: 1.5 },
    });
  });

  it('takes the directory size, or leaves it to the floor (the rota and its supervisors)', () => {
    expect(parseCliOptions(['--agents', '500', '--directory', '10000'])).toMatchObject({ floor: { agents: 500, directory: 10_000 } });
    expect((parseCliOptions([]) as { floor: object }).floor).not.toHaveProperty('directory');
    expect(() => parseCliOptions(['--directory=-1'])).toThrow('--directory must be an integer from 0 to 10000');
    expect(() => parseCliOptions(['--directory', '20000'])).toThrow('--directory must be an integer from 0 to 10000');
  });

  it('takes a token seed and a replay buffer size', () => {
    expect(parseCliOptions(['--token-seed', 'S', '--replay-buffer', '1000'])).toMatchObject({ tokenSeed: 'S', replayBufferSize: 1000 });
    expect(() => parseCliOptions(['--replay-buffer', '0'])).toThrow('--replay-buffer must be a positive integer');
  });

  it('asks for help, and refuses bad values with a clear message', () => {
    expect(parseCliOptions(['--help'])).toBe('help');
    expect(() => parseCliOptions(['--port', 'abc'])).toThrow('--port must be an integer from 0 to 65535');
    expect(() => parseCliOptions(['--queues', '3'])).toThrow('--queues must be an integer of at least 8');
    expect(() => parseCliOptions(['--unknown'])).toThrow();
  });
});
