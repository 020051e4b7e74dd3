/**
 * Exports of a dashboard as it is shown, to CSV (one section per widget) or XLSX (one sheet per
 * widget), written under <dataDir>/insight-exports and kept for a day, as history's downloads are. Each slice asks the engine
 * for one widget and writes it, then yields with setImmediate, so queries and ingest never wait
 * behind a large export. Progress goes to the insights.export topic; cancel stops the work and
 * deletes the partial file; a finished file is read back in pieces with insights.export.chunk
 * (base64 for XLSX). Every figure is asked with the requester's Access, so the file holds what
 * their scope shows and nothing more.
 */
import { closeSync, createWriteStream, fstatSync, openSync, readSync, renameSync, statSync, unlinkSync, writeSync, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { InsightExportFormat, InsightExportProgress, InsightQuery, InsightResult, InsightsQueryResults } from '../../../src-shared/api/insights.js';
import { errorMessage } from '../../../src-shared/errors.js';
import { fail, ok, type Result } from '../../../src-shared/result.js';
import type { Access } from '../api/session.js';
import { EXPORT_CHUNK_BYTES, utf8Boundary } from '../history/exports.js';
import { ensurePrivateDir, makePrivate, PRIVATE_FILE_MODE } from '../private-files.js';
import { addWidgetSheet, csvSection, type ExportSection } from './export-sheets.js';
import { deleteOldExportFiles } from '../history/export-files.js';

/** The engine's answer to one widget's query, for the requester's scope (createInsightsEngine's `query`). */
export type RunInsightQuery = (access: Access, query: InsightQuery) => InsightResult;

export const INSIGHT_EXPORT_MIME_TYPES: Readonly<Record<InsightExportFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** XLSX pieces are whole groups of three bytes, so their base64 texts can be joined before decoding. */
const XLSX_CHUNK_BYTES = EXPORT_CHUNK_BYTES - (EXPORT_CHUNK_BYTES % 3);
const EXPORT_MAX_AGE_MS = 86_400_000;

export interface InsightExportStart {
  readonly format: InsightExportFormat;
  readonly dashboardName: string;
  readonly queries: readonly InsightQuery[];
}

export interface InsightExportOptions {
  readonly dataDir: string;
  readonly run: RunInsightQuery;
  /** Wall clock, for file names. */
  readonly now: () => number;
}

interface ExportJob {
  progress: InsightExportProgress;
  readonly access: Access;
  readonly request: InsightExportStart;
  readonly partialPath: string;
  readonly finalPath: string;
  readonly listeners: Set<(progress: InsightExportProgress) => void>;
  /** CSV: the open partial file. */
  fd: number | null;
  /** XLSX: the workbook, streamed to the partial file a sheet at a time. */
  workbook: ExcelJS.stream.xlsx.WorkbookWriter | null;
  file: WriteStream | null;
  readonly sheetNames: Set<string>;
  rows: number;
}

const fileSafe = (text: string): string => text.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/gu, '').slice(0, 60).toLowerCase() || 'dashboard';

export class InsightExportService {
  private readonly jobs = new Map<string, ExportJob>();
  private readonly directory: string;
  private counter = 0;
  private closed = false;

  constructor(private readonly options: InsightExportOptions) {
    // Apart from history's folder: each service deletes the leftovers it does not know of.
    this.directory = join(options.dataDir, 'insight-exports');
  }

  /** Deletes export files older than a day (and leftovers of interrupted ones). */
  deleteOld(): number {
    const active = new Set([...this.jobs.values()].flatMap((job) => [job.partialPath, job.finalPath]));
    return deleteOldExportFiles(this.directory, this.options.now() - EXPORT_MAX_AGE_MS, active);
  }

  /** Starts an export; the command id is the export id, so a retry answers with the running job. */
  start(access: Access, request: InsightExportStart, exportId: string): Result<InsightExportProgress> {
    const existing = this.jobs.get(exportId);
    if (existing) return existing.access.userId === access.userId ? ok(existing.progress) : fail(`Export ${exportId} already exists.`);
    if (this.closed) return fail('Historical Insights is closing.');
    if (request.queries.length === 0) return fail('Nothing to export: no widget was given.');
    this.deleteOld();
    ensurePrivateDir(this.directory);
    this.counter += 1;
    const stamp = new Date(this.options.now()).toISOString().replace(/[:.]/gu, '-');
    const fileName = `floorwatch-${fileSafe(request.dashboardName)}-${stamp}-${this.counter}.${request.format}`;
    const finalPath = join(this.directory, fileName);
    const partialPath = `${finalPath}.partial`;
    const job: ExportJob = {
      progress: { exportId, state: 'running', widgetsDone: 0, widgetsTotal: request.queries.length, fileName: null, sizeBytes: null, mimeType: null, error: null },
      access,
      request,
      partialPath,
      finalPath,
      listeners: new Set(),
      fd: null,
      workbook: null,
      file: null,
      sheetNames: new Set(),
      rows: 0,
    };
    if (request.format === 'csv') {
      // Customer data: owner-only from the first byte, whatever the umask. The BOM tells spreadsheets it is UTF-8.
      job.fd = openSync(partialPath, 'w', PRIVATE_FILE_MODE);
      makePrivate(partialPath);
      writeSync(job.fd, '\uFEFF');
    } else {
      // Streamed: each slice's sheet goes to disk as it is written, so memory stays bounded and
      // the zip is compressed by Node's zlib, off the JavaScript thread.
      job.file = createWriteStream(partialPath, { mode: PRIVATE_FILE_MODE });
      job.file.on('error', (error) => {
        if (job.progress.state === 'running') this.finish(job, 'failed', `Writing the file failed: ${errorMessage(error)}`);
      });
      job.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: job.file, useStyles: true, useSharedStrings: false });
      job.workbook.creator = 'Floorwatch';
      job.workbook.created = new Date(this.options.now());
    }
    this.jobs.set(exportId, job);
    setImmediate(() => this.slice(job));
    return ok(job.progress);
  }

  /** Stops a running export and deletes its partial file; a finished one stays as it is. */
  cancel(access: Access, exportId: string): Result<InsightExportProgress> {
    const job = this.own(access, exportId);
    if (!job) return fail(`No export ${exportId}.`);
    if (job.progress.state === 'running') this.finish(job, 'cancelled', null);
    return ok(job.progress);
  }

  /** Pushes the export's progress now and at every change; returns the way to stop. */
  watch(access: Access, exportId: string, listener: (progress: InsightExportProgress) => void): Result<() => void> {
    const job = this.own(access, exportId);
    if (!job) return fail(`No export ${exportId}.`);
    job.listeners.add(listener);
    listener(job.progress);
    return ok(() => job.listeners.delete(listener));
  }

  /**
   * Up to 256 KiB of a finished file from a byte offset: CSV as text cut on a character boundary,
   * XLSX as base64. nextOffset is where the next piece starts (null at the end).
   */
  chunk(access: Access, exportId: string, offset: number): Result<InsightsQueryResults['insights.export.chunk']> {
    const job = this.own(access, exportId);
    if (!job) return fail(`No export ${exportId}.`);
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
      const binary = job.request.format === 'xlsx';
      const buffer = Buffer.alloc(Math.min(binary ? XLSX_CHUNK_BYTES : EXPORT_CHUNK_BYTES, size - offset));
      const read = readSync(fd, buffer, 0, buffer.length, offset);
      if (binary) {
        const nextOffset = offset + read >= size ? null : offset + read;
        return ok({ data: buffer.toString('base64', 0, read), encoding: 'base64', nextOffset, size });
      }
      if (read > 0 && ((buffer[0] ?? 0) & 0xc0) === 0x80) return fail(`Offset ${offset} is inside a character; continue from the nextOffset returned.`);
      const end = offset + read >= size ? read : utf8Boundary(buffer, read);
      const nextOffset = offset + end >= size ? null : offset + end;
      return ok({ data: buffer.toString('utf8', 0, end), encoding: 'utf8', nextOffset, size });
    } finally {
      closeSync(fd);
    }
  }

  /** Table rows written so far by an export (the bench's measure). */
  rowsWritten(exportId: string): number {
    return this.jobs.get(exportId)?.rows ?? 0;
  }

  /** Cancels running exports (their partial files are deleted). */
  close(): void {
    this.closed = true;
    for (const job of this.jobs.values()) if (job.progress.state === 'running') this.finish(job, 'cancelled', null);
  }

  private own(access: Access, exportId: string): ExportJob | null {
    const job = this.jobs.get(exportId);
    return job && job.access.userId === access.userId ? job : null;
  }

  private slice(job: ExportJob): void {
    if (job.progress.state !== 'running') return;
    const index = job.progress.widgetsDone;
    const query = job.request.queries[index];
    if (!query) {
      void this.complete(job);
      return;
    }
    try {
      const section: ExportSection = { dashboardName: job.request.dashboardName, query, result: this.options.run(job.access, query) };
      // Cancelled (or closed) while the engine answered: nothing more is written.
      if (job.progress.state !== 'running') return;
      if (job.fd !== null) writeSync(job.fd, csvSection(section));
      if (job.workbook !== null) addWidgetSheet(job.workbook, section, job.sheetNames);
      job.rows += section.result.rows.length;
    } catch (error) {
      this.finish(job, 'failed', `Widget "${query.widget.title}" could not be exported: ${errorMessage(error)}`);
      return;
    }
    this.update(job, { ...job.progress, widgetsDone: index + 1 });
    setImmediate(() => this.slice(job));
  }

  /** Writes the workbook out (XLSX) and moves the file into place. */
  private async complete(job: ExportJob): Promise<void> {
    try {
      if (job.workbook !== null && job.file !== null) {
        const file = job.file;
        await job.workbook.commit();
        await finished(file);
        // Cancelled while the workbook was being finished: finish() has deleted the partial file.
        if (job.progress.state !== 'running') return;
        makePrivate(job.partialPath);
      }
      this.finish(job, 'done', null);
    } catch (error) {
      if (job.progress.state === 'running') this.finish(job, 'failed', `Writing the file failed: ${errorMessage(error)}`);
    }
  }

  private finish(job: ExportJob, state: 'done' | 'cancelled' | 'failed', error: string | null): void {
    if (job.fd !== null) {
      closeSync(job.fd);
      job.fd = null;
    }
    job.workbook = null;
    if (job.file !== null) {
      // A cancelled or failed workbook is abandoned half-written; its partial file goes below.
      if (state !== 'done') job.file.destroy();
      job.file = null;
    }
    if (state === 'done') {
      renameSync(job.partialPath, job.finalPath);
      this.update(job, {
        ...job.progress,
        state,
        fileName: job.finalPath.slice(this.directory.length + 1),
        sizeBytes: statSync(job.finalPath).size,
        mimeType: INSIGHT_EXPORT_MIME_TYPES[job.request.format],
      });
      return;
    }
    try {
      unlinkSync(job.partialPath);
    } catch {
      // Never written (XLSX) or already gone.
    }
    this.update(job, { ...job.progress, state, error });
  }

  private update(job: ExportJob, progress: InsightExportProgress): void {
    job.progress = progress;
    for (const listener of job.listeners) listener(progress);
  }
}
