/**
 * Rotating the console link from the console itself: a leaked link (a screenshot, a shared
 * browser history) stops working. Every open console tab is disconnected; this one takes the new
 * token and reconnects by itself, and shows the new link to open elsewhere. Only where the page
 * has a console token (a browser on the host); wallboard screens never show the top bar.
 */
import { useState } from 'react';
import type { RotatedConsoleToken } from '../../src-shared/api/console.js';
import { ConfirmDialog } from '../components/confirm-dialog.js';
import { Dialog } from '../components/dialog.js';
import { useAccessToken } from '../hooks/access-token-context.js';
import { useCommand } from '../hooks/use-command.js';

type Step = { readonly kind: 'closed' } | { readonly kind: 'confirm' } | { readonly kind: 'done'; readonly consoleUrl: string };

/** The "Console link" button of the top bar and its two dialogs (confirm, then the new link). */
export function ConsoleLinkControl() {
  const holder = useAccessToken();
  const command = useCommand();
  const [step, setStep] = useState<Step>({ kind: 'closed' });
  if (holder === null) return null;

  const rotate = async (): Promise<void> => {
    const result = await command.run({ type: 'console.rotate_token' }, { pending: 'Rotating the console link…', describe: () => 'The console link was rotated.' });
    if (!result.ok) return;
    const rotated: RotatedConsoleToken = result.value;
    // Before the host closes this socket: the reconnect that follows must offer the new token.
    holder.replace(rotated.token);
    setStep({ kind: 'done', consoleUrl: rotated.consoleUrl });
  };

  const close = (): void => {
    command.clear();
    setStep({ kind: 'closed' });
  };

  return (
    <>
      <button type="button" className="button button--quiet button--small" data-testid="console-link-open" onClick={() => setStep({ kind: 'confirm' })}>
        Console link
      </button>
      {step.kind === 'confirm' ? (
        <ConfirmDialog
          title="Rotate the console link?"
          confirmLabel="Rotate link"
          tone="danger"
          testId="console-link-confirm"
          busy={command.pending}
          error={command.feedback.kind === 'error' ? command.feedback.text : null}
          onConfirm={() => void rotate()}
          onCancel={close}
        >
          <p>
            The current link stops working at once, wherever it was shared or saved. Every open console tab is disconnected; this one
            reconnects by itself. Open the console elsewhere with the new link shown next.
          </p>
        </ConfirmDialog>
      ) : null}
      {step.kind === 'done' ? (
        <Dialog title="New console link" testId="console-link-done" onCancel={close} closeButton>
          <div className="dialog__body dialog__body--text">
            <p>Use this link to open the console in another browser. Keep it private: it opens the console without a password.</p>
            <p>
              <code className="console-link__url" data-testid="console-link-url">
                {step.consoleUrl}
              </code>
            </p>
          </div>
          <footer className="dialog__footer">
            <button type="button" className="button button--primary" onClick={close} data-testid="console-link-close">
              Close
            </button>
          </footer>
        </Dialog>
      ) : null}
    </>
  );
}
