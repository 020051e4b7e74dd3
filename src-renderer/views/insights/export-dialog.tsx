/**
 * Exporting a widget or a whole dashboard to CSV or XLSX: pick the format; the core builds the
 * file in slices and the shared export dialog (components/export-job-dialog.tsx over
 * hooks/use-export-job.ts) shows its progress, cancels it and saves it (an XLSX travels as base64
 * pieces, each decoded on its own).
 */
import { useState } from 'react';
import type { InsightExportFormat, InsightExportProgress, InsightQueryInput } from '../../../src-shared/api/insights.js';
import { ExportJobDialog } from '../../components/export-job-dialog.js';
import { useClient } from '../../hooks/client-context.js';
import { useCommandIssuer } from '../../hooks/use-command-issuer.js';
import { exportPercent } from '../../hooks/export-job-phase.js';
import { useExportJob } from '../../hooks/use-export-job.js';
import { useT } from '../../i18n/translate.js';

const t = useT('insights');

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
  const starting = useCommandIssuer();
  const cancelling = useCommandIssuer();
  const job = useExportJob<InsightExportProgress>({
    topic: 'insights.export',
    start: () => starting.send({ type: 'insights.export.start', format, dashboardName: request.dashboardName, queries: [...request.queries] }),
    cancel: (exportId) => cancelling.send({ type: 'insights.export.cancel', exportId }),
    chunk: (exportId, offset) => client.query({ type: 'insights.export.chunk', exportId, offset }),
    fallbackName: () => `${request.dashboardName}.${format}`,
    fallbackMimeType: () => MIME[format],
    failedText: t('exportFailed'),
  });

  return (
    <ExportJobDialog
      title={t('exportTitle', { title: request.title })}
      testIdPrefix="insights-export"
      className="insights"
      job={job}
      startLabel={t('export')}
      cancelLabel={t('cancelExport')}
      share={(progress) => exportPercent(progress.widgetsDone, progress.widgetsTotal)}
      runningText={(progress) => t('exportRunning', { done: progress.widgetsDone, total: progress.widgetsTotal })}
      onClose={onClose}
    >
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
    </ExportJobDialog>
  );
}
