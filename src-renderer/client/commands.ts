/**
 * The one way views issue commands (docs/decisions/0013-command-ledger.md).
 *
 * A command id names one user intent: it is made once and reused on every retry of that intent
 * (after a timeout, a lost link, a refusal), so the core's command ledger applies the change at
 * most once; a different change, or the same change once it succeeded, is a new intent with a new
 * id. When a sent command gets no answer, it is not "not sent" but unknown: the views say
 * "unknown yet — checking" while this module asks the ledger what became of the id.
 */
import { canonicalJson, type LedgerOutcome } from '../../src-shared/api/commands.js';
import type { CommandInput, CommandResult, CommandType } from '../../src-shared/api/contract.js';
import { assertNever, fail, type Result } from '../../src-shared/result.js';
import { randomId } from '../ids/random-id.js';
import type { Timers } from './client-core.js';
import type { ConsoleClient } from './console-client.js';

/** What views show while a command's outcome is unknown (never "not sent": it may have been applied). */
export const UNKNOWN_YET_TEXT = 'Unknown yet — checking whether it was applied…';

/**
 * A fresh command id, optionally prefixed with what it is for (easier to read in the audit log).
 * Works on plain-http pages too (ids/random-id.ts).
 */
export function newCommandId(prefix?: string): string {
  return randomId(prefix);
}

export type IntentState = 'pending' | 'failed' | 'succeeded';

export interface CommandIntent {
  /** Canonical JSON of the command: equal commands are the same intent. */
  readonly key: string;
  readonly commandId: string;
  readonly state: IntentState;
}

/**
 * The intent for sending `command` now, given the previous one: the same id while the same
 * command has not succeeded yet (a retry, a double click), otherwise a fresh id from `newId`.
 */
export function beginIntent(previous: CommandIntent | null, command: unknown, newId: () => string): CommandIntent {
  const key = canonicalJson(command);
  if (previous !== null && previous.key === key && previous.state !== 'succeeded') return { key, commandId: previous.commandId, state: 'pending' };
  return { key, commandId: newId(), state: 'pending' };
}

/** Records the answer to an intent. */
export function settleIntent(intent: CommandIntent, succeeded: boolean): CommandIntent {
  return { ...intent, state: succeeded ? 'succeeded' : 'failed' };
}

export interface OutcomeChecks {
  readonly timers?: Timers;
  /** Pause between two questions to the core while the outcome is pending or the core unreachable. */
  readonly intervalMs?: number;
  /** Questions asked before the view is told the outcome is still unknown. */
  readonly maxChecks?: number;
}

export interface IssueOptions extends OutcomeChecks {
  /** Told when the answer did not come, before the ledger is asked: show UNKNOWN_YET_TEXT. */
  readonly onUnknown?: (reason: string) => void;
}

const STILL_UNKNOWN_TEXT = 'It is still unknown whether it was applied; the console core has not said yet. A retry applies it at most once';
const DEFAULT_CHECK_INTERVAL_MS = 2_000;
const DEFAULT_MAX_CHECKS = 30;

const defaultTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/** The answer a ledger outcome stands for, or null while the core is still applying it. */
function answerOf(outcome: LedgerOutcome): Result<unknown> | null {
  switch (outcome.state) {
    case 'done':
      return outcome.result;
    case 'none':
      return fail('The console core never received it, so it was not applied. Sending it again is safe');
    case 'interrupted':
      return fail('The console core stopped while applying it. Send it again to finish it; it applies once');
    case 'pending':
      return null;
    default:
      return assertNever(outcome, 'ledger outcome');
  }
}

/**
 * Settles a command whose answer never came by asking the core's ledger (commands.outcome) until
 * it knows: the first outcome, or that the core never took it. A query made while the link is down
 * waits for the next link, so this also settles a command across a reconnect.
 */
export async function settleUnknown(client: ConsoleClient, commandId: string, checks: OutcomeChecks = {}): Promise<Result<unknown>> {
  const timers = checks.timers ?? defaultTimers;
  const intervalMs = checks.intervalMs ?? DEFAULT_CHECK_INTERVAL_MS;
  const maxChecks = checks.maxChecks ?? DEFAULT_MAX_CHECKS;
  for (let check = 0; check < maxChecks; check += 1) {
    if (check > 0) await new Promise<void>((resolve) => timers.setTimeout(resolve, intervalMs));
    const asked = await client.query({ type: 'commands.outcome', commandId });
    if (!asked.ok) continue;
    const answer = answerOf(asked.value);
    if (answer !== null) return answer;
  }
  return fail(STILL_UNKNOWN_TEXT);
}

/** Whether a command's outcome stayed unknown after every question to the core (show it as such, not as a refusal). */
export function isStillUnknown(result: Result<unknown>): boolean {
  return !result.ok && result.error === STILL_UNKNOWN_TEXT;
}

/**
 * Sends one command under `commandId` and always ends with its real outcome: the core's answer,
 * or, when that never came, the ledger's. Never rejects.
 */
export async function issueCommand<T extends CommandType>(
  client: ConsoleClient,
  command: Extract<CommandInput, { type: T }>,
  commandId: string,
  options: IssueOptions = {},
): Promise<Result<CommandResult<T>>> {
  const delivery = await client.command(command, commandId);
  if (delivery.kind === 'answered') return delivery.result;
  options.onUnknown?.(delivery.reason);
  return (await settleUnknown(client, commandId, options)) as Result<CommandResult<T>>;
}

/** Sends commands for one control (or group of controls), one id per user intent. */
export interface CommandIssuer {
  /** Sends `command`: a retry of the last command that has not succeeded reuses its id. */
  send<T extends CommandType>(command: Extract<CommandInput, { type: T }>, options?: IssueOptions): Promise<Result<CommandResult<T>>>;
  /** Abandons the current intent (a cancelled dialog): the next send is a new command. */
  reset(): void;
}

/** Creates an issuer; `newId` is injectable so tests can name ids. */
export function createCommandIssuer(client: ConsoleClient, newId: () => string = () => newCommandId()): CommandIssuer {
  let intent: CommandIntent | null = null;
  return {
    async send<T extends CommandType>(command: Extract<CommandInput, { type: T }>, options: IssueOptions = {}) {
      const current = beginIntent(intent, command, newId);
      intent = current;
      const result = await issueCommand(client, command, current.commandId, options);
      if (intent?.commandId === current.commandId) intent = settleIntent(current, result.ok);
      return result;
    },
    reset() {
      intent = null;
    },
  };
}
