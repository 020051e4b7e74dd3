/**
 * A dialog that edits something and applies it: a form with Cancel and a primary button, Enter
 * applies (from checkboxes and radios too), and the refusal of the last attempt stays above the
 * buttons so the user can correct or retry.
 */
import type { FormEvent, KeyboardEvent, ReactNode } from 'react';
import { Dialog } from './dialog.js';
import { useT } from '../i18n/translate.js';

const t = useT('components');

export interface FormDialogProps {
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
  /** The area's scope class (see Dialog). */
  readonly className?: string;
  readonly error?: string | null;
  readonly children: ReactNode;
}

/** A modal form with a title, a body and Cancel / primary buttons. */
export function FormDialog({ title, testId, onCancel, onSubmit, submitLabel = t('apply'), submitDisabled = false, cancelLabel = t('cancel'), tone = 'normal', wide = false, className, error = null, children }: FormDialogProps) {
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
    <Dialog title={title} testId={testId} onCancel={onCancel} closeButton wide={wide} className={className}>
      <form className="dialog__form" onSubmit={submit} onKeyDown={onKeyDown} noValidate>
        <div className="dialog__body">{children}</div>
        {error === null ? null : (
          <p className="form-error dialog__error" role="alert" data-testid={`${testId}-error`}>
            {t('notDone')}
            {error}
          </p>
        )}
        <footer className="dialog__footer">
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
    </Dialog>
  );
}
