/**
 * Exports of customer data in the audit chain: what was asked for (which conversations or which
 * search, the format, how many conversations) when the export starts, and the file it became when
 * it is done. Cancelled and failed exports leave no file, so their start is the whole record.
 */
import type { ExportProgress } from '../../../src-shared/api/history.js';
import { errorMessage } from '../../../src-shared/errors.js';
import type { Access } from '../api/session.js';
import type { AuditPort } from '../live-insights/audit-port.js';
import type { ExportService, ExportStart } from './exports.js';

const audited = new WeakMap<ExportService, Set<string>>();

/** Records an export once per export id: its start now, its file when it is written. */
export function auditExport(audit: AuditPort, exports: ExportService, session: Access, request: ExportStart, progress: ExportProgress): void {
  let seen = audited.get(exports);
  if (!seen) {
    seen = new Set();
    audited.set(exports, seen);
  }
  if (seen.has(progress.exportId)) return;
  seen.add(progress.exportId);
  const target = `export:${progress.exportId}`;
  const selection = request.conversationIds === undefined ? { search: request.search } : { conversationIds: request.conversationIds };
  audit.record(session, { action: 'history.export.start', target, detail: { format: request.format, ...selection, conversations: progress.total } });

  let stop: (() => void) | null = null;
  let finished = false;
  const watched = exports.watch(session, progress.exportId, (current) => {
    if (current.state === 'running' || finished) return;
    finished = true;
    stop?.();
    if (current.state !== 'done') return;
    try {
      audit.record(session, {
        action: 'history.export.file',
        target,
        detail: { format: current.format, conversations: current.total, file: current.fileName, sizeBytes: current.sizeBytes },
      });
    } catch (error) {
      // The file is written already; the start record stands and the failure is told here.
      console.error(`[history] ${errorMessage(error)}`);
    }
  });
  if (watched.ok) {
    stop = watched.value;
    if (finished) stop();
  }
}
