/**
 * A modal confirmation: the page behind is inert while it is open (the native modal dialog traps
 * focus), Esc cancels, Enter on the confirm button confirms. Focus starts on Cancel so a stray
 * Enter does not confirm.
 */
import { useEffect, useRef } from 'react';
import type { KeyboardEvent, ReactNode, SyntheticEvent } from 'react';

export interface ConfirmDialogProps {
  readonly title: string;
  readonly children: ReactNode;
  readonly confirmLabel: string;
  readonly busy: boolean;
  readonly error: string | null;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  readonly testId: string;
}

export function ConfirmDialog({ title, children, confirmLabel, busy, error, onConfirm, onCancel, testId }: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element === null) return undefined;
    const previouslyFocused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!element.open) element.showModal();
    cancelButton.current?.focus();
    return () => {
      if (element.open) element.close();
      previouslyFocused?.focus();
    };
  }, []);
  // The native cancel (Esc) would close the dialog behind React's back; route it through onCancel.
  const onNativeCancel = (event: SyntheticEvent<HTMLDialogElement>): void => {
    event.preventDefault();
    if (!busy) onCancel();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>): void => {
    if (event.key !== 'Escape') return;
    // Esc closes this dialog only, not the panel behind it.
    event.stopPropagation();
    event.preventDefault();
    if (!busy) onCancel();
  };
  return (
    <dialog ref={dialog} className="confirm-dialog" aria-labelledby={`${testId}-title`} onCancel={onNativeCancel} onKeyDown={onKeyDown} data-testid={testId}>
      <h2 id={`${testId}-title`} className="confirm-dialog__title">
        {title}
      </h2>
      <div className="confirm-dialog__body">{children}</div>
      {error === null ? null : (
        <p className="detail-inline-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
      <div className="confirm-dialog__actions">
        <button type="button" ref={cancelButton} className="button" onClick={onCancel} disabled={busy} data-testid={`${testId}-cancel`}>
          Cancel
        </button>
        <button type="button" className="button button--primary" onClick={onConfirm} disabled={busy} aria-busy={busy} data-testid={`${testId}-confirm`}>
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
