/**
 * Exports of customer data in the audit chain: what was asked for (which conversations or which
 * search, the format, how many conversations; or which dashboard's widgets) when the export
 * starts, and the file it became when it is done. Cancelled and failed exports leave no file, so
 * their start is the whole record. History's downloads and Historical Insights' exports both go
 * through auditCustomerDataExport.
 */
import type { ExportProgress } from '../../../src-shared/api/history.js';
import { errorMessage } from '../../../src-shared/errors.js';
import type { Result } from '../../../src-shared/result.js';
import type { Access } from '../api/session.js';
import type { AuditPort } from '../live-insights/audit-port.js';
import type { ExportService, ExportStart } from './exports.js';

const audited = new WeakMap<object, Set<string>>();

/** One export to audit: its area's action names, what it was, and how to watch it finish. */
export interface AuditedExport<P extends { readonly exportId: string; readonly state: string }> {
  /** The service that runs it: an export id is recorded once per service. */
  readonly service: object;
  /** "history" or "insights": the records are `<area>.export.start` and `<area>.export.file`. */
  readonly area: string;
  readonly progress: P;
  /** What was asked for, recorded at the start. */
  readonly startDetail: Readonly<Record<string, unknown>>;
  /** The file it became, recorded when done. */
  fileDetail(done: P): Readonly<Record<string, unknown>>;
  watch(listener: (progress: P) => void): Result<() => void>;
}

/** Records a customer-data export once per export id: its start now, its file when it is written. */
export function auditCustomerDataExport<P extends { readonly exportId: string; readonly state: string }>(audit: AuditPort, session: Access, exported: AuditedExport<P>): void {
  let seen = audited.get(exported.service);
  if (!seen) {
    seen = new Set();
    audited.set(exported.service, seen);
  }
  if (seen.has(exported.progress.exportId)) return;
  seen.add(exported.progress.exportId);
  const target = `export:${exported.progress.exportId}`;
  audit.record(session, { action: `${exported.area}.export.start`, target, detail: exported.startDetail });

  let stop: (() => void) | null = null;
  let finished = false;
  const watched = exported.watch((current) => {
    if (current.state === 'running' || finished) return;
    finished = true;
    stop?.();
    if (current.state !== 'done') return;
    try {
      audit.record(session, { action: `${exported.area}.export.file`, target, detail: exported.fileDetail(current) });
    } catch (error) {
      // The file is written already; the start record stands and the failure is told here.
      console.error(`[${exported.area}] ${errorMessage(error)}`);
    }
  });
  if (watched.ok) {
    stop = watched.value;
    if (finished) stop();
  }
}

/** Records a history download once per export id: its start now, its file when it is written. */
export function auditExport(audit: AuditPort, exports: ExportService, session: Access, request: ExportStart, progress: ExportProgress): void {
  const selection = request.conversationIds === undefined ? { search: request.search } : { conversationIds: request.conversationIds };
  auditCustomerDataExport(audit, session, {
    service: exports,
    area: 'history',
    progress,
    startDetail: { format: request.format, ...selection, conversations: progress.total },
    fileDetail: (done) => ({ format: done.format, conversations: done.total, file: done.fileName, sizeBytes: done.sizeBytes }),
    watch: (listener) => exports.watch(session, progress.exportId, listener),
  });
}
