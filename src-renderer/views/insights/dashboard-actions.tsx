/**
 * What a user may do with dashboards besides looking: new, copy, edit and delete their own
 * (insights.create), share one as a document file and import one (a refusal shows the field and
 * the reason), export the figures (insights.export), and save as PDF (the desktop app's printToPDF) or print.
 */
import { useRef, useState } from 'react';
import type { ChangeEvent } from 'react';
import type { DashboardRecord } from '../../../src-shared/api/insights.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { useCan } from '../../hooks/use-api.js';
import { useCommandIssuer } from '../../hooks/use-command-issuer.js';
import { useT } from '../../i18n/translate.js';
import { DashboardEditor } from './dashboard-editor.js';
import { copyDocument, newDocument } from './editor-model.js';
import { saveDashboardFile } from './insights-files.js';
import { printDashboard } from './print-dashboard.js';

const t = useT('insights');

type Editing = { readonly dashboardId: string | null; readonly record: DashboardRecord | null; readonly mode: 'new' | 'copy' | 'edit' };

export interface ActionsProps {
  readonly record: DashboardRecord;
  onOpen(dashboardId: string | null): void;
  onExport(): void;
}

/** The dashboard's action bar and the dialogs it opens. */
export function DashboardActions({ record, onOpen, onExport }: ActionsProps) {
  const canCreate = useCan('insights.create');
  const canExport = useCan('insights.export');
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [importMessage, setImportMessage] = useState<{ readonly tone: 'error' | 'ok'; readonly text: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const deleter = useCommandIssuer();
  const importer = useCommandIssuer();
  const [busy, setBusy] = useState(false);

  const remove = async (): Promise<void> => {
    setBusy(true);
    const result = await deleter.send({ type: 'insights.dashboard.delete', dashboardId: record.dashboardId });
    setBusy(false);
    if (!result.ok) {
      setDeleteError(result.error);
      return;
    }
    setDeleting(false);
    onOpen(null);
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file === undefined) return;
    const json = await file.text();
    const result = await importer.send({ type: 'insights.dashboard.import', json });
    importer.reset();
    if (!result.ok) {
      setImportMessage({ tone: 'error', text: t('importRefused', { file: file.name, reason: result.error }) });
      return;
    }
    setImportMessage({ tone: 'ok', text: t('imported', { name: result.value.name }) });
    onOpen(result.value.dashboardId);
  };

  const savePdf = async (): Promise<void> => {
    const outcome = await printDashboard(window, record.name, () => window.print());
    if (outcome.state === 'saved') setImportMessage({ tone: 'ok', text: t('pdfSaved', { path: outcome.path }) });
    if (outcome.state === 'failed') setImportMessage({ tone: 'error', text: t('pdfFailed', { reason: outcome.error }) });
  };

  const initialOf = (mode: Editing['mode']) => {
    if (mode === 'new') return newDocument(t('newDashboardName'), t('newWidgetTitle'));
    if (mode === 'copy') return copyDocument(record.document, t('copyOf', { name: record.name }));
    return record.document;
  };

  return (
    <div className="insights-actions" role="group" aria-label={t('dashboardActions')}>
      {canCreate ? (
        <>
          <button type="button" className="button button--small" onClick={() => setEditing({ dashboardId: null, record: null, mode: 'new' })} data-testid="insights-new">
            {t('new')}
          </button>
          <button type="button" className="button button--small" onClick={() => setEditing({ dashboardId: null, record, mode: 'copy' })} data-testid="insights-copy">
            {t('copy')}
          </button>
          {record.builtIn ? null : (
            <>
              <button type="button" className="button button--small" onClick={() => setEditing({ dashboardId: record.dashboardId, record, mode: 'edit' })} data-testid="insights-edit">
                {t('edit')}
              </button>
              <button type="button" className="button button--small button--danger" onClick={() => setDeleting(true)} data-testid="insights-delete">
                {t('delete')}
              </button>
            </>
          )}
          <button type="button" className="button button--small" onClick={() => saveDashboardFile(record.document)} data-testid="insights-share">
            {t('shareFile')}
          </button>
          <button type="button" className="button button--small" onClick={() => fileInput.current?.click()} data-testid="insights-import">
            {t('importFile')}
          </button>
          <input ref={fileInput} type="file" accept=".json,application/json" className="visually-hidden" tabIndex={-1} aria-hidden="true" onChange={(event) => void importFile(event)} data-testid="insights-import-file" />
        </>
      ) : null}
      {canExport ? (
        <button type="button" className="button button--small" onClick={onExport} data-testid="insights-export">
          {t('exportDashboard')}
        </button>
      ) : null}
      <button type="button" className="button button--small" onClick={() => void savePdf()} data-testid="insights-print">
        {t('printPdf')}
      </button>
      {importMessage === null ? null : (
        <p className={importMessage.tone === 'error' ? 'form-error insights-actions__message' : 'insights-actions__message'} role={importMessage.tone === 'error' ? 'alert' : 'status'} data-testid="insights-import-message">
          {importMessage.text}
        </p>
      )}
      {editing === null ? null : (
        <DashboardEditor
          dashboardId={editing.dashboardId}
          initial={initialOf(editing.mode)}
          onCancel={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            onOpen(saved.dashboardId);
          }}
        />
      )}
      {deleting ? (
        <ConfirmDialog
          title={t('deleteTitle', { name: record.name })}
          confirmLabel={t('delete')}
          tone="danger"
          busy={busy}
          error={deleteError}
          onConfirm={() => void remove()}
          onCancel={() => {
            setDeleting(false);
            setDeleteError(null);
          }}
          testId="insights-delete-confirm"
        >
          <p>{t('deleteQuestion', { name: record.name })}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
