/** Live Insights' part of the API (src-shared/api/live-insights.ts): views plus supervisor actions. */
import type { ApiAreas } from '../api/api-service.js';
import type { CoreContext } from '../core-context.js';
import { createActionsApi } from './actions-api.js';
import type { OverviewPublisher } from '../live-views/overview-publisher.js';
import { createViewsApi } from './views-api.js';

/** The area's handlers, and the overview publisher the API service serves as a base topic. */
export type LiveInsightsArea = ApiAreas['live'] & { readonly overview: OverviewPublisher };

/** Composes the views and the supervisor actions into the one live-insights area. */
export function createLiveInsightsApi(context: CoreContext): LiveInsightsArea {
  const views = createViewsApi(context);
  const actions = createActionsApi(context);
  return {
    overview: views.overview,
    queries: { ...views.queries, ...actions.queries },
    topics: { ...views.topics, ...actions.topics },
    commands: { ...views.commands, ...actions.commands },
    async close() {
      await views.close?.();
      await actions.close?.();
    },
  };
}
