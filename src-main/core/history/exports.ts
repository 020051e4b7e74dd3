/**
 * Downloads of cached conversations (HTML or CSV), written under <dataDir>/exports in the
 * background: each slice formats conversations for at most a few milliseconds, then yields with
 * setImmediate, so queries and ingest never wait long behind a large export. Progress goes to the
 * history.export topic; cancel stops the work and deletes the partial file; a finished file is
 * read back in pieces with history.export.chunk. Files older than a day are deleted.
 */
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { CachedTranscript, ExportFormat, ExportProgress, HistorySearch } from '../../../src-shared/api/history.js';
import { fail, ok, type Result } from '../../../src-shared/result.js';
import type { Access } from '../api/session.js';
import type { QueueScope } from '../queue-scope.js';
import { csvConversation, csvHeader, EXPORT_MIME_TYPES, htmlConversation, htmlFooter, htmlHeader } from './export-format.js';
import { errorMessage } from '../../../src-shared/errors.js';
import { ensurePrivateDir, makePrivate, PRIVATE_FILE_MODE } from '../private-files.js';
import { deleteOldExportFiles } from './export-files.js';

/** Largest piece history.export.chunk returns. */
export const EXPORT_CHUNK_BYTES = 256 * 1024;
/** Conversations one download may hold; a larger search is cut here and says so. */
export const EXPORT_MAX_CONVERSATIONS = 50_000;
const EXPORT_MAX_AGE_MS = 86_400_000;
/** Work per slice before yielding to the event loop. */
const SLICE_BUDGET_MS = 8;
/** Progress pushes at most this often while running (the last state is always pushed). */
const PROGRESS_INTERVAL_MS = 200;

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

interface ExportJob {
  progress: ExportProgress;
  readonly userId: string;
  readonly scope: QueueScope;
  readonly ids: readonly string[];
  readonly partialPath: string;
  readonly finalPath: string;
  fd: number | null;
  next: number;
  readonly listeners: Set<(progress: ExportProgress) => void>;
  lastPushAt: number;
}

export interface ExportStart {
  readonly format: ExportFormat;
  readonly conversationIds?: readonly string[];
  readonly search?: HistorySearch;
}

/** Cuts a buffer before a UTF-8 sequence that runs past its end, so text never splits a character. */
export function utf8Boundary(buffer: Buffer, length: number): number {
  let end = length;
  let lead = end - 1;
  // Walk back over continuation bytes (10xxxxxx) to the sequence's first byte.
  while (lead >= 0 && lead > end - 4 && ((buffer[lead] ?? 0) & 0xc0) === 0x80) lead -= 1;
  if (lead < 0) return end;
  const first = buffer[lead] ?? 0;
  const needed = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
  if (lead + needed > end) end = lead;
  return end;
}

export class ExportService {
  private readonly jobs = new Map<string, ExportJob>();
  private readonly directory: string;
  private readonly clock: () => number;
  private counter = 0;
  private closed = false;

  constructor(private readonly options: ExportOptions) {
    this.directory = join(options.dataDir, 'exports');
    this.clock = options.clock ?? (() => performance.now());
    this.privatizeExisting();
  }

  /** Exports an older version left readable by others become owner-only at start. */
  private privatizeExisting(): void {
    if (!existsSync(this.directory)) return;
    ensurePrivateDir(this.directory);
    for (const name of readdirSync(this.directory)) {
      try {
        makePrivate(join(this.directory, name));
      } catch {
        // Gone meanwhile: nothing to protect.
      }
    }
  }

  /** Deletes export files older than a day (and leftovers of interrupted ones). */
  deleteOld(): number {
    const active = new Set([...this.jobs.values()].flatMap((job) => [job.partialPath, job.finalPath]));
    return deleteOldExportFiles(this.directory, this.options.now() - EXPORT_MAX_AGE_MS, active);
  }

  /** Starts an export; the command id is the export id, so a retry answers with the running job. */
  start(session: Access, request: ExportStart, exportId: string): Result<ExportProgress> {
    const existing = this.jobs.get(exportId);
    if (existing) return existing.userId === session.userId ? ok(existing.progress) : fail(`Export ${exportId} already exists.`);
    if (this.closed) return fail('The history service is closing.');
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
    this.deleteOld();
    ensurePrivateDir(this.directory);
    this.counter += 1;
    const stamp = new Date(this.options.now()).toISOString().replace(/[:.]/gu, '-');
    const fileName = `floorwatch-conversations-${stamp}-${this.counter}.${request.format}`;
    const finalPath = join(this.directory, fileName);
    const partialPath = `${finalPath}.partial`;
    // Customer data: owner-only from the first byte, whatever the umask.
    const fd = openSync(partialPath, 'w', PRIVATE_FILE_MODE);
    makePrivate(partialPath);
    const job: ExportJob = {
      progress: {
        exportId,
        state: 'running',
        done: 0,
        total: ids.length,
        format: request.format,
        fileName: null,
        sizeBytes: null,
        mimeType: null,
        error: null,
      },
      userId: session.userId,
      scope: session.scope,
      ids,
      partialPath,
      finalPath,
      fd,
      next: 0,
      listeners: new Set(),
      lastPushAt: 0,
    };
    this.jobs.set(exportId, job);
    const title = `${ids.length} conversation${ids.length === 1 ? '' : 's'}`;
    writeSync(fd, request.format === 'html' ? htmlHeader(`Floorwatch — ${title}`, this.options.now()) : csvHeader());
    setImmediate(() => this.slice(job));
    return ok(job.progress);
  }

  /** Stops a running export and deletes its partial file; a finished one stays as it is. */
  cancel(session: Access, exportId: string): Result<ExportProgress> {
    const job = this.jobs.get(exportId);
    if (!job || job.userId !== session.userId) return fail(`No export ${exportId}.`);
    if (job.progress.state !== 'running') return ok(job.progress);
    this.finish(job, { state: 'cancelled' });
    return ok(job.progress);
  }

  /** Pushes the export's progress now and at every change; returns the way to stop. */
  watch(session: Access, exportId: string, listener: (progress: ExportProgress) => void): Result<() => void> {
    const job = this.jobs.get(exportId);
    if (!job || job.userId !== session.userId) return fail(`No export ${exportId}.`);
    job.listeners.add(listener);
    listener(job.progress);
    return ok(() => job.listeners.delete(listener));
  }

  /**
   * Up to EXPORT_CHUNK_BYTES of a finished file from a byte offset, cut on a character boundary;
   * nextOffset is where the next piece starts (null at the end).
   */
  chunk(session: Access, exportId: string, offset: number): Result<{ readonly data: string; readonly nextOffset: number | null; readonly size: number }> {
    const job = this.jobs.get(exportId);
    if (!job || job.userId !== session.userId) return fail(`No export ${exportId}.`);
    if (job.progress.state !== 'done') return fail(`Export ${exportId} is ${job.progress.state}; only a finished export can be downloaded.`);
    let fd: number;
    try {
      fd = openSync(job.finalPath, 'r');
    } catch {
      return fail(`Export ${exportId} is no longer on disk (exports are kept for a day).`);
    }
    try {
      const size = fstatSync(fd).size;
      if (offset > size) return fail(`Offset ${offset} is past the end of the file (${size} bytes).`);
      const buffer = Buffer.alloc(Math.min(EXPORT_CHUNK_BYTES, size - offset));
      const read = readSync(fd, buffer, 0, buffer.length, offset);
      if (read > 0 && ((buffer[0] ?? 0) & 0xc0) === 0x80) return fail(`Offset ${offset} is inside a character; continue from the nextOffset returned.`);
      const end = offset + read >= size ? read : utf8Boundary(buffer, read);
      const nextOffset = offset + end >= size ? null : offset + end;
      return ok({ data: buffer.toString('utf8', 0, end), nextOffset, size });
    } finally {
      closeSync(fd);
    }
  }

  progress(exportId: string): ExportProgress | undefined {
    return this.jobs.get(exportId)?.progress;
  }

  /** Cancels running exports (their partial files are deleted). */
  close(): void {
    this.closed = true;
    for (const job of this.jobs.values()) if (job.progress.state === 'running') this.finish(job, { state: 'cancelled' });
  }

  private slice(job: ExportJob): void {
    if (job.progress.state !== 'running' || job.fd === null) return;
    const started = this.clock();
    try {
      let text = '';
      const format = job.progress.format;
      while (job.next < job.ids.length && this.clock() - started < SLICE_BUDGET_MS) {
        const conversationId = job.ids[job.next] ?? '';
        job.next += 1;
        // A conversation pruned since the start is skipped rather than failing the whole file.
        const transcript = this.options.sources.transcript(job.scope, conversationId);
        if (!transcript.ok) continue;
        text +=
          format === 'html'
            ? htmlConversation(transcript.value, this.options.sources.timeZoneOf(transcript.value.conversation.queueId))
            : csvConversation(transcript.value);
      }
      if (text.length > 0) writeSync(job.fd, text);
      if (job.next >= job.ids.length) {
        if (format === 'html') writeSync(job.fd, htmlFooter());
        this.finish(job, { state: 'done' });
        return;
      }
      this.update(job, { done: job.next });
    } catch (error) {
      this.finish(job, { state: 'failed', error: `Writing the file failed: ${errorMessage(error)}` });
      return;
    }
    setImmediate(() => this.slice(job));
  }

  private finish(job: ExportJob, change: { readonly state: 'done' | 'cancelled' | 'failed'; readonly error?: string }): void {
    if (job.fd !== null) {
      closeSync(job.fd);
      job.fd = null;
    }
    if (change.state === 'done') {
      renameSync(job.partialPath, job.finalPath);
      job.progress = {
        ...job.progress,
        state: 'done',
        done: job.ids.length,
        fileName: job.finalPath.slice(this.directory.length + 1),
        sizeBytes: statSync(job.finalPath).size,
        mimeType: EXPORT_MIME_TYPES[job.progress.format],
      };
    } else {
      try {
        unlinkSync(job.partialPath);
      } catch {
        // Already gone.
      }
      job.progress = { ...job.progress, state: change.state, error: change.error ?? null };
    }
    this.push(job);
  }

  private update(job: ExportJob, change: { readonly done: number }): void {
    job.progress = { ...job.progress, done: change.done };
    const now = this.clock();
    if (now - job.lastPushAt >= PROGRESS_INTERVAL_MS) this.push(job);
  }

  private push(job: ExportJob): void {
    job.lastPushAt = this.clock();
    for (const listener of job.listeners) listener(job.progress);
  }
}
