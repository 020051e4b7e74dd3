/**
 * Downloads of cached conversations (HTML or CSV), written under <dataDir>/exports by the export
 * job (core/exports/export-jobs.ts): a slice formats conversations for at most a few milliseconds,
 * then yields. Progress goes to the history.export topic; a finished file is read back in pieces
 * with history.export.chunk.
 */
import { join } from 'node:path';
import type { CachedTranscript, ExportFormat, ExportProgress, HistorySearch } from '../../../src-shared/api/history.js';
import { fail, ok, type Result } from '../../../src-shared/result.js';
import type { Access } from '../api/session.js';
import { ExportJobs, type ExportFile, type ExportWriter } from '../exports/export-jobs.js';
import type { QueueScope } from '../queue-scope.js';
import { csvConversation, csvHeader, EXPORT_MIME_TYPES, htmlConversation, htmlFooter, htmlHeader } from './export-format.js';

export { EXPORT_CHUNK_BYTES } from '../exports/export-jobs.js';
export { utf8Boundary } from '../exports/utf8-boundary.js';

/** Conversations one download may hold; a larger search is cut here and says so. */
export const EXPORT_MAX_CONVERSATIONS = 50_000;

export interface ExportSources {
  /** The conversations of a search (scope applied), or a refusal such as bad search syntax. */
  conversationIds(scope: QueueScope, search: HistorySearch, max: number): Result<{ readonly ids: string[]; readonly capped: boolean }>;
  /** Which of these conversations the scope may read (its queues; ended unless it reads live messages), in the given order. */
  inScope(scope: QueueScope, conversationIds: readonly string[]): string[];
  transcript(scope: QueueScope, conversationId: string): Result<CachedTranscript>;
  timeZoneOf(queueId: string): string;
}

export interface ExportOptions {
  readonly dataDir: string;
  readonly sources: ExportSources;
  readonly now: () => number;
  /** Monotonic milliseconds for slice budgets. */
  readonly clock?: () => number;
}

export interface ExportStart {
  readonly format: ExportFormat;
  readonly conversationIds?: readonly string[];
  readonly search?: HistorySearch;
}

/** Writes the conversations one by one in the format asked for, header and footer around them. */
function conversationsWriter(file: ExportFile, format: ExportFormat, ids: readonly string[], scope: QueueScope, sources: ExportSources, now: number): ExportWriter {
  const title = `${ids.length} conversation${ids.length === 1 ? '' : 's'}`;
  file.write(format === 'html' ? htmlHeader(`Floorwatch — ${title}`, now) : csvHeader());
  let next = 0;
  return {
    next: () => {
      const conversationId = ids[next] ?? '';
      next += 1;
      // A conversation pruned since the start is skipped rather than failing the whole file.
      const transcript = sources.transcript(scope, conversationId);
      if (!transcript.ok) return;
      file.write(format === 'html' ? htmlConversation(transcript.value, sources.timeZoneOf(transcript.value.conversation.queueId)) : csvConversation(transcript.value));
    },
    end: () => {
      if (format === 'html') file.write(htmlFooter());
    },
  };
}

export class ExportService {
  private readonly jobs: ExportJobs<ExportProgress>;
  private readonly formats = new Map<string, ExportFormat>();

  constructor(private readonly options: ExportOptions) {
    this.jobs = new ExportJobs<ExportProgress>({
      directory: join(options.dataDir, 'exports'),
      now: options.now,
      ...(options.clock ? { clock: options.clock } : {}),
      sliceBudgetMs: 8,
      progressIntervalMs: 200,
      closingMessage: 'The history service is closing.',
      present: (state) => ({ ...state, format: this.formats.get(state.exportId) ?? 'csv' }),
    });
  }

  /** Deletes export files older than a day (and leftovers of interrupted ones). */
  deleteOld(): number {
    return this.jobs.deleteOld();
  }

  /** Starts an export; the command id is the export id, so a retry answers with the running job. */
  start(session: Access, request: ExportStart, exportId: string): Result<ExportProgress> {
    return this.jobs.start(session, exportId, () => {
      if ((request.conversationIds === undefined) === (request.search === undefined)) {
        return fail('Choose what to download: either a list of conversations or a search, not both.');
      }
      let ids: string[];
      if (request.search) {
        const found = this.options.sources.conversationIds(session.scope, request.search, EXPORT_MAX_CONVERSATIONS);
        if (!found.ok) return found;
        ids = found.value.ids;
      } else {
        ids = this.options.sources.inScope(session.scope, [...new Set(request.conversationIds)]);
      }
      if (ids.length === 0) return fail('Nothing to download: no cached conversation in your queues matches.');
      this.formats.set(exportId, request.format);
      return ok({
        stem: 'conversations',
        extension: request.format,
        mimeType: EXPORT_MIME_TYPES[request.format],
        binary: false,
        total: ids.length,
        writer: (file) => conversationsWriter(file, request.format, ids, session.scope, this.options.sources, this.options.now()),
      });
    });
  }

  /** Stops a running export and deletes its partial file; a finished one stays as it is. */
  cancel(session: Access, exportId: string): Result<ExportProgress> {
    return this.jobs.cancel(session, exportId);
  }

  /** Pushes the export's progress now and at every change; returns the way to stop. */
  watch(session: Access, exportId: string, listener: (progress: ExportProgress) => void): Result<() => void> {
    return this.jobs.watch(session, exportId, listener);
  }

  /** Up to EXPORT_CHUNK_BYTES of a finished file from a byte offset, cut on a character boundary. */
  chunk(session: Access, exportId: string, offset: number): Result<{ readonly data: string; readonly nextOffset: number | null; readonly size: number }> {
    const piece = this.jobs.chunk(session, exportId, offset);
    return piece.ok ? ok({ data: piece.value.data, nextOffset: piece.value.nextOffset, size: piece.value.size }) : piece;
  }

  progress(exportId: string): ExportProgress | undefined {
    return this.jobs.progress(exportId);
  }

  /** Cancels running exports (their partial files are deleted). */
  close(): void {
    this.jobs.close();
  }
}
