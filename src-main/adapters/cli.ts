/**
 * `npm run adapt -- --source amazon-connect|genesys|twilio [FILE]`: a platform's records, from
 * FILE or standard input, printed as canonical events, one JSON object a line
 * (docs/adapters.md, "The command line"). Skipped records go to standard error with their reason,
 * then one summary line. Exit codes: 0 the input was read (whatever it held), 1 it could not be
 * read, 2 a bad command line.
 */
import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { readCommandLine } from '../cli/command-line.js';
import { helpText, parseCommandLine, textOption, UsageError } from '../cli/option-table.js';
import { ADAPT_PROGRAM, ADAPT_SOURCES } from '../cli/programs.js';
import { errorMessage } from '../../src-shared/errors.js';
import { tallyLine } from './adapter.js';
import type { AdaptSource } from './run.js';
import { adaptText } from './run.js';

const USAGE = helpText(ADAPT_PROGRAM);

function isSource(value: string): value is AdaptSource {
  return (ADAPT_SOURCES as readonly string[]).includes(value);
}

function parse(argv: readonly string[]): { source: AdaptSource; file: string | undefined } | 'help' {
  const { values, operands } = parseCommandLine(ADAPT_PROGRAM, argv);
  if (values.help === true) return 'help';
  const source = textOption(values, 'source');
  if (source === undefined) throw new UsageError(`--source is required: ${ADAPT_SOURCES.join(', ')}`);
  if (!isSource(source)) throw new UsageError(`--source must be one of ${ADAPT_SOURCES.join(', ')} (got ${JSON.stringify(source)})`);
  const [file] = operands;
  return { source, file: file === '-' ? undefined : file };
}

async function main(): Promise<void> {
  const request = readCommandLine(USAGE, () => parse(process.argv.slice(2)));
  if (request === null) return;
  let input: string;
  try {
    input = request.file === undefined ? await text(process.stdin) : await readFile(request.file, 'utf8');
  } catch (error) {
    process.stderr.write(`cannot read ${request.file ?? 'standard input'}: ${errorMessage(error)}\n`);
    process.exitCode = 1;
    return;
  }
  const out: string[] = [];
  const tally = adaptText(request.source, input, {
    event: (event) => out.push(`${JSON.stringify(event)}\n`),
    skipped: (where, reason, detail) => process.stderr.write(`skipped ${where} (${reason}): ${detail}\n`),
  });
  process.stdout.write(out.join(''));
  process.stderr.write(`${request.source}: ${tallyLine(tally)}\n`);
}

await main();
