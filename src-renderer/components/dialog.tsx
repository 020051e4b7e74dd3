/**
 * The one modal dialog of the console, on the platform's <dialog>: showModal() makes the rest of
 * the page inert, so focus stays inside (the focus trap); Esc cancels through React state, so the
 * dialog and the state never disagree; the title labels it; focus returns to whatever had it when
 * the dialog opened. Mount it only while it is open. ConfirmDialog and FormDialog build on it.
 */
import { useEffect, useId, useRef } from 'react';
import type { KeyboardEvent, ReactNode, RefObject } from 'react';
import { useT } from '../i18n/translate.js';

const t = useT('components');

export interface DialogProps {
  readonly title: ReactNode;
  readonly testId: string;
  /** Esc and the close button call this; the parent closes the dialog by unmounting it. */
  readonly onCancel: () => void;
  /** While busy, Esc does nothing: the answer to what is running must be seen. */
  readonly busy?: boolean;
  /** Where focus starts; the first focusable element when omitted (the platform's choice). */
  readonly initialFocus?: RefObject<HTMLElement | null>;
  /** A close button (×) in the header. */
  readonly closeButton?: boolean;
  readonly wide?: boolean;
  /** The area's scope class, so the area's own rules reach into the dialog wherever it is mounted. */
  readonly className?: string;
  /** Extra data attributes for tests and styles, e.g. the step of a multi-step dialog. */
  readonly dataStep?: string;
  readonly children: ReactNode;
}

/** A labelled, focus-trapping modal dialog that closes on Esc and gives focus back on close. */
export function Dialog({ title, testId, onCancel, busy = false, initialFocus, closeButton = false, wide = false, className, dataStep, children }: DialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const latestCancel = useRef(onCancel);
  latestCancel.current = onCancel;
  const latestBusy = useRef(busy);
  latestBusy.current = busy;
  const focusTarget = useRef(initialFocus);

  useEffect(() => {
    const element = dialog.current;
    if (element === null) return undefined;
    const previouslyFocused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!element.open) element.showModal();
    focusTarget.current?.current?.focus();
    // The native Esc ('cancel') would close the dialog behind React's back: the parent decides.
    const onNativeCancel = (event: Event): void => {
      event.preventDefault();
      if (!latestBusy.current) latestCancel.current();
    };
    element.addEventListener('cancel', onNativeCancel);
    return () => {
      element.removeEventListener('cancel', onNativeCancel);
      if (element.open) element.close();
      if (previouslyFocused?.isConnected === true) previouslyFocused.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>): void => {
    if (event.key !== 'Escape') return;
    // Esc closes this dialog only, not the panel behind it.
    event.stopPropagation();
    event.preventDefault();
    if (!busy) onCancel();
  };

  return (
    <dialog ref={dialog} className={['dialog', wide ? 'dialog--wide' : null, className ?? null].filter((name) => name !== null).join(' ')} aria-labelledby={titleId} aria-modal="true" onKeyDown={onKeyDown} data-testid={testId} data-step={dataStep}>
      <header className="dialog__header">
        <h2 className="dialog__title" id={titleId}>
          {title}
        </h2>
        {closeButton ? (
          <button type="button" className="icon-button" aria-label={t('close')} onClick={onCancel} data-testid={`${testId}-close`}>
            ×
          </button>
        ) : null}
      </header>
      {children}
    </dialog>
  );
}
