/**
 * The dialog around an export (useExportJob): the kind's own form while choosing, then one
 * progress bar and status line through starting, running, saving and saved (or cancelled,
 * failed), and the same buttons. Esc closes it like Close does, which also cancels a running
 * export. Test ids are `<testIdPrefix>-dialog`, `-start`, `-cancel`, `-close`, `-progress`,
 * `-status`, `-error`.
 */
import type { ReactNode } from 'react';
import type { ExportJob } from '../hooks/use-export-job.js';
import type { ExportJobProgress } from '../hooks/export-job-phase.js';
import { phasePercent } from '../hooks/export-job-phase.js';
import { useT } from '../i18n/translate.js';
import { Dialog } from './dialog.js';

const t = useT('components');

export interface ExportJobDialogProps<P extends ExportJobProgress> {
  readonly title: string;
  readonly testIdPrefix: string;
  readonly className?: string;
  readonly job: ExportJob<P>;
  /** The start button's words ("Download", "Export") and the cancel button's. */
  readonly startLabel: string;
  readonly cancelLabel: string;
  /** What the running export has done, in the kind's words, and its share 0–100. */
  runningText(progress: P, percent: number): string;
  share(progress: P): number;
  onClose(): void;
  /** The kind's form, shown while choosing. */
  readonly children: ReactNode;
}

export function ExportJobDialog<P extends ExportJobProgress>({ title, testIdPrefix, className, job, startLabel, cancelLabel, runningText, share, onClose, children }: ExportJobDialogProps<P>) {
  const { phase, watchError } = job;
  const id = (part: string): string => `${testIdPrefix}-${part}`;
  const close = (): void => {
    job.stop();
    onClose();
  };
  const percent = phasePercent(phase, share);
  return (
    <Dialog title={title} testId={id('dialog')} dataStep={phase.step} onCancel={close} {...(className === undefined ? {} : { className })}>
      <form
        className="dialog__form"
        onSubmit={(event) => {
          event.preventDefault();
          void job.start();
        }}
      >
        <div className="dialog__body">
          {phase.step === 'choose' ? (
            children
          ) : (
            <div className="export-job__progress">
              <progress className="export-job__bar" max={100} value={percent} aria-label={t('exportProgress')} data-testid={id('progress')} />
              <p className="export-job__status" role="status" data-testid={id('status')}>
                {phase.step === 'starting' ? t('exportPreparing') : null}
                {phase.step === 'running' ? runningText(phase.progress, percent) : null}
                {phase.step === 'saving' ? t('exportSaving') : null}
                {phase.step === 'saved' ? t('exportSaved', { file: phase.progress.fileName ?? '' }) : null}
                {phase.step === 'cancelled' ? t('exportCancelled') : null}
              </p>
              {phase.step === 'failed' ? (
                <p className="form-error" role="alert" data-testid={id('error')}>
                  {phase.error}
                </p>
              ) : null}
              {watchError === null ? null : (
                <p className="form-error" role="alert">
                  {watchError}
                </p>
              )}
            </div>
          )}
        </div>
        <footer className="dialog__footer">
          {phase.step === 'choose' ? (
            <button type="submit" className="button button--primary" data-testid={id('start')} autoFocus>
              {startLabel}
            </button>
          ) : null}
          {phase.step === 'running' ? (
            <button type="button" className="button" data-testid={id('cancel')} onClick={() => void job.cancel()}>
              {cancelLabel}
            </button>
          ) : null}
          <button type="button" className="button button--quiet" data-testid={id('close')} onClick={close}>
            {phase.step === 'choose' ? t('cancel') : t('close')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
