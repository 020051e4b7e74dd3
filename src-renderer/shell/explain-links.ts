/** The routes a figure's explanation links to, for one queue or group (components/explain-figure.tsx). */
import type { LiveTarget } from '../../src-shared/api/live-insights.js';
import type { ExplainLinks } from '../components/explain-model.js';
import { formatRoute } from './router.js';

/**
 * Links of an explanation of the target's figures: its live conversations table (on a
 * conversation, or filtered to an agent), the Conversation Manager, the dictionary. The
 * Conversation Manager reads no queue or date from the route yet, so its link is the plain view.
 */
export function explainLinks(target: LiveTarget): ExplainLinks {
  return {
    liveTable: (focus = {}) => formatRoute({ view: 'queue', target, tab: 'conversations', conversationId: focus.conversationId ?? null, agentId: focus.agentId ?? null }),
    history: () => formatRoute({ view: 'history', conversationId: null }),
    dictionary: (metricId) => formatRoute({ view: 'dictionary', metricId }),
  };
}
