/** Loading, empty and error states of the queue detail's panels: each says what is happening and what to do. */
import type { ReactNode } from 'react';

/** A panel's state message; `testId` lets tests tell the states apart. */
export function DetailState({ kind, title, children, testId }: { readonly kind: 'loading' | 'empty' | 'error'; readonly title: string; readonly children?: ReactNode; readonly testId?: string }) {
  return (
    <div className={`detail-state detail-state--${kind}`} role={kind === 'error' ? 'alert' : 'status'} aria-busy={kind === 'loading'} data-testid={testId ?? `detail-${kind}`} data-state={kind}>
      {kind === 'loading' ? <span className="spinner" aria-hidden="true" /> : null}
      {kind === 'error' ? (
        <span className="detail-state__icon" aria-hidden="true">
          !
        </span>
      ) : null}
      <p className="detail-state__title">{title}</p>
      {children === undefined ? null : <div className="detail-state__body">{children}</div>}
    </div>
  );
}
