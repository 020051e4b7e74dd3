/** Command-line options of the stand-alone simulator. */
import { parseArgs } from 'node:util';
import type { SimServerOptions } from './server.js';

/** The stand-alone simulator's token seed when none is given: its demo tokens are the same every run. */
export const DEFAULT_TOKEN_SEED = 'floorwatch-demo';

export const USAGE = `Floorwatch simulator: a contact-center feed server (feed protocol v1.1).

Usage: node dist/sim/cli.mjs [options]

  --host <address>       interface to bind (default 127.0.0.1)
  --port <number>        port (default 7700; 0 picks a free port)
  --seed <number>        seed of the floor; same seed, same floor (default 42)
  --speed <number>       floor time per wall time (default 1)
  --agents <number>      agents on the floor (default 64)
  --directory <number>   people in the directory (default: those agents and the
                         supervisors); the rest are agents off today's rota
  --queues <number>      queues, at least 8 (default 10)
  --rate <number>        multiplier on arrival rates (default 1)
  --history-days <n>     days of history served by backfill (default 7)
  --token-seed <text>    derives each user's token (default "${DEFAULT_TOKEN_SEED}");
                         the demo users and their tokens are printed at start
  --token <token>        one more token, standing for the admin
  --replay-buffer <n>    live events kept for replay after a reconnect (default 500000)
  --help                 print this help
`;

/** Parses the command line into server options; throws with a readable message on bad input. */
export function parseCliOptions(argv: readonly string[]): SimServerOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '7700' },
      seed: { type: 'string', default: '42' },
      speed: { type: 'string', default: '1' },
      agents: { type: 'string', default: '64' },
      directory: { type: 'string' },
      queues: { type: 'string', default: '10' },
      rate: { type: 'string', default: '1' },
      'history-days': { type: 'string', default: '7' },
      token: { type: 'string' },
      'token-seed': { type: 'string', default: DEFAULT_TOKEN_SEED },
      'replay-buffer': { type: 'string', default: '500000' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help';
  const number = (name: string, raw: string | undefined, check: (value: number) => boolean, rule: string): number => {
    const value = Number(raw);
    if (raw === undefined || raw.trim() === '' || !Number.isFinite(value) || !check(value)) throw new Error(`--${name} must be ${rule} (got ${JSON.stringify(raw)})`);
    return value;
  };
  return {
    host: values.host,
    port: number('port', values.port, (value) => Number.isInteger(value) && value >= 0 && value <= 65_535, 'an integer from 0 to 65535'),
    seed: number('seed', values.seed, (value) => Number.isInteger(value) && value >= 0, 'a non-negative integer'),
    speed: number('speed', values.speed, (value) => value > 0, 'a positive number'),
    tokenSeed: values['token-seed'],
    replayBufferSize: number('replay-buffer', values['replay-buffer'], (value) => Number.isInteger(value) && value >= 1, 'a positive integer'),
    historyDays: number('history-days', values['history-days'], (value) => Number.isInteger(value) && value >= 0, 'a non-negative integer'),
    floor: {
      agents: number('agents', values.agents, (value) => Number.isInteger(value) && value >= 1, 'a positive integer'),
      queues: number('queues', values.queues, (value) => Number.isInteger(value) && value >= 8, 'an integer of at least 8'),
      arrivalScale: number('rate', values.rate, (value) => value >= 0, 'a non-negative number'),
      ...(values.directory !== undefined
        ? { directory: number('directory', values.directory, (value) => Number.isInteger(value) && value >= 0 && value <= 10_000, 'an integer from 0 to 10000') }
        : {}),
    },
    ...(values.token !== undefined ? { token: values.token } : {}),
  };
}
