/**
 * The console's own queries and commands (src-shared/api/console.ts), answered where their
 * answers live: the transport's message counts and the console token belong to the process that
 * serves the sockets, not to the core. A thin wrapper around the ApiService; everything else goes
 * to the core unchanged. Only console sockets get it: a wallboard device reaches the core's
 * fallback, which refuses the rotation.
 */
import type { RotatedConsoleToken } from '../../src-shared/api/console.js';
import { QUERY_CAPABILITY } from '../../src-shared/api/contract.js';
import { can } from '../../src-shared/permissions.js';
import { errorMessage } from '../../src-shared/errors.js';
import { fail, ok } from '../../src-shared/result.js';
import type { ApiMessageCounter } from '../core/api/api-connection.js';
import type { ApiService } from '../core/api/api-service.js';

export interface ConsoleCommandOptions {
  /** The counts `console.diagnostics` shows: every message of this process's API sockets or windows. */
  readonly counts: ApiMessageCounter;
  /** Makes and stores a new console token and closes the console's sockets; null where there is no console token (the desktop app). */
  readonly rotateToken: (() => RotatedConsoleToken) | null;
}

/**
 * Wraps `api` so it answers `console.diagnostics` and `console.rotate_token`.
 * Kept out of the core so the core stays free of transports and tokens.
 */
export function withConsoleCommands(api: ApiService, options: ConsoleCommandOptions): ApiService {
  return {
    query(session, query, origin) {
      if (query.type !== 'console.diagnostics') return api.query(session, query, origin);
      const needed = QUERY_CAPABILITY['console.diagnostics'];
      if (needed !== null && !can(session.role, needed)) return fail(`Your role (${session.role}) may not run console.diagnostics.`) as never;
      return ok({ apiMessages: options.counts.snapshot() }) as never;
    },
    subscribe: (session, subscription, listener) => api.subscribe(session, subscription, listener),
    async command(session, command, commandId) {
      if (command.type !== 'console.rotate_token') return api.command(session, command, commandId);
      if (options.rotateToken === null) return fail('This console has no token to rotate (the desktop app needs none).');
      try {
        return ok(options.rotateToken()) as never;
      } catch (error) {
        return fail(`The console token could not be rotated: ${errorMessage(error)}`);
      }
    },
    close: () => api.close(),
  };
}
