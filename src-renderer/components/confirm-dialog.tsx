/**
 * A question before something that cannot be undone (take over a conversation, delete a board,
 * revoke a screen). Focus starts on Cancel so a stray Enter does not confirm; while the action
 * runs, both buttons wait and Esc does nothing; a refusal is shown inside, so the question stays
 * in context and Confirm can be pressed again.
 */
import { useRef } from 'react';
import type { ReactNode } from 'react';
import { Dialog } from './dialog.js';
import { useT } from '../i18n/translate.js';

const t = useT('components');

export interface ConfirmDialogProps {
  readonly title: string;
  readonly children: ReactNode;
  readonly confirmLabel: string;
  readonly busy?: boolean;
  /** Why the last attempt failed. */
  readonly error?: string | null;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  /** The dialog's test id; its parts are `${testId}-cancel`, `-confirm` and `-error` unless named in `partTestIds`. */
  readonly testId: string;
  readonly partTestIds?: { readonly cancel?: string; readonly confirm?: string; readonly error?: string };
  /** A destructive action is drawn as such. */
  readonly tone?: 'normal' | 'danger';
}

/** A modal yes/no question, Cancel focused. */
export function ConfirmDialog({ title, children, confirmLabel, busy = false, error = null, onConfirm, onCancel, testId, partTestIds = {}, tone = 'normal' }: ConfirmDialogProps) {
  const cancelButton = useRef<HTMLButtonElement>(null);
  return (
    <Dialog title={title} testId={testId} onCancel={onCancel} busy={busy} initialFocus={cancelButton}>
      <div className="dialog__body dialog__body--text">{children}</div>
      {error === null ? null : (
        <p className="form-error dialog__error" role="alert" data-testid={partTestIds.error ?? `${testId}-error`}>
          {error}
        </p>
      )}
      <footer className="dialog__footer">
        <button type="button" ref={cancelButton} className="button" onClick={onCancel} disabled={busy} data-testid={partTestIds.cancel ?? `${testId}-cancel`}>
          {t('cancel')}
        </button>
        <button
          type="button"
          className={tone === 'danger' ? 'button button--danger' : 'button button--primary'}
          onClick={onConfirm}
          disabled={busy}
          aria-busy={busy}
          data-testid={partTestIds.confirm ?? `${testId}-confirm`}
        >
          {busy ? t('working') : confirmLabel}
        </button>
      </footer>
    </Dialog>
  );
}
