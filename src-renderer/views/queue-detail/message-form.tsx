/**
 * A text box that sends one supervisor command (whisper, reply): Enter sends, Shift+Enter makes
 * a new line, a retry after a failure reuses the command's id so it applies once, and the answer
 * (acknowledged or refused, with the reason) is shown beside the box.
 */
import { useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import type { Result } from '../../../src-shared/result.js';
import { newCommandId, UNKNOWN_YET_TEXT, type IssueOptions } from '../../client/commands.js';
import { canSend, checkAttempt, editAttempt, finishAttempt, idleAttempt, inFlight, startAttempt } from '../../components/command-attempt.js';
import type { CommandAttempt } from '../../components/command-attempt.js';
import { useT } from '../../i18n/translate.js';

const t = useT('queue-detail');

export interface MessageFormProps {
  readonly label: string;
  readonly placeholder: string;
  readonly sendLabel: string;
  readonly acknowledgedText: string;
  /** Sends through client/commands.ts (issueCommand), passing `options` on so an unknown outcome shows. */
  readonly send: (text: string, commandId: string, options: IssueOptions) => Promise<Result<{ readonly detail: string | null }>>;
  readonly testId: string;
}

export function MessageForm({ label, placeholder, sendLabel, acknowledgedText, send, testId }: MessageFormProps) {
  const [attempt, setAttempt] = useState<CommandAttempt>(idleAttempt);
  const submit = (): void => {
    if (!canSend(attempt, true)) return;
    const started = startAttempt(attempt, newCommandId(testId));
    const commandId = started.commandId ?? '';
    setAttempt(started);
    const onUnknown = (): void => setAttempt((current) => checkAttempt(current, commandId));
    void send(started.text.trim(), commandId, { onUnknown }).then((result) => setAttempt((current) => finishAttempt(current, commandId, result)));
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    submit();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      submit();
    }
  };
  const inputId = `${testId}-input`;
  return (
    <form className="message-form" onSubmit={onSubmit} data-testid={testId} data-status={attempt.status}>
      <label htmlFor={inputId} className="message-form__label">
        {label}
      </label>
      <div className="message-form__row">
        <textarea
          id={inputId}
          className="message-form__input"
          rows={2}
          maxLength={4000}
          placeholder={placeholder}
          value={attempt.text}
          onChange={(event) => setAttempt((current) => editAttempt(current, event.target.value))}
          onKeyDown={onKeyDown}
          readOnly={inFlight(attempt)}
          data-testid={`${testId}-input`}
        />
        <button type="submit" className="button button--primary" disabled={!canSend(attempt, true)} data-testid={`${testId}-send`}>
          {inFlight(attempt) ? t('sending') : attempt.status === 'failed' || attempt.status === 'unknown' ? t('retry') : sendLabel}
        </button>
      </div>
      <p className={`message-form__status message-form__status--${attempt.status}`} role="status" data-testid={`${testId}-status`}>
        {attempt.status === 'acknowledged' ? `✓ ${acknowledgedText}` : null}
        {attempt.status === 'checking' ? UNKNOWN_YET_TEXT : null}
        {attempt.status === 'unknown' ? `? ${attempt.error ?? 'Unknown whether it was applied'}.` : null}
        {attempt.status === 'failed' ? t('notSentValue0Retry', { value0: attempt.error ?? 'unknown error' }) : null}
      </p>
    </form>
  );
}
