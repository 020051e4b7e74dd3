/**
 * Sends commands through the command issuer (one id per user intent, a retry reuses it), tracks
 * the pending state, says "unknown yet — checking" while an unanswered command is looked up, and
 * keeps the last answer as a message for a live region.
 */
import { useCallback, useState } from 'react';
import type { CommandInput, CommandResult, CommandType } from '../../src-shared/api/contract.js';
import type { Result } from '../../src-shared/result.js';
import { UNKNOWN_YET_TEXT } from '../client/commands.js';
import { useCommandIssuer } from './use-command-issuer.js';

export type CommandFeedback =
  | { readonly kind: 'idle' }
  | { readonly kind: 'pending'; readonly text: string }
  | { readonly kind: 'ok'; readonly text: string }
  | { readonly kind: 'error'; readonly text: string };

export interface CommandRunner {
  readonly feedback: CommandFeedback;
  readonly pending: boolean;
  /**
   * Sends a command. `pendingText` is announced while it runs; `describe` turns the answer into
   * the success message. Resolves with the result so the caller can close its dialog.
   */
  run<T extends CommandType>(command: Extract<CommandInput, { type: T }>, texts: { readonly pending: string; readonly describe: (value: CommandResult<T>) => string }): Promise<Result<CommandResult<T>>>;
  clear(): void;
}

/** A command runner for one group of controls sharing one live region. */
export function useCommand(): CommandRunner {
  const issuer = useCommandIssuer();
  const [feedback, setFeedback] = useState<CommandFeedback>({ kind: 'idle' });
  const run = useCallback(
    async <T extends CommandType>(command: Extract<CommandInput, { type: T }>, texts: { readonly pending: string; readonly describe: (value: CommandResult<T>) => string }) => {
      setFeedback({ kind: 'pending', text: texts.pending });
      const result = await issuer.send(command, { onUnknown: () => setFeedback({ kind: 'pending', text: UNKNOWN_YET_TEXT }) });
      setFeedback(result.ok ? { kind: 'ok', text: texts.describe(result.value) } : { kind: 'error', text: result.error });
      return result;
    },
    [issuer],
  );
  const clear = useCallback(() => setFeedback({ kind: 'idle' }), []);
  return { feedback, pending: feedback.kind === 'pending', run, clear };
}
