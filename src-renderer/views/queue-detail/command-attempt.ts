/**
 * One supervisor command as a form holds it (whisper, reply, takeover, status change): its text,
 * the idempotency key, and where it stands. A retry after a failure reuses the key, so a command
 * that did reach the feed before the answer was lost applies once; changing the text makes it a
 * new command with a new key.
 */
import type { Result } from '../../../src-shared/result.js';
import { newCommandId as randomCommandId } from '../../client/command-id.js';

export type AttemptStatus = 'idle' | 'sending' | 'acknowledged' | 'failed';

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

/** The user edits the text: a different text is a different command, so it drops the old key. */
export function editAttempt(attempt: CommandAttempt, text: string): CommandAttempt {
  if (attempt.status === 'sending' || text === attempt.text) return attempt;
  return { text, commandId: null, status: 'idle', error: null, acknowledgement: null };
}

/** Whether the form may send now: not while a send is in flight, and not an empty text when text is needed. */
export function canSend(attempt: CommandAttempt, needsText: boolean): boolean {
  return attempt.status !== 'sending' && (!needsText || attempt.text.trim().length > 0);
}

/** Starts a send; keeps the existing key (a retry) or takes the fresh one. */
export function startAttempt(attempt: CommandAttempt, freshCommandId: string): CommandAttempt {
  return { ...attempt, commandId: attempt.commandId ?? freshCommandId, status: 'sending', error: null, acknowledgement: null };
}

/**
 * Records the answer. An acknowledgement clears the text and the key (the next send is a new
 * command); a failure keeps both for a retry. An answer for another key (the form moved on) is ignored.
 */
export function finishAttempt(attempt: CommandAttempt, commandId: string, result: Result<{ readonly detail: string | null }>): CommandAttempt {
  if (attempt.commandId !== commandId || attempt.status !== 'sending') return attempt;
  if (result.ok) return { text: '', commandId: null, status: 'acknowledged', error: null, acknowledgement: result.value.detail };
  return { ...attempt, status: 'failed', error: result.error };
}

/** A fresh idempotency key, prefixed with what it is for (easier to read in the audit log). */
export function newCommandId(prefix: string): string {
  return `${prefix}-${randomCommandId()}`;
}
