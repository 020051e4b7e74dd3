/** Command-line options of the planners' staffing calculator. */
import { parseArgs } from 'node:util';
import type { CalculatorRequest } from '../../src-shared/staffing/calculator.js';

export const USAGE = `Floorwatch staffing calculator: Erlang C, or Erlang A with --patience-s (docs/staffing.md).

Usage: npm run staffing -- --calls <n> --interval-min <n> --aht-s <n> --target-s <n> [--agents <n> | --sl <fraction>] [options]

  --calls <n>            contacts arriving in the interval
  --interval-min <n>     length of the interval, in minutes
  --aht-s <n>            average handle time, in seconds
  --target-s <n>         service-level threshold: answered within this many seconds
  --agents <n>           evaluate this many agents
  --sl <fraction>        find the fewest agents reaching this service level, 0 to 1
                         (the default, with 0.8, when neither --agents nor --sl is given)
  --patience-s <n>       mean patience before abandoning: use Erlang A and report abandons
  --slots <n>            conversations an agent handles at once, for chat (default 1)
  --max-occupancy <f>    with --sl: occupancy may not exceed this fraction
  --max-abandon <f>      with --sl and --patience-s: abandons may not exceed this fraction
  --help                 print this help

Prints one JSON object: trafficErlangs, agents, serviceLevel, probabilityOfWaiting,
averageSpeedOfAnswerS (null when traffic exceeds the agents without abandons), occupancy,
probabilityOfAbandon (with --patience-s) and stable.
`;

/** The service level sought when neither --agents nor --sl is given: the industry's usual 80 % target. */
export const DEFAULT_SERVICE_LEVEL = 0.8;

/** A plain decimal number: no hex, no empty string, no "Infinity", which Number() would all accept. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parses the command line into a calculator request; throws with a readable message on bad input. */
export function parseStaffingOptions(argv: readonly string[]): CalculatorRequest | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      calls: { type: 'string' },
      'interval-min': { type: 'string' },
      'aht-s': { type: 'string' },
      'target-s': { type: 'string' },
      agents: { type: 'string' },
      sl: { type: 'string' },
      'patience-s': { type: 'string' },
      slots: { type: 'string' },
      'max-occupancy': { type: 'string' },
      'max-abandon': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help';
  const number = (name: string, raw: string | undefined, check: (value: number) => boolean, rule: string): number => {
    if (raw === undefined) throw new Error(`--${name} is required`);
    const value = Number(raw);
    if (!DECIMAL.test(raw.trim()) || !Number.isFinite(value) || !check(value)) throw new Error(`--${name} must be ${rule} (got ${JSON.stringify(raw)})`);
    return value;
  };
  const optional = (name: string, raw: string | undefined, check: (value: number) => boolean, rule: string): number | undefined =>
    raw === undefined ? undefined : number(name, raw, check, rule);
  const positive = (value: number): boolean => value > 0;
  const fraction = (value: number): boolean => value >= 0 && value <= 1;
  const whole = (least: number) => (value: number): boolean => Number.isSafeInteger(value) && value >= least;

  if (values.agents !== undefined && values.sl !== undefined) throw new Error('give either --agents or --sl, not both');
  const agents = optional('agents', values.agents, whole(0), 'a whole number ≥ 0');
  const serviceLevel = optional('sl', values.sl, fraction, 'a fraction from 0 to 1');
  const patienceS = optional('patience-s', values['patience-s'], positive, 'a number of seconds > 0');
  const slotsPerAgent = optional('slots', values.slots, whole(1), 'a whole number ≥ 1');
  const maxOccupancy = optional('max-occupancy', values['max-occupancy'], (value) => value > 0 && value <= 1, 'a fraction above 0, at most 1');
  const maxAbandon = optional('max-abandon', values['max-abandon'], fraction, 'a fraction from 0 to 1');
  if (agents !== undefined && (maxOccupancy !== undefined || maxAbandon !== undefined)) throw new Error('--max-occupancy and --max-abandon bound the search of --sl; they mean nothing with --agents');
  if (maxAbandon !== undefined && patienceS === undefined) throw new Error('--max-abandon needs --patience-s: without a patience nobody abandons');
  return {
    calls: number('calls', values.calls, (value) => value >= 0, 'a number ≥ 0'),
    intervalMin: number('interval-min', values['interval-min'], positive, 'a number of minutes > 0'),
    ahtS: number('aht-s', values['aht-s'], positive, 'a number of seconds > 0'),
    targetS: number('target-s', values['target-s'], (value) => value >= 0, 'a number of seconds ≥ 0'),
    staffing: agents !== undefined ? { agents } : { serviceLevel: serviceLevel ?? DEFAULT_SERVICE_LEVEL },
    ...(patienceS !== undefined ? { patienceS } : {}),
    ...(slotsPerAgent !== undefined ? { slotsPerAgent } : {}),
    ...(maxOccupancy !== undefined ? { maxOccupancy } : {}),
    ...(maxAbandon !== undefined ? { maxAbandon } : {}),
  };
}
