/** Command-line options of the planners' staffing calculator. */
import { helpText, parseOptions, textOption } from '../cli/option-table.js';
import { STAFFING_PROGRAM } from '../cli/programs.js';
import type { CalculatorRequest } from '../../src-shared/staffing/calculator.js';

/** `--help`, from the calculator's option table. */
export const USAGE = helpText(STAFFING_PROGRAM);

/** The service level sought when neither --agents nor --sl is given: the industry's usual 80 % target. */
export const DEFAULT_SERVICE_LEVEL = 0.8;

/** A plain decimal number: no hex, no empty string, no "Infinity", which Number() would all accept. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parses the command line into a calculator request; throws with a readable message on bad input. */
export function parseStaffingOptions(argv: readonly string[]): CalculatorRequest | 'help' {
  const parsed = parseOptions(STAFFING_PROGRAM, argv);
  const pick = (name: string): string | undefined => textOption(parsed, name);
  const values = {
    help: parsed.help === true,
    calls: pick('calls'),
    'interval-min': pick('interval-min'),
    'aht-s': pick('aht-s'),
    'target-s': pick('target-s'),
    agents: pick('agents'),
    sl: pick('sl'),
    'patience-s': pick('patience-s'),
    slots: pick('slots'),
    'max-occupancy': pick('max-occupancy'),
    'max-abandon': pick('max-abandon'),
  };
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
