/**
 * A modal dialog on the platform's <dialog>: showModal() makes the rest of the page inert (focus
 * stays inside), Esc cancels, Enter submits, and focus returns to the opener on close. Mount it
 * only while it is open.
 */
import { useEffect, useId, useRef } from 'react';
import type { FormEvent, KeyboardEvent, ReactNode } from 'react';

export interface ModalDialogProps {
  readonly title: string;
  readonly testId: string;
  /** Esc, the Cancel button and the close button all call this. */
  readonly onCancel: () => void;
  /** Enter (outside a text area) and the primary button call this; omit for a dialog with no primary action. */
  readonly onSubmit?: () => void;
  readonly submitLabel?: string;
  readonly submitDisabled?: boolean;
  readonly cancelLabel?: string;
  /** A destructive primary action is drawn as such. */
  readonly tone?: 'normal' | 'danger';
  readonly wide?: boolean;
  /** The refusal of the last attempt, shown above the buttons so the user can correct or retry. */
  readonly error?: string | null;
  readonly children: ReactNode;
}

/** A modal dialog with a title, a body and Cancel / primary buttons. */
export function ModalDialog({ title, testId, onCancel, onSubmit, submitLabel = 'Apply', submitDisabled = false, cancelLabel = 'Cancel', tone = 'normal', wide = false, error = null, children }: ModalDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const latestCancel = useRef(onCancel);
  latestCancel.current = onCancel;

  useEffect(() => {
    const element = dialog.current;
    if (element === null) return undefined;
    if (!element.open) element.showModal();
    // Esc fires 'cancel': the parent decides, by unmounting, so React state stays the truth.
    const onNativeCancel = (event: Event): void => {
      event.preventDefault();
      latestCancel.current();
    };
    element.addEventListener('cancel', onNativeCancel);
    return () => {
      element.removeEventListener('cancel', onNativeCancel);
      if (element.open) element.close();
    };
  }, []);

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (onSubmit !== undefined && !submitDisabled) onSubmit();
  };

  // Browsers submit on Enter only from text fields; the dialog promises Enter applies from checkboxes and radios too.
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>): void => {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    const target = event.target as HTMLElement;
    if (target instanceof HTMLInputElement && (target.type === 'checkbox' || target.type === 'radio')) {
      event.preventDefault();
      event.currentTarget.requestSubmit();
    }
  };

  return (
    <dialog ref={dialog} className={wide ? 'live-admin modal modal--wide' : 'live-admin modal'} aria-labelledby={titleId} data-testid={testId}>
      <form className="modal__form" onSubmit={submit} onKeyDown={onKeyDown} noValidate>
        <header className="modal__header">
          <h2 className="modal__title" id={titleId}>
            {title}
          </h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onCancel} data-testid={`${testId}-close`}>
            ×
          </button>
        </header>
        <div className="modal__body">{children}</div>
        {error === null ? null : (
          <p className="form-errors modal__error" role="alert" data-testid={`${testId}-error`}>
            Not done: {error}
          </p>
        )}
        <footer className="modal__footer">
          <button type="button" className="button" onClick={onCancel} data-testid={`${testId}-cancel`}>
            {cancelLabel}
          </button>
          {onSubmit === undefined ? null : (
            <button type="submit" className={tone === 'danger' ? 'button button--danger' : 'button button--primary'} disabled={submitDisabled} data-testid={`${testId}-submit`}>
              {submitLabel}
            </button>
          )}
        </footer>
      </form>
    </dialog>
  );
}
