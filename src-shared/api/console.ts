/**
 * API contract of the console itself, beside the product areas: how its own API transport is
 * doing (every message counted, docs/architecture.md) and rotating the console token. Both are
 * answered by the process that runs the transport (the host), not by the core's areas.
 */
import { z } from 'zod';
import type { Capability } from '../permissions.js';

/** Why a message to the API could not be read as a request with an id: it is answered with an id-less `error` frame. */
export const UNREADABLE_REASONS = ['oversized', 'not_json', 'binary', 'no_id'] as const;
export type UnreadableReason = (typeof UNREADABLE_REASONS)[number];

/**
 * Every message the API transports received since start, by what became of it:
 * `received = answered + refused + Σ unreadable` (a message that arrives after its connection
 * closed is counted as answered by nobody: `afterClose`, also part of `received`).
 */
export interface ApiMessageCounts {
  readonly received: number;
  /** Valid requests, each answered by id. */
  readonly answered: number;
  /** Readable id, invalid request: answered by id with a refusal. */
  readonly refused: number;
  /** No readable id: answered with an id-less error frame, counted here by reason. */
  readonly unreadable: Readonly<Record<UnreadableReason, number>>;
  /** Arrived while the connection was closing; nobody is left to answer. */
  readonly afterClose: number;
}

export interface ConsoleDiagnostics {
  readonly apiMessages: ApiMessageCounts;
}

/** What rotating the console token gives the caller: the new link (with the token in its fragment) and the token. */
export interface RotatedConsoleToken {
  readonly consoleUrl: string;
  readonly token: string;
}

export { CLOSE_CONSOLE_TOKEN_ROTATED } from './socket-contract.js';

export const consoleQuerySchemas = [z.object({ type: z.literal('console.diagnostics') })] as const;
export const consoleCommandSchemas = [z.object({ type: z.literal('console.rotate_token') })] as const;

export interface ConsoleQueryResults {
  'console.diagnostics': ConsoleDiagnostics;
}

export interface ConsoleCommandResults {
  'console.rotate_token': RotatedConsoleToken;
}

export const CONSOLE_QUERY_CAPABILITY: Readonly<Record<keyof ConsoleQueryResults, Capability | null>> = {
  'console.diagnostics': 'diagnostics.view',
};

/**
 * Any console user may rotate the token they hold (it ends only their own console's links);
 * wallboard devices may not, which the host enforces: devices never reach the command.
 */
export const CONSOLE_COMMAND_CAPABILITY: Readonly<Record<keyof ConsoleCommandResults, Capability>> = {
  'console.rotate_token': 'live.tiles',
};
