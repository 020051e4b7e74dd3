/** Live views: queue and group detail, transcripts, performance, layout, groups and thresholds. */
import { fail } from '../../../src-shared/result.js';
import type { CommandHandlers, QueryHandlers, TopicHandlers } from '../api/handlers.js';
import type { CoreContext } from '../core-context.js';

const unavailable = () => fail('Not available in this version.');

export type ViewQuery = 'live.groups' | 'live.layout' | 'live.thresholds';
export type ViewTopic = 'live.conversations' | 'live.transcript' | 'live.performance';
export type ViewCommand = 'layout.save' | 'group.save' | 'group.delete' | 'thresholds.override';

export interface ViewsApi {
  readonly queries: QueryHandlers<ViewQuery>;
  readonly topics: TopicHandlers<ViewTopic>;
  readonly commands: CommandHandlers<ViewCommand>;
  close?(): void | Promise<void>;
}

export function createViewsApi(_context: CoreContext): ViewsApi {
  return {
    queries: { 'live.groups': unavailable, 'live.layout': unavailable, 'live.thresholds': unavailable },
    topics: { 'live.conversations': unavailable, 'live.transcript': unavailable, 'live.performance': unavailable },
    commands: { 'layout.save': unavailable, 'group.save': unavailable, 'group.delete': unavailable, 'thresholds.override': unavailable },
  };
}
