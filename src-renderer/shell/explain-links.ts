/** The routes a figure's explanation links to, for one queue or group (components/explain-figure.tsx). */
import type { LiveTarget } from '../../src-shared/api/live-insights.js';
import type { ExplainLinks } from '../components/explain-model.js';
import { formatRoute } from './router.js';
import { systemTimeZone } from '../format/locale.js';

/**
 * Links of an explanation of the target's figures: its live conversations table (on a
 * conversation, or filtered to an agent), the Conversation Manager (plain, or filtered to one
 * agent's conversations since a moment, for an agent's "since midnight" figures), the dictionary.
 */
export function explainLinks(target: LiveTarget): ExplainLinks {
  return {
    liveTable: (focus = {}) => formatRoute({ view: 'queue', target, tab: 'conversations', conversationId: focus.conversationId ?? null, agentId: focus.agentId ?? null }),
    // Filtered to an agent, the Conversation Manager opens on their conversations started since `from` (the day's start).
    history: (filter) =>
      formatRoute(
        filter === undefined
          ? { view: 'history', conversationId: null }
          : { view: 'history', conversationId: null, drill: { filters: { agentIds: [filter.agentId], createdAt: { min: filter.from } }, timeZone: systemTimeZone() } },
      ),
    dictionary: (metricId) => formatRoute({ view: 'dictionary', metricId }),
  };
}
