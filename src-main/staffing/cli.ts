/**
 * The planners' staffing calculator, usable without a feed: prints one JSON object.
 * Usage: npm run staffing -- --calls 100 --interval-min 30 --aht-s 180 --target-s 20 --sl 0.8 (see --help).
 * Exit codes: 0 answered, 1 no staffing reaches the target, 2 bad command line.
 */
import { readCommandLine } from '../cli/command-line.js';
import { parseStaffingOptions, USAGE } from './cli-options.js';
import type { CalculatorRequest } from '../../src-shared/staffing/calculator.js';
import { calculate } from '../../src-shared/staffing/calculator.js';
import { errorMessage } from '../../src-shared/errors.js';

function main(): void {
  const request = readCommandLine<CalculatorRequest>(USAGE, () => parseStaffingOptions(process.argv.slice(2)));
  if (request === null) return;
  try {
    process.stdout.write(`${JSON.stringify(calculate(request))}\n`);
  } catch (error) {
    process.stderr.write(`${errorMessage(error)}\n`);
    process.exitCode = error instanceof RangeError ? 2 : 1;
  }
}

main();
