/**
 * The exports' part of the insights API: start and cancel an export of a dashboard's widgets, its
 * progress topic, and the finished file in pieces. The insights area (insights-area.ts) spreads
 * these handler maps into its own and calls close() when it closes. Every export is recorded in
 * the audit chain as a customer-data export, as history's downloads are.
 */
import type { InsightExportProgress } from '../../../src-shared/api/insights.js';
import type { CommandHandlers, QueryHandlers, TopicHandlers } from '../api/handlers.js';
import { auditCustomerDataExport } from '../history/export-audit.js';
import type { AuditPort } from '../live-insights/audit-port.js';
import { InsightExportService, type RunInsightQuery } from './export-service.js';

export interface ExportHandlerDeps {
  /** The data directory: files go to <dataDir>/insight-exports. */
  readonly dataDir: string;
  readonly audit: AuditPort;
  /** The engine's query (createInsightsEngine(...).query): every widget is asked with the requester's Access. */
  readonly run: RunInsightQuery;
  /** Wall clock for file names and ages (default Date.now). */
  readonly now?: () => number;
}

export interface ExportHandlers {
  readonly queries: QueryHandlers<'insights.export.chunk'>;
  readonly topics: TopicHandlers<'insights.export'>;
  readonly commands: CommandHandlers<'insights.export.start' | 'insights.export.cancel'>;
  /** The service behind the handlers (progress and rows written, for tests and the bench). */
  readonly service: InsightExportService;
  /** Cancels running exports. */
  close(): void;
}

/** Builds the exports' handler maps over one export service. */
export function createExportHandlers(deps: ExportHandlerDeps): ExportHandlers {
  const service = new InsightExportService({ dataDir: deps.dataDir, run: deps.run, now: deps.now ?? Date.now });
  return {
    service,
    queries: {
      'insights.export.chunk': (access, query) => service.chunk(access, query.exportId, query.offset),
    },
    topics: {
      'insights.export': (access, subscription, listener) => service.watch(access, subscription.exportId, listener),
    },
    // The command id is the export id: a retry answers with the running job (and is audited once).
    commands: {
      'insights.export.start': (access, command, commandId) => {
        const request = { format: command.format, dashboardName: command.dashboardName, queries: command.queries };
        const started = service.start(access, request, commandId);
        if (!started.ok) return started;
        const first = command.queries[0];
        auditCustomerDataExport<InsightExportProgress>(deps.audit, access, {
          service,
          area: 'insights',
          progress: started.value,
          startDetail: {
            format: command.format,
            dashboard: command.dashboardName,
            widgets: command.queries.map((query) => query.widget.title),
            range: first?.range ?? null,
            timeZone: first?.timeZone ?? null,
            filters: first?.filters ?? {},
          },
          fileDetail: (done) => ({ format: command.format, dashboard: command.dashboardName, widgets: done.widgetsTotal, file: done.fileName, sizeBytes: done.sizeBytes }),
          watch: (listener) => service.watch(access, started.value.exportId, listener),
        });
        return started;
      },
      'insights.export.cancel': (access, command) => service.cancel(access, command.exportId),
    },
    close: () => service.close(),
  };
}
