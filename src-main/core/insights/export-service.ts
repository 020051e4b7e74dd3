/**
 * Exports of a dashboard as it is shown, to CSV (one section per widget) or XLSX (one sheet per
 * widget), written under <dataDir>/insight-exports by the export job (core/exports/export-jobs.ts):
 * each slice asks the engine for one widget and writes it. Every figure is asked with the
 * requester's Access, so the file holds what their scope shows and nothing more.
 */
import { join } from 'node:path';
import type { InsightExportFormat, InsightExportProgress, InsightQuery, InsightResult, InsightsQueryResults } from '../../../src-shared/api/insights.js';
import { errorMessage } from '../../../src-shared/errors.js';
import { fail, ok, type Result } from '../../../src-shared/result.js';
import type { Access } from '../api/session.js';
import { ExportJobs, ExportUnitError, type ExportFile, type ExportWriter } from '../exports/export-jobs.js';
import { XlsxWriter } from '../exports/xlsx-writer.js';
import { addWidgetSheet, csvSection, type ExportSection } from './export-sheets.js';

/** The engine's answer to one widget's query, for the requester's scope (createInsightsEngine's `query`). */
export type RunInsightQuery = (access: Access, query: InsightQuery) => InsightResult;

export const INSIGHT_EXPORT_MIME_TYPES: Readonly<Record<InsightExportFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

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

const fileSafe = (text: string): string => text.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/gu, '').slice(0, 60).toLowerCase() || 'dashboard';

/** Writes a widget per unit: a CSV section or an XLSX sheet. */
function widgetsWriter(file: ExportFile, access: Access, request: InsightExportStart, run: RunInsightQuery, created: Date): ExportWriter {
  const workbook = request.format === 'xlsx' ? new XlsxWriter({ write: (bytes) => file.write(bytes), creator: 'Floorwatch', created }) : null;
  // The BOM tells spreadsheets a CSV is UTF-8.
  if (workbook === null) file.write('\uFEFF');
  let next = 0;
  return {
    next: () => {
      const query = request.queries[next];
      next += 1;
      if (!query) return;
      let section: ExportSection;
      try {
        section = { dashboardName: request.dashboardName, query, result: run(access, query) };
      } catch (error) {
        throw new ExportUnitError(`Widget "${query.widget.title}" could not be exported: ${errorMessage(error)}`);
      }
      if (workbook === null) file.write(csvSection(section));
      else addWidgetSheet(workbook, section);
    },
    end: () => workbook?.finish(),
  };
}

export class InsightExportService {
  private readonly jobs: ExportJobs<InsightExportProgress>;

  constructor(private readonly options: InsightExportOptions) {
    // Apart from history's folder: each service deletes the leftovers it does not know of.
    this.jobs = new ExportJobs<InsightExportProgress>({
      directory: join(options.dataDir, 'insight-exports'),
      now: options.now,
      // A widget per slice: one widget's answer can be large.
      sliceBudgetMs: 0,
      progressIntervalMs: 0,
      closingMessage: 'Historical Insights is closing.',
      present: ({ done, total, ...rest }) => ({ ...rest, widgetsDone: done, widgetsTotal: total }),
    });
  }

  /** Deletes export files older than a day (and leftovers of interrupted ones). */
  deleteOld(): number {
    return this.jobs.deleteOld();
  }

  /** Starts an export; the command id is the export id, so a retry answers with the running job. */
  start(access: Access, request: InsightExportStart, exportId: string): Result<InsightExportProgress> {
    return this.jobs.start(access, exportId, () => {
      if (request.queries.length === 0) return fail('Nothing to export: no widget was given.');
      return ok({
        stem: fileSafe(request.dashboardName),
        extension: request.format,
        mimeType: INSIGHT_EXPORT_MIME_TYPES[request.format],
        binary: request.format === 'xlsx',
        total: request.queries.length,
        writer: (file) => widgetsWriter(file, access, request, this.options.run, new Date(this.options.now())),
      });
    });
  }

  /** Stops a running export and deletes its partial file; a finished one stays as it is. */
  cancel(access: Access, exportId: string): Result<InsightExportProgress> {
    return this.jobs.cancel(access, exportId);
  }

  /** Pushes the export's progress now and at every change; returns the way to stop. */
  watch(access: Access, exportId: string, listener: (progress: InsightExportProgress) => void): Result<() => void> {
    return this.jobs.watch(access, exportId, listener);
  }

  /** Up to 256 KiB of a finished file from a byte offset: CSV as text cut on a character boundary, XLSX as base64. */
  chunk(access: Access, exportId: string, offset: number): Result<InsightsQueryResults['insights.export.chunk']> {
    return this.jobs.chunk(access, exportId, offset);
  }

  /** Cancels running exports (their partial files are deleted). */
  close(): void {
    this.jobs.close();
  }
}
