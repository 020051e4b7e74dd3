/**
 * The connection part of the contract as a core alone answers it: refused. Connections are the
 * console runtime's (src-main/core/runtime), which answers them before any core sees them; a core
 * reached without a runtime (a test, a tool) says so instead of guessing.
 */
import type { ConnectionCommandResults, ConnectionQueryResults } from '../../../src-shared/api/connection.js';
import { fail } from '../../../src-shared/result.js';
import type { CommandHandlers, QueryHandlers } from '../api/handlers.js';

export type ConnectionQueryType = keyof ConnectionQueryResults;
export type ConnectionCommandType = keyof ConnectionCommandResults;

const REFUSAL = 'The console runtime (the host or the desktop app) manages connections; this core alone cannot.';
const refuse = () => fail(REFUSAL);

export const CONNECTIONS_OUTSIDE_RUNTIME: { readonly queries: QueryHandlers<ConnectionQueryType>; readonly commands: CommandHandlers<ConnectionCommandType> } = {
  queries: { 'connection.list': refuse },
  commands: { 'connection.test': refuse, 'connection.save': refuse, 'connection.use': refuse, 'connection.forget': refuse },
};
