/** The live region where an action's progress and its answer (ack or error) are announced. */
import type { CommandFeedback } from './use-command.js';

export function ActionFeedback({ feedback, testId, onDismiss }: { readonly feedback: CommandFeedback; readonly testId: string; readonly onDismiss?: () => void }) {
  const text = feedback.kind === 'idle' ? '' : feedback.text;
  return (
    <div className={`action-feedback action-feedback--${feedback.kind}`} data-testid={testId} data-kind={feedback.kind}>
      {/* The region stays mounted so screen readers hear each change. */}
      <p role="status" aria-live="polite" className="action-feedback__text">
        {feedback.kind === 'pending' ? <span className="spinner spinner--inline" aria-hidden="true" /> : null}
        {feedback.kind === 'error' ? <strong>Not done: </strong> : null}
        {text}
      </p>
      {feedback.kind === 'idle' || feedback.kind === 'pending' || onDismiss === undefined ? null : (
        <button type="button" className="icon-button" aria-label="Dismiss message" onClick={onDismiss}>
          ×
        </button>
      )}
    </div>
  );
}
