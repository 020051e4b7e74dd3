/**
 * The command ledger: one idempotency store for every command of every area
 * (docs/decisions/0013-command-ledger.md). A command id is the client's name for one user intent;
 * the first outcome under it is kept in SQLite and is the answer to every retry, during the first
 * attempt (the retry shares it), after it, and after a restart.
 */
import type { Command, CommandType } from '../../../src-shared/api/contract.js';
import type { LedgerOutcome } from '../../../src-shared/api/commands.js';
import { fail, type Result } from '../../../src-shared/result.js';
import { COMMAND_RULES, type CommandRule, type CommandRules } from './command-rules.js';
import type { CommandHandlers } from './handlers.js';
import type { Session } from './session.js';
import type { StoreConnection } from '../store/connection.js';

/** Outcomes are kept this long: far longer than any retry, short enough that the table stays small. */
export const LEDGER_KEEP_MS = 7 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;

export interface CommandLedgerOptions {
  /** Wall clock of the entries (default Date.now). */
  readonly now?: () => number;
  readonly rules?: CommandRules;
}

type Answer = Result<unknown> | Promise<Result<unknown>>;

export interface CommandLedger {
  /**
   * Applies `apply` once per command id: a new id is applied and its outcome kept; a known id gets
   * the first outcome (or shares the attempt in flight); an id used for another command type,
   * another subject or by another user is refused. Synchronous when `apply` is.
   */
  run(session: Session, command: Command, commandId: string, apply: () => Answer): Answer;
  /** The same handlers, each going through `run`. */
  guard<K extends CommandType>(handlers: CommandHandlers<K>): CommandHandlers<K>;
  /** What the ledger knows about one of the user's command ids (the commands.outcome query). */
  outcome(session: Session, commandId: string): LedgerOutcome;
}

interface Entry {
  readonly userId: string | null;
  readonly type: string;
  readonly subject: string | null;
  readonly state: 'pending' | 'done';
  readonly result: string | null;
}

interface Flight {
  readonly userId: string;
  readonly type: string;
  readonly subject: string;
  readonly answer: Promise<Result<unknown>>;
}

/** Why a known command id cannot be used for this command, or null when it is a retry. */
function misuse(known: { readonly userId: string | null; readonly type: string; readonly subject: string | null }, session: Session, type: string, subject: string, commandId: string): string | null {
  if (known.userId !== null && known.userId !== session.userId) return `Command id ${commandId} was already used by another user; send a new id.`;
  if (known.type !== type) return `Command id ${commandId} was already used for ${known.type}.`;
  if (known.subject !== null && known.subject !== subject) return `Command id ${commandId} was already used for another action; send a new id.`;
  return null;
}

/** Opens the ledger over the store's database (table command_ledger, migration 70). */
export function createCommandLedger(db: StoreConnection, options: CommandLedgerOptions = {}): CommandLedger {
  const now = options.now ?? Date.now;
  const rules = options.rules ?? COMMAND_RULES;
  const statements = {
    get: db.prepare<[string], Entry>('SELECT user_id AS userId, type, subject, state, result FROM command_ledger WHERE command_id = ?'),
    begin: db.prepare<[string, string, string, string, number]>(
      "INSERT INTO command_ledger (command_id, user_id, type, subject, state, result, at) VALUES (?, ?, ?, ?, 'pending', NULL, ?)",
    ),
    finish: db.prepare<[string, number, string]>("UPDATE command_ledger SET state = 'done', result = ?, at = ? WHERE command_id = ?"),
    forget: db.prepare<[string]>('DELETE FROM command_ledger WHERE command_id = ?'),
    prune: db.prepare<[number]>("DELETE FROM command_ledger WHERE at < ? AND state = 'done'"),
  };
  const inFlight = new Map<string, Flight>();
  let prunedAt = 0;

  const prune = (): void => {
    const at = now();
    if (at - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = at;
    statements.prune.run(at - LEDGER_KEEP_MS);
  };
  prune();

  /** Keeps what retries will be answered: successes always, refusals where the rule says so. */
  const record = (commandId: string, rule: CommandRule<CommandType>, result: Result<unknown>): void => {
    if (!db.open) return;
    if (result.ok) {
      const kept = rule.replay ? (rule.replay as (value: unknown) => unknown)(result.value) : result.value;
      statements.finish.run(JSON.stringify({ ok: true, value: kept }), now(), commandId);
    } else if (rule.keepsRefusals) {
      statements.finish.run(JSON.stringify(result), now(), commandId);
    } else {
      statements.forget.run(commandId);
    }
  };

  const run = (session: Session, command: Command, commandId: string, apply: () => Answer): Answer => {
    const rule = rules[command.type] as CommandRule<CommandType>;
    const subject = (rule.subject as (command: Command) => string)(command);
    const flying = inFlight.get(commandId);
    if (flying) {
      const refusal = misuse(flying, session, command.type, subject, commandId);
      return refusal === null ? flying.answer : fail(refusal);
    }

    const known = statements.get.get(commandId);
    if (known) {
      const refusal = misuse(known, session, command.type, subject, commandId);
      if (refusal !== null) return fail(refusal);
      if (known.state === 'done' && known.result !== null) return JSON.parse(known.result) as Result<unknown>;
      // Pending with nothing in flight: the core stopped while applying it. Applying it again under
      // the same id finishes it; the area resumes (an audited action is resent, the feed applies it once).
    } else {
      prune();
      statements.begin.run(commandId, session.userId, command.type, subject, now());
    }

    let answer: Answer;
    try {
      answer = apply();
    } catch (error) {
      if (db.open) statements.forget.run(commandId);
      throw error;
    }
    if (!(answer instanceof Promise)) {
      record(commandId, rule, answer);
      return answer;
    }
    const settled = answer.then(
      (result) => {
        inFlight.delete(commandId);
        record(commandId, rule, result);
        return result;
      },
      (error: unknown) => {
        inFlight.delete(commandId);
        if (db.open) statements.forget.run(commandId);
        throw error;
      },
    );
    inFlight.set(commandId, { userId: session.userId, type: command.type, subject, answer: settled });
    return settled;
  };

  return {
    run,
    guard<K extends CommandType>(handlers: CommandHandlers<K>): CommandHandlers<K> {
      const guarded: Record<string, unknown> = {};
      for (const type of Object.keys(handlers) as K[]) {
        const handler = handlers[type] as unknown as (session: Session, command: Command, commandId: string) => Answer;
        guarded[type] = (session: Session, command: Command, commandId: string) => run(session, command, commandId, () => handler(session, command, commandId));
      }
      return guarded as CommandHandlers<K>;
    },
    outcome(session, commandId) {
      const flying = inFlight.get(commandId);
      if (flying) return flying.userId === session.userId ? { state: 'pending' } : { state: 'none' };
      const known = statements.get.get(commandId);
      if (!known || (known.userId !== null && known.userId !== session.userId)) return { state: 'none' };
      if (known.state === 'done' && known.result !== null) return { state: 'done', result: JSON.parse(known.result) as Result<unknown> };
      return { state: 'interrupted' };
    },
  };
}
