import { useT } from '../i18n/translate.js';

const t = useT('components');
/** The live region where an action's progress and its answer (ack or error) are announced. */

/** What the region says: nothing, the action running, its acknowledgement, or its refusal. */
export type ActionFeedbackState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'pending'; readonly text: string }
  | { readonly kind: 'ok'; readonly text: string }
  | { readonly kind: 'error'; readonly text: string };

/** The region stays mounted, so a screen reader hears each change of an action's state. */
export function ActionFeedback({ feedback, testId, onDismiss }: { readonly feedback: ActionFeedbackState; readonly testId: string; readonly onDismiss?: () => void }) {
  const text = feedback.kind === 'idle' ? '' : feedback.text;
  return (
    <div className={`action-feedback action-feedback--${feedback.kind}`} data-testid={testId} data-kind={feedback.kind}>
      {/* The region stays mounted so screen readers hear each change. */}
      <p role="status" aria-live="polite" className="action-feedback__text">
        {feedback.kind === 'pending' ? <span className="spinner spinner--inline" aria-hidden="true" /> : null}
        {feedback.kind === 'error' ? <strong>{t('notDone')}</strong> : null}
        {text}
      </p>
      {feedback.kind === 'idle' || feedback.kind === 'pending' || onDismiss === undefined ? null : (
        <button type="button" className="icon-button" aria-label={t('dismissMessage')} onClick={onDismiss}>
          ×
        </button>
      )}
    </div>
  );
}
