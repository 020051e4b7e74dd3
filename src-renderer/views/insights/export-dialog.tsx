/**
 * Exporting a widget or a whole dashboard to CSV or XLSX: the core builds the file in slices
 * (`insights.export.start`, progress on the `insights.export` topic, cancel), and the renderer
 * fetches it in pieces and saves it with the history exports' client code (client/export-file.ts).
 * An XLSX travels as base64 pieces, each decoded on its own.
 */
import { useCallback, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { InsightExportFormat, InsightExportProgress, InsightQueryInput } from '../../../src-shared/api/insights.js';
import { Dialog } from '../../components/dialog.js';
import { useClient } from '../../hooks/client-context.js';
import { useSubscription } from '../../hooks/use-api.js';
import { useCommandIssuer } from '../../hooks/use-command-issuer.js';
import { useT } from '../../i18n/translate.js';
import { readExportFile, safeFileName, saveTextFile } from '../../client/export-file.js';
import { decodeBase64 } from './insights-files.js';

const t = useT('insights');

type Phase =
  | { readonly step: 'choose' }
  | { readonly step: 'starting' }
  | { readonly step: 'running'; readonly progress: InsightExportProgress }
  | { readonly step: 'saving'; readonly progress: InsightExportProgress }
  | { readonly step: 'saved'; readonly progress: InsightExportProgress }
  | { readonly step: 'cancelled' }
  | { readonly step: 'failed'; readonly error: string };

const MIME: Readonly<Record<InsightExportFormat, string>> = { csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

export interface ExportRequest {
  /** What the dialog's title names: the dashboard or one widget. */
  readonly title: string;
  readonly dashboardName: string;
  readonly queries: readonly InsightQueryInput[];
}

export function InsightsExportDialog({ request, onClose }: { readonly request: ExportRequest; onClose(): void }) {
  const client = useClient();
  const [format, setFormat] = useState<InsightExportFormat>('xlsx');
  const [phase, setPhase] = useState<Phase>({ step: 'choose' });
  const savingStarted = useRef<string | null>(null);
  const starting = useCommandIssuer();
  const cancelling = useCommandIssuer();
  const exportId = phase.step === 'running' ? phase.progress.exportId : null;

  const save = useCallback(
    async (progress: InsightExportProgress): Promise<void> => {
      if (savingStarted.current === progress.exportId) return;
      savingStarted.current = progress.exportId;
      setPhase({ step: 'saving', progress });
      const seen: { encoding: 'utf8' | 'base64' } = { encoding: 'utf8' };
      const parts = await readExportFile(async (offset) => {
        const result = await client.query({ type: 'insights.export.chunk', exportId: progress.exportId, offset });
        if (result.ok) seen.encoding = result.value.encoding;
        return result;
      });
      if (!parts.ok) {
        setPhase({ step: 'failed', error: parts.error });
        return;
      }
      const fallback = `${request.dashboardName}.${format}`;
      const body = seen.encoding === 'base64' ? parts.value.map(decodeBase64) : parts.value;
      saveTextFile(body, safeFileName(progress.fileName ?? fallback, fallback), progress.mimeType ?? MIME[format]);
      setPhase({ step: 'saved', progress });
    },
    [client, format, request.dashboardName],
  );

  const receive = useCallback(
    (progress: InsightExportProgress): void => {
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
          setPhase({ step: 'failed', error: progress.error ?? t('exportFailed') });
          return;
        default:
          return;
      }
    },
    [save],
  );

  const watchError = useSubscription<'insights.export'>(exportId === null ? null : { topic: 'insights.export', exportId }, receive);

  const start = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setPhase({ step: 'starting' });
    const result = await starting.send({ type: 'insights.export.start', format, dashboardName: request.dashboardName, queries: [...request.queries] });
    if (!result.ok) {
      setPhase({ step: 'failed', error: result.error });
      return;
    }
    setPhase({ step: 'running', progress: result.value });
    receive(result.value);
  };

  const cancel = async (): Promise<void> => {
    if (phase.step !== 'running') return;
    const result = await cancelling.send({ type: 'insights.export.cancel', exportId: phase.progress.exportId });
    setPhase(result.ok ? { step: 'cancelled' } : { step: 'failed', error: result.error });
  };

  const close = (): void => {
    if (phase.step === 'running') void cancel();
    onClose();
  };

  const progress = phase.step === 'running' || phase.step === 'saving' || phase.step === 'saved' ? phase.progress : null;
  const percent = phase.step === 'saving' || phase.step === 'saved' ? 100 : progress === null || progress.widgetsTotal === 0 ? 0 : Math.round((100 * progress.widgetsDone) / progress.widgetsTotal);
  return (
    <Dialog title={t('exportTitle', { title: request.title })} testId="insights-export-dialog" dataStep={phase.step} onCancel={close} className="insights">
      <form className="dialog__form" onSubmit={(event) => void start(event)}>
        <div className="dialog__body">
          {phase.step === 'choose' ? (
            <fieldset className="insights-export__formats">
              <legend className="field__label">{t('format')}</legend>
              <label className="insights-radio">
                <input type="radio" name="insights-export-format" value="xlsx" checked={format === 'xlsx'} onChange={() => setFormat('xlsx')} data-testid="insights-export-xlsx" />
                {t('formatXlsx')}
              </label>
              <label className="insights-radio">
                <input type="radio" name="insights-export-format" value="csv" checked={format === 'csv'} onChange={() => setFormat('csv')} data-testid="insights-export-csv" />
                {t('formatCsv')}
              </label>
            </fieldset>
          ) : (
            <div>
              <progress className="insights-progress" max={100} value={percent} aria-label={t('exportProgress')} data-testid="insights-export-progress" />
              <p role="status" data-testid="insights-export-status">
                {phase.step === 'starting' ? t('exportPreparing') : null}
                {phase.step === 'running' ? t('exportRunning', { done: phase.progress.widgetsDone, total: phase.progress.widgetsTotal }) : null}
                {phase.step === 'saving' ? t('exportSaving') : null}
                {phase.step === 'saved' ? t('exportSaved', { file: phase.progress.fileName ?? '' }) : null}
                {phase.step === 'cancelled' ? t('exportCancelled') : null}
              </p>
              {phase.step === 'failed' ? (
                <p className="form-error" role="alert" data-testid="insights-export-error">
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
            <button type="submit" className="button button--primary" data-testid="insights-export-start" autoFocus>
              {t('export')}
            </button>
          ) : null}
          {phase.step === 'running' ? (
            <button type="button" className="button" data-testid="insights-export-cancel" onClick={() => void cancel()}>
              {t('cancelExport')}
            </button>
          ) : null}
          <button type="button" className="button button--quiet" data-testid="insights-export-close" onClick={close}>
            {phase.step === 'choose' ? t('cancel') : t('close')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
