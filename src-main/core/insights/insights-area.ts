/**
 * The `insights` API area: the engine answers `insights.query`; dashboards and exports come from
 * their own handler maps (dashboards-*.ts, export-*.ts), passed in by the composition root and
 * spread here, so one area serves the whole contract (src-shared/api/insights.ts). A part not
 * given is refused with "not available here".
 */
import type { InsightsCommandResults, InsightsQueryResults, InsightsTopicMessages } from '../../../src-shared/api/insights.js';
import { fail, ok } from '../../../src-shared/result.js';
import type { ApiArea, CommandHandlers, QueryHandlers, TopicHandlers } from '../api/handlers.js';
import type { CoreContext } from '../core-context.js';
import { visibleGroups } from '../live-insights/groups.js';
import { createPreferences } from '../live-insights/preferences.js';
import { createInsightsEngine, type InsightsEngine } from './insights-engine.js';

export type InsightsArea = ApiArea<keyof InsightsQueryResults, keyof InsightsTopicMessages, keyof InsightsCommandResults>;

/** The handlers of the insights contract other than `insights.query` (dashboards, exports), as their owners export them. */
export interface InsightsHandlerMaps {
  readonly queries?: Partial<Omit<QueryHandlers<keyof InsightsQueryResults>, 'insights.query'>>;
  readonly topics?: Partial<TopicHandlers<keyof InsightsTopicMessages>>;
  readonly commands?: Partial<CommandHandlers<keyof InsightsCommandResults>>;
  close?(): void | Promise<void>;
}

const absent = () => fail('This part of Historical Insights is not available here.');

/** Builds the engine over the store and the live floor's groups (the session's presets and own groups). */
export function createInsightsEngineFor(context: Pick<CoreContext, 'store' | 'live' | 'floorNow'>): InsightsEngine {
  const preferences = context.store.repository(createPreferences);
  return context.store.repository((db) =>
    createInsightsEngine({ db, groups: (access) => visibleGroups(access, context.live(), preferences), now: () => context.floorNow() }),
  );
}

/**
 * The insights area: the engine's query, and whatever the other owners' maps provide. Every
 * handler the contract names exists, so the service's type check holds.
 */
export function createInsightsArea(
  context: Pick<CoreContext, 'store' | 'live' | 'floorNow'>,
  partsOf: readonly InsightsHandlerMaps[] | ((engine: InsightsEngine) => readonly InsightsHandlerMaps[]) = [],
): InsightsArea & { readonly engine: InsightsEngine } {
  const engine = createInsightsEngineFor(context);
  // Some parts (exports) ask the engine themselves, so they may be built from it.
  const parts = typeof partsOf === 'function' ? partsOf(engine) : partsOf;
  const queries = Object.assign({}, ...parts.map((part) => part.queries ?? {})) as Partial<QueryHandlers<keyof InsightsQueryResults>>;
  const topics = Object.assign({}, ...parts.map((part) => part.topics ?? {})) as Partial<TopicHandlers<keyof InsightsTopicMessages>>;
  const commands = Object.assign({}, ...parts.map((part) => part.commands ?? {})) as Partial<CommandHandlers<keyof InsightsCommandResults>>;
  return {
    engine,
    queries: {
      'insights.query': (access, request) => {
        try {
          return ok(engine.query(access, request.query));
        } catch (error) {
          return fail(error instanceof Error ? error.message : String(error));
        }
      },
      'insights.dashboards': queries['insights.dashboards'] ?? absent,
      'insights.dashboard': queries['insights.dashboard'] ?? absent,
      'insights.export.chunk': queries['insights.export.chunk'] ?? absent,
    },
    topics: { 'insights.export': topics['insights.export'] ?? absent },
    commands: {
      'insights.dashboard.save': commands['insights.dashboard.save'] ?? absent,
      'insights.dashboard.delete': commands['insights.dashboard.delete'] ?? absent,
      'insights.dashboard.import': commands['insights.dashboard.import'] ?? absent,
      'insights.export.start': commands['insights.export.start'] ?? absent,
      'insights.export.cancel': commands['insights.export.cancel'] ?? absent,
    },
    close: async () => {
      for (const part of parts) await part.close?.();
    },
  };
}
