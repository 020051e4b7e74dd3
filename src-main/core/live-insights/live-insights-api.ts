/** Live Insights' part of the API (src-shared/api/live-insights.ts). */
import { fail } from '../../../src-shared/result.js';
import type { ApiAreas } from '../api/api-service.js';
import type { CoreContext } from '../core-context.js';

const unavailable = () => fail('Not available in this version.');

export function createLiveInsightsApi(_context: CoreContext): ApiAreas['live'] {
  return {
    queries: {
      'live.groups': unavailable,
      'live.layout': unavailable,
      'live.thresholds': unavailable,
      'audit.list': unavailable,
      'audit.verify': unavailable,
    },
    topics: {
      'live.conversations': unavailable,
      'live.transcript': unavailable,
      'live.performance': unavailable,
    },
    commands: {
      'layout.save': unavailable,
      'group.save': unavailable,
      'group.delete': unavailable,
      'thresholds.override': unavailable,
      'conversation.whisper': unavailable,
      'conversation.takeover': unavailable,
      'conversation.reply': unavailable,
      'queue.mitigation': unavailable,
      'queue.overflow': unavailable,
      'queue.transfer_waiting': unavailable,
      'queue.end_all': unavailable,
      'agent.status': unavailable,
    },
  };
}
