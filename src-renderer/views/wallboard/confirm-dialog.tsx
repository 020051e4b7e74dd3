/**
 * A modal question before something that cannot be undone (delete a board, revoke a screen).
 * The native dialog gives focus trapping and Esc for free; Cancel has the focus, so a stray Enter
 * does not destroy anything.
 */
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';

export interface ConfirmDialogProps {
  readonly title: string;
  readonly children: ReactNode;
  readonly confirmLabel: string;
  readonly busy?: boolean;
  /** Why the last attempt failed, shown inside the dialog so the question stays in context. */
  readonly error?: string | null;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

export function ConfirmDialog({ title, children, confirmLabel, busy = false, error = null, onConfirm, onCancel }: ConfirmDialogProps) {
  const dialogRef = useRef<HTMLDialogElement | null>(null);
  const cancelRef = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog === null) return undefined;
    if (!dialog.open) dialog.showModal();
    cancelRef.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
    };
  }, []);
  return (
    <dialog
      ref={dialogRef}
      className="wb-dialog"
      aria-labelledby="wb-dialog-title"
      data-testid="confirm-dialog"
      onCancel={(event) => {
        // Esc: close through React state, so the dialog and the state never disagree.
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id="wb-dialog-title" className="wb-dialog__title">
        {title}
      </h2>
      <div className="wb-dialog__body">{children}</div>
      {error === null ? null : (
        <p className="wb-form__error" role="alert" data-testid="confirm-error">
          {error}
        </p>
      )}
      <div className="wb-dialog__actions">
        <button ref={cancelRef} type="button" className="wb-button" onClick={onCancel} data-testid="confirm-cancel">
          Cancel
        </button>
        <button type="button" className="wb-button wb-button--danger" onClick={onConfirm} disabled={busy} data-testid="confirm-ok">
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
