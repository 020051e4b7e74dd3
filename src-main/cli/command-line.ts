/**
 * A program's command line read as every command-line program here reads it: a bad one prints the
 * error and the usage to standard error and exits with code 2; `--help` prints the usage to
 * standard output. The option table itself is option-table.ts.
 */
import { errorMessage } from '../../src-shared/errors.js';

/** What `parse` read, or null when the program has nothing more to do (help printed, or a usage error). */
export function readCommandLine<T>(usage: string, parse: () => T | 'help'): T | null {
  let request: T | 'help';
  try {
    request = parse();
  } catch (error) {
    process.stderr.write(`${errorMessage(error)}\n\n${usage}`);
    process.exitCode = 2;
    return null;
  }
  if (request === 'help') {
    process.stdout.write(usage);
    return null;
  }
  return request;
}
