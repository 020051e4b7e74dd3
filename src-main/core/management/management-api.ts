/**
 * The Management area (src-shared/api/management.ts, docs/product.md §6): queues' business hours
 * and organisation thresholds, the people of the floor, and the commands that change them through
 * the feed. The API service checked the capability; the scope and role rules are decided here, in
 * management-rules.ts, and every command then takes the supervisor actions' one path: audited,
 * sent to the feed, answered with its receipt (docs/decisions/0021-management-through-the-feed.md).
 */
import type { ManagementCommandResults, ManagementQueryResults, QueueSettings } from '../../../src-shared/api/management.js';
import { ok } from '../../../src-shared/result.js';
import type { ApiArea } from '../api/handlers.js';
import type { Access } from '../api/session.js';
import type { CoreContext } from '../core-context.js';
import { queueHoursAt } from '../floor-state/hours.js';
import type { LiveState } from '../floor-state/state.js';
import { actionServiceDeps } from '../live-insights/actions-api.js';
import { createActionService } from '../live-insights/command-service.js';
import { managementPolicy } from './management-rules.js';
import { createUsersDirectory } from './users-directory.js';

export type ManagementArea = ApiArea<keyof ManagementQueryResults, never, keyof ManagementCommandResults>;

export interface ManagementApiOptions {
  /** Wall clock of audit records (default Date.now). */
  readonly now?: () => number;
}

/** The queues a session sees, with their organisation settings and whether each is open at floor time `now`. */
export function queueSettings(access: Access, live: LiveState, now: number): QueueSettings[] {
  const settings: QueueSettings[] = [];
  for (const queue of live.queues.values()) {
    if (!access.sees(queue.queueId)) continue;
    settings.push({
      queueId: queue.queueId,
      name: queue.name,
      channel: queue.channel,
      timeZone: queue.timeZone,
      serviceLevelTargetSec: queue.serviceLevelTargetSec,
      businessHours: queue.businessHours,
      thresholds: queue.thresholds,
      overflowRules: queue.overflowRules,
      hours: queueHoursAt(queue, now),
    });
  }
  return settings.sort((a, b) => a.name.localeCompare(b.name) || (a.queueId < b.queueId ? -1 : a.queueId > b.queueId ? 1 : 0));
}

/** Management's handlers over the core context. */
export function createManagementApi(context: CoreContext, options: ManagementApiOptions = {}): ManagementArea {
  const service = createActionService(actionServiceDeps(context, options.now), managementPolicy(() => context.live()));
  const users = createUsersDirectory();
  return {
    queries: {
      'management.queues': (access) => ok(queueSettings(access, context.live(), context.floorNow())),
      'management.users': (access, query) => ok(users.page(access, context.live(), query)),
    },
    topics: {},
    commands: {
      'queue.business_hours': (access, command, commandId) => service.execute(access, command, commandId),
      'queue.thresholds': (access, command, commandId) => service.execute(access, command, commandId),
      'agent.queues': (access, command, commandId) => service.execute(access, command, commandId),
      'agent.capacity': (access, command, commandId) => service.execute(access, command, commandId),
      'user.role': (access, command, commandId) => service.execute(access, command, commandId),
    },
  };
}
