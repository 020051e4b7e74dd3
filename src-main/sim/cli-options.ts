/** Command-line options of the stand-alone simulator. */
import { helpText, parseOptions, textOption } from '../cli/option-table.js';
import { SIM_PROGRAM } from '../cli/programs.js';
import type { SimServerOptions } from './server.js';

/** The stand-alone simulator's token seed when none is given: its demo tokens are the same every run. */
export const DEFAULT_TOKEN_SEED = 'floorwatch-demo';

/** `--help`, from the simulator's option table. */
export const USAGE = helpText(SIM_PROGRAM);

/** Parses the command line into server options; throws with a readable message on bad input (a UsageError for an unknown option). */
export function parseCliOptions(argv: readonly string[]): SimServerOptions | 'help' {
  const parsed = parseOptions(SIM_PROGRAM, argv);
  const text = (name: string): string => textOption(parsed, name) ?? '';
  const values = {
    help: parsed.help === true,
    host: text('host'),
    port: text('port'),
    seed: text('seed'),
    speed: text('speed'),
    agents: text('agents'),
    directory: textOption(parsed, 'directory'),
    queues: text('queues'),
    rate: text('rate'),
    'history-days': text('history-days'),
    token: textOption(parsed, 'token'),
    'token-seed': text('token-seed'),
    'replay-buffer': text('replay-buffer'),
  };
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
