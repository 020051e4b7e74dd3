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
import { useT } from '../i18n/translate.js';

const t = useT('shell');

type Step = { readonly kind: 'closed' } | { readonly kind: 'confirm' } | { readonly kind: 'done'; readonly consoleUrl: string };

/** The "Console link" button of the top bar and its two dialogs (confirm, then the new link). */
export function ConsoleLinkControl() {
  const holder = useAccessToken();
  const command = useCommand();
  const [step, setStep] = useState<Step>({ kind: 'closed' });
  if (holder === null) return null;

  const rotate = async (): Promise<void> => {
    const result = await command.run({ type: 'console.rotate_token' }, { pending: t('rotating'), describe: () => t('rotated') });
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
        {t('consoleLink')}
      </button>
      {step.kind === 'confirm' ? (
        <ConfirmDialog
          title={t('rotateTitle')}
          confirmLabel={t('rotateLink')}
          tone="danger"
          testId="console-link-confirm"
          busy={command.pending}
          error={command.feedback.kind === 'error' ? command.feedback.text : null}
          onConfirm={() => void rotate()}
          onCancel={close}
        >
          <p>{t('rotateBody')}</p>
        </ConfirmDialog>
      ) : null}
      {step.kind === 'done' ? (
        <Dialog title={t('newLinkTitle')} testId="console-link-done" onCancel={close} closeButton>
          <div className="dialog__body dialog__body--text">
            <p>{t('newLinkBody')}</p>
            <p>
              <code className="console-link__url" data-testid="console-link-url">
                {step.consoleUrl}
              </code>
            </p>
          </div>
          <footer className="dialog__footer">
            <button type="button" className="button button--primary" onClick={close} data-testid="console-link-close">
              {t('close')}
            </button>
          </footer>
        </Dialog>
      ) : null}
    </>
  );
}
