/** Live Insights' part of the API (src-shared/api/live-insights.ts): views plus supervisor actions. */
import type { ApiAreas } from '../api/api-service.js';
import type { CoreContext } from '../core-context.js';
import { createActionsApi } from './actions-api.js';
import { createViewsApi } from './views-api.js';

export function createLiveInsightsApi(context: CoreContext): ApiAreas['live'] {
  const views = createViewsApi(context);
  const actions = createActionsApi(context);
  return {
    queries: { ...views.queries, ...actions.queries },
    topics: { ...views.topics, ...actions.topics },
    commands: { ...views.commands, ...actions.commands },
    async close() {
      await views.close?.();
      await actions.close?.();
    },
  };
}
