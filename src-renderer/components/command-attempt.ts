/**
 * One supervisor command as a form holds it (whisper, reply, takeover, status change): its text,
 * the command id, and where it stands. A retry after a failure reuses the id, so a command that
 * did reach the feed before the answer was lost applies once; changing the text makes it a new
 * command with a new id (ids come from client/commands.ts, which also sends the command).
 */
import type { Result } from '../../src-shared/result.js';
import { isStillUnknown } from '../client/commands.js';

/**
 * `checking`: sent, no answer came, the core's ledger is being asked. `unknown`: the core has not
 * said yet whether it applied it; a retry is safe (same id), so the form offers one.
 */
export type AttemptStatus = 'idle' | 'sending' | 'checking' | 'acknowledged' | 'failed' | 'unknown';

export interface CommandAttempt {
  readonly text: string;
  /** Set on the first send and kept through retries until the command is acknowledged or changed. */
  readonly commandId: string | null;
  readonly status: AttemptStatus;
  /** The refusal or failure to show; null otherwise. */
  readonly error: string | null;
  /** What the feed answered on the last acknowledgement, to show as confirmation. */
  readonly acknowledgement: string | null;
}

export const idleAttempt: CommandAttempt = { text: '', commandId: null, status: 'idle', error: null, acknowledgement: null };

/** Whether the command is on its way (sent, or its outcome being checked). */
export function inFlight(attempt: CommandAttempt): boolean {
  return attempt.status === 'sending' || attempt.status === 'checking';
}

/** The user edits the text: a different text is a different command, so it drops the old id. */
export function editAttempt(attempt: CommandAttempt, text: string): CommandAttempt {
  if (inFlight(attempt) || text === attempt.text) return attempt;
  return { text, commandId: null, status: 'idle', error: null, acknowledgement: null };
}

/** Whether the form may send now: not while a send is in flight, and not an empty text when text is needed. */
export function canSend(attempt: CommandAttempt, needsText: boolean): boolean {
  return !inFlight(attempt) && (!needsText || attempt.text.trim().length > 0);
}

/** Starts a send; keeps the existing id (a retry) or takes the fresh one. */
export function startAttempt(attempt: CommandAttempt, freshCommandId: string): CommandAttempt {
  return { ...attempt, commandId: attempt.commandId ?? freshCommandId, status: 'sending', error: null, acknowledgement: null };
}

/** No answer came for the send: its outcome is unknown while the core's ledger is asked. */
export function checkAttempt(attempt: CommandAttempt, commandId: string): CommandAttempt {
  if (attempt.commandId !== commandId || attempt.status !== 'sending') return attempt;
  return { ...attempt, status: 'checking' };
}

/**
 * Records the answer. An acknowledgement clears the text and the id (the next send is a new
 * command); a failure keeps both for a retry. An answer for another id (the form moved on) is ignored.
 */
export function finishAttempt(attempt: CommandAttempt, commandId: string, result: Result<{ readonly detail: string | null }>): CommandAttempt {
  if (attempt.commandId !== commandId || !inFlight(attempt)) return attempt;
  if (result.ok) return { text: '', commandId: null, status: 'acknowledged', error: null, acknowledgement: result.value.detail };
  return { ...attempt, status: isStillUnknown(result) ? 'unknown' : 'failed', error: result.error };
}
