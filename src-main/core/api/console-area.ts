/**
 * The console's own queries and commands (src-shared/api/console.ts) as the core alone answers
 * them: it runs no transport and holds no console token, so it says where the answer comes from.
 * The host wraps the service with the real answers (src-main/host/console-commands.ts).
 */
import type { ConsoleCommandResults, ConsoleQueryResults } from '../../../src-shared/api/console.js';
import { fail } from '../../../src-shared/result.js';
import type { CommandHandlers, QueryHandlers } from './handlers.js';

export const CONSOLE_AREA_QUERIES: QueryHandlers<keyof ConsoleQueryResults> = {
  'console.diagnostics': () => fail('console.diagnostics is answered by the process serving this connection, and this one keeps no transport counts.'),
};

export const CONSOLE_AREA_COMMANDS: CommandHandlers<keyof ConsoleCommandResults> = {
  'console.rotate_token': () => fail('Only a console connection can rotate the console token (not a wallboard device, not the desktop app).'),
};
