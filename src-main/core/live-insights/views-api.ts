/** Live views: queue and group detail, transcripts, performance, layout, groups and thresholds. */
import { randomUUID } from 'node:crypto';
import type { QueueGroup } from '../../../src-shared/api/live-insights.js';
import { fail, ok } from '../../../src-shared/result.js';
import type { CommandHandlers, QueryHandlers, TopicHandlers } from '../api/handlers.js';
import type { Access } from '../api/session.js';
import type { CoreContext } from '../core-context.js';
import { createConversationsPublisher } from '../live-views/conversations-publisher.js';
import type { ViewOverlays } from '../live-views/live-source.js';
import { createOverviewPublisher, type OverviewPublisher } from '../live-views/overview-publisher.js';
import type { Pacing } from '../live-views/pacer.js';
import { createPerformancePublisher } from '../live-views/performance-publisher.js';
import { createTranscriptPublisher } from '../live-views/transcript-publisher.js';
import { explainMetric } from '../floor-state/explain.js';
import { isAgentFigureId } from '../../../src-shared/metrics/agent-explanation.js';
import { explainAgentFigure } from './explain-agent.js';
import { queuesOfRequest } from './performance.js';
import { presetGroups, resolveTarget, validateGroup, visibleGroups } from './groups.js';
import { createPreferences, type Preferences } from './preferences.js';
import { createThresholdOverrides } from './thresholds.js';
import { createTranscriptSource } from './transcript-source.js';

export type ViewQuery = 'live.groups' | 'live.layout' | 'live.thresholds' | 'live.explain';
export type ViewTopic = 'live.conversations' | 'live.transcript' | 'live.performance';
export type ViewCommand = 'layout.save' | 'group.save' | 'group.delete' | 'thresholds.override';

export interface ViewsApi {
  /** The overview topic's publisher: its tiles wear this area's thresholds and groups. */
  readonly overview: OverviewPublisher;
  readonly queries: QueryHandlers<ViewQuery>;
  readonly topics: TopicHandlers<ViewTopic>;
  readonly commands: CommandHandlers<ViewCommand>;
  close?(): void | Promise<void>;
}

export interface ViewsApiOptions {
  /** Wall clock for who-did-what-when records; floor times come from the context. */
  readonly now?: () => number;
  readonly newGroupId?: () => string;
  /** Pacing of every topic here (tests shorten it); each view has its own defaults. */
  readonly pacing?: Pacing;
}

/**
 * Users' own groups kept in memory: the overview asks for each subscriber's groups on every
 * flush, which must not be a query each time.
 */
function cachedUserGroups(preferences: Preferences): Preferences {
  const cache = new Map<string, QueueGroup[]>();
  return {
    ...preferences,
    userGroups(userId) {
      let groups = cache.get(userId);
      if (!groups) {
        groups = preferences.userGroups(userId);
        cache.set(userId, groups);
      }
      return groups;
    },
    saveGroup(userId, group, now) {
      cache.delete(userId);
      return preferences.saveGroup(userId, group, now);
    },
    deleteGroup(userId, groupId) {
      cache.delete(userId);
      return preferences.deleteGroup(userId, groupId);
    },
  };
}

export function createViewsApi(context: CoreContext, options: ViewsApiOptions = {}): ViewsApi {
  const now = options.now ?? Date.now;
  const newGroupId = options.newGroupId ?? (() => `group-${randomUUID()}`);
  const preferences = cachedUserGroups(context.store.repository(createPreferences));
  const thresholds = createThresholdOverrides(preferences);
  const overlays: ViewOverlays = {
    thresholdsFor: (session) => thresholds.thresholdsFor(session.userId),
    overriddenQueues: (session) => thresholds.overriddenQueues(session.userId),
    groups: (session) => visibleGroups(session, context.live(), preferences),
    resolve: (session, target, state) => resolveTarget(session, target, state, preferences),
  };

  const overview = createOverviewPublisher(context, overlays, options.pacing);
  const conversations = createConversationsPublisher(context, overlays, options.pacing);
  const transcripts = createTranscriptPublisher(context, overlays, { stored: context.store.repository(createTranscriptSource) }, options.pacing);
  const performance = createPerformancePublisher(context, overlays, options.pacing);

  /** Groups or thresholds changed: every view showing them follows. */
  function overlaysChanged(): void {
    overview.overlaysChanged();
    conversations.overlaysChanged();
    performance.overlaysChanged();
  }

  function scopedQueue(access: Access, queueId: string) {
    if (!access.sees(queueId)) return fail<never>(`Queue ${queueId} is outside your queues.`);
    const queue = context.live().queues.get(queueId);
    if (!queue) return fail<never>(`No queue ${queueId}.`);
    return ok(queue);
  }

  return {
    overview,
    queries: {
      'live.groups': (session) => ok(visibleGroups(session, context.live(), preferences)),
      'live.layout': (session) => ok(preferences.layout(session.userId)),
      'live.thresholds': (session, query) => {
        const queue = scopedQueue(session, query.queueId);
        return queue.ok ? ok(thresholds.settings(queue.value, session.userId)) : queue;
      },
      // Resolved like the views' targets (scope, group membership), so it explains exactly the figure they show.
      'live.explain': (session, query) => {
        const state = context.live();
        const target = query.target;
        if (target.kind === 'agent') {
          if (!isAgentFigureId(query.metricId)) return fail(`${query.metricId} is not a figure of the agent panel.`);
          const agent = state.agents.get(target.agentId);
          // An agent is in scope when they serve at least one queue the asker sees; unknown and out-of-scope read alike.
          if (!agent || !agent.queueIds.some((queueId) => session.sees(queueId))) return fail(`Agent ${target.agentId} is outside your queues.`);
          return ok(explainAgentFigure(state, agent, query.metricId, target.period, context.floorNow(), (queueId) => session.sees(queueId)));
        }
        if (isAgentFigureId(query.metricId)) return fail(`${query.metricId} is a figure of an agent, not of a queue or group.`);
        const resolved = overlays.resolve(session, target, state);
        if (!resolved.ok) return resolved;
        const queueIds = queuesOfRequest(state, { queueIds: resolved.value.queueIds, period: 'now', channels: query.channels });
        return ok(explainMetric(state, queueIds, query.metricId, context.floorNow()));
      },
    },
    topics: {
      'live.conversations': (session, subscription, listener) => conversations.subscribe(session, subscription.target, listener),
      'live.transcript': (session, subscription, listener) => transcripts.subscribe(session, subscription.conversationId, listener),
      'live.performance': (session, subscription, listener) =>
        performance.subscribe(session, { target: subscription.target, period: subscription.period, channels: subscription.channels }, listener),
    },
    commands: {
      // A retried command id is answered by the API service's command ledger, not here.
      'layout.save': (session, command) => ok(preferences.saveLayout(session.userId, command.hiddenQueueIds, now())),
      'group.save': (session, command) => {
        const state = context.live();
        const checked = validateGroup(session, { groupId: command.groupId ?? null, name: command.name, queueIds: command.queueIds }, state, preferences, newGroupId);
        if (!checked.ok) return checked;
        const saved = preferences.saveGroup(session.userId, checked.value, now());
        overlaysChanged();
        return ok(saved);
      },
      'group.delete': (session, command) => {
        if (presetGroups(context.live()).some((preset) => preset.groupId === command.groupId)) {
          return fail(`Group ${command.groupId} is an organisation preset and cannot be deleted.`);
        }
        if (preferences.groupOwner(command.groupId) !== session.userId || !preferences.deleteGroup(session.userId, command.groupId)) {
          return fail(`No group ${command.groupId}.`);
        }
        overlaysChanged();
        return ok(null);
      },
      'thresholds.override': (session, command) => {
        const queue = scopedQueue(session, command.queueId);
        if (!queue.ok) return queue;
        const result = thresholds.set(queue.value, command.thresholds, session.userId, now());
        if (!result.ok) return result;
        context.audit.record(session, { action: 'thresholds.override', target: `queue:${command.queueId}`, queueIds: [command.queueId], detail: { thresholds: result.value.override } });
        overlaysChanged();
        return result;
      },
    },
    close() {
      overview.close();
      conversations.close();
      transcripts.close();
      performance.close();
    },
  };
}
