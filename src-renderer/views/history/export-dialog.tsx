/**
 * The download dialog: pick HTML or CSV; the export's progress, cancel and saving are the shared
 * export dialog's (components/export-job-dialog.tsx over hooks/use-export-job.ts).
 */
import { useState } from 'react';
import type { ExportFormat, ExportProgress } from '../../../src-shared/api/history.js';
import { ExportJobDialog } from '../../components/export-job-dialog.js';
import { useClient } from '../../hooks/client-context.js';
import { useCommandIssuer } from '../../hooks/use-command-issuer.js';
import { exportPercent } from '../../hooks/export-job-phase.js';
import { useExportJob } from '../../hooks/use-export-job.js';
import { formatNumber } from './history-model.js';
import type { ExportTarget } from './workspace-state.js';
import { useT } from '../../i18n/translate.js';

const t = useT('history');

function describeTarget(target: ExportTarget): string {
  if (target.kind === 'conversations') return t('conversationCount', { count: target.conversationIds.length });
  return t('allValue0Value1Conversations', { value0: formatNumber(target.total), value1: target.capped ? '+' : '' });
}

export function ExportDialog({ target, onClose }: { readonly target: ExportTarget; onClose(): void }) {
  const client = useClient();
  const [format, setFormat] = useState<ExportFormat>('html');
  const starting = useCommandIssuer();
  const cancelling = useCommandIssuer();
  const job = useExportJob<ExportProgress>({
    topic: 'history.export',
    start: () =>
      starting.send(
        target.kind === 'conversations'
          ? { type: 'history.export.start', format, conversationIds: [...target.conversationIds] }
          : { type: 'history.export.start', format, search: target.search },
      ),
    cancel: (exportId) => cancelling.send({ type: 'history.export.cancel', exportId }),
    chunk: (exportId, offset) => client.query({ type: 'history.export.chunk', exportId, offset }),
    fallbackName: (progress) => `conversations.${progress.format}`,
    fallbackMimeType: (progress) => (progress.format === 'csv' ? 'text/csv' : 'text/html'),
    failedText: t('theExportFailed'),
  });

  return (
    <ExportJobDialog
      title={t('downloadValue0', { value0: describeTarget(target) })}
      testIdPrefix="export"
      job={job}
      startLabel={t('download')}
      cancelLabel={t('cancelDownload')}
      share={(progress) => exportPercent(progress.done, progress.total)}
      runningText={(progress, percent) => t('preparingValue0OfValue1', { value0: formatNumber(progress.done), value1: formatNumber(progress.total), percent })}
      onClose={onClose}
    >
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
    </ExportJobDialog>
  );
}
