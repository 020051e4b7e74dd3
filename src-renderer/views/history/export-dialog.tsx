/**
 * The download dialog: pick HTML or CSV, watch the export's progress, cancel it, and save the
 * file when it is done. Esc closes it like Close does, which also cancels a running export, so
 * nothing keeps working for a dialog nobody sees.
 */
import { useCallback, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { ExportFormat, ExportProgress } from '../../../src-shared/api/history.js';
import { Dialog } from '../../components/dialog.js';
import { useClient } from '../../hooks/client-context.js';
import { useSubscription } from '../../hooks/use-api.js';
import { useCommandIssuer } from '../../hooks/use-command-issuer.js';
import { readExportFile, safeFileName, saveTextFile } from '../../client/export-file.js';
import { exportPercent, formatNumber } from './history-model.js';
import type { ExportTarget } from './workspace-state.js';
import { useT } from '../../i18n/translate.js';

const t = useT('history');

type Phase =
  | { readonly step: 'choose' }
  | { readonly step: 'starting' }
  | { readonly step: 'running'; readonly progress: ExportProgress }
  | { readonly step: 'saving'; readonly progress: ExportProgress; readonly received: number }
  | { readonly step: 'saved'; readonly progress: ExportProgress }
  | { readonly step: 'cancelled' }
  | { readonly step: 'failed'; readonly error: string };

function describeTarget(target: ExportTarget): string {
  if (target.kind === 'conversations') return t('conversationCount', { count: target.conversationIds.length });
  return t('allValue0Value1Conversations', { value0: formatNumber(target.total), value1: target.capped ? '+' : '' });
}

export function ExportDialog({ target, onClose }: { readonly target: ExportTarget; onClose(): void }) {
  const client = useClient();
  const [format, setFormat] = useState<ExportFormat>('html');
  const [phase, setPhase] = useState<Phase>({ step: 'choose' });
  const exportId = phase.step === 'running' || phase.step === 'saving' || phase.step === 'saved' ? phase.progress.exportId : null;
  const savingStarted = useRef<string | null>(null);
  const starting = useCommandIssuer();
  const cancelling = useCommandIssuer();

  const save = useCallback(
    async (progress: ExportProgress): Promise<void> => {
      if (savingStarted.current === progress.exportId) return;
      savingStarted.current = progress.exportId;
      setPhase({ step: 'saving', progress, received: 0 });
      const parts = await readExportFile(
        (offset) => client.query({ type: 'history.export.chunk', exportId: progress.exportId, offset }),
        (received) => setPhase((current) => (current.step === 'saving' ? { ...current, received } : current)),
      );
      if (!parts.ok) {
        setPhase({ step: 'failed', error: parts.error });
        return;
      }
      const fallback = `conversations.${progress.format}`;
      const mimeType = progress.mimeType ?? (progress.format === 'csv' ? 'text/csv' : 'text/html');
      saveTextFile(parts.value, safeFileName(progress.fileName ?? fallback, fallback), mimeType);
      setPhase({ step: 'saved', progress });
    },
    [client],
  );

  const receive = useCallback(
    (progress: ExportProgress): void => {
      switch (progress.state) {
        case 'running':
          setPhase((current) => (current.step === 'starting' || current.step === 'running' ? { step: 'running', progress } : current));
          return;
        case 'done':
          void save(progress);
          return;
        case 'cancelled':
          setPhase({ step: 'cancelled' });
          return;
        case 'failed':
          setPhase({ step: 'failed', error: progress.error ?? t('theExportFailed') });
          return;
        default:
          return;
      }
    },
    [save],
  );

  const watchError = useSubscription<'history.export'>(exportId === null || phase.step !== 'running' ? null : { topic: 'history.export', exportId }, receive);

  const start = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setPhase({ step: 'starting' });
    const command =
      target.kind === 'conversations'
        ? { type: 'history.export.start' as const, format, conversationIds: [...target.conversationIds] }
        : { type: 'history.export.start' as const, format, search: target.search };
    const result = await starting.send(command);
    if (!result.ok) {
      setPhase({ step: 'failed', error: result.error });
      return;
    }
    setPhase({ step: 'running', progress: result.value });
    receive(result.value);
  };

  const cancel = async (): Promise<void> => {
    if (phase.step === 'running') {
      const result = await cancelling.send({ type: 'history.export.cancel', exportId: phase.progress.exportId });
      setPhase(result.ok ? { step: 'cancelled' } : { step: 'failed', error: result.error });
    }
  };

  const close = (): void => {
    if (phase.step === 'running') void cancel();
    onClose();
  };

  const progress = phase.step === 'running' || phase.step === 'saving' || phase.step === 'saved' ? phase.progress : null;
  const percent = phase.step === 'saving' || phase.step === 'saved' ? 100 : progress === null ? 0 : exportPercent(progress.done, progress.total);
  return (
    <Dialog title={t('downloadValue0', { value0: describeTarget(target) })} testId="export-dialog" dataStep={phase.step} onCancel={close}>
      <form className="dialog__form" onSubmit={(event) => void start(event)}>
        <div className="dialog__body">
          {phase.step === 'choose' ? (
            <fieldset className="history-export__formats">
              <legend className="field__label">{t('format')}</legend>
              <label className="history-radio">
                <input type="radio" name="export-format" value="html" checked={format === 'html'} data-testid="export-format-html" onChange={() => setFormat('html')} />
                {t('htmlReadableOpensIn')}
              </label>
              <label className="history-radio">
                <input type="radio" name="export-format" value="csv" checked={format === 'csv'} data-testid="export-format-csv" onChange={() => setFormat('csv')} />
                {t('csvOneRowPer')}
              </label>
            </fieldset>
          ) : (
            <div className="history-export__progress">
              <progress className="history-progress" max={100} value={percent} aria-label={t('downloadProgress')} data-testid="export-progress" />
              <p className="history-export__status" role="status" data-testid="export-status">
                {phase.step === 'starting' ? t('preparingTheDownload') : null}
                {phase.step === 'running' ? t('preparingValue0OfValue1', { value0: formatNumber(phase.progress.done), value1: formatNumber(phase.progress.total), percent }) : null}
                {phase.step === 'saving' ? t('savingTheFile') : null}
                {phase.step === 'saved' ? t('downloadedValue0', { value0: phase.progress.fileName ?? 'the file' }) : null}
                {phase.step === 'cancelled' ? t('downloadCancelled') : null}
              </p>
              {phase.step === 'failed' ? (
                <p className="history-search__error" role="alert" data-testid="export-error">
                  {phase.error}
                </p>
              ) : null}
              {watchError === null ? null : (
                <p className="history-search__error" role="alert">
                  {watchError}
                </p>
              )}
            </div>
          )}
        </div>
        <footer className="dialog__footer">
          {phase.step === 'choose' ? (
            <button type="submit" className="button button--primary" data-testid="export-start" autoFocus>
              {t('download')}
            </button>
          ) : null}
          {phase.step === 'running' ? (
            <button type="button" className="button" data-testid="export-cancel" onClick={() => void cancel()}>
              {t('cancelDownload')}
            </button>
          ) : null}
          <button type="button" className="button button--quiet" data-testid="export-close" onClick={close}>
            {phase.step === 'choose' ? t('cancel') : t('close')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
