/**
 * The staffing area (src-shared/api/staffing.ts, docs/staffing.md#live-advice): live advice per
 * queue and the what-if of moving agents, both read-only and scoped to the session's queues. A
 * move is applied by the console issuing Management's `agent.queues` for each agent it names.
 */
import type { StaffingQueryResults } from '../../../src-shared/api/staffing.js';
import { fail, ok } from '../../../src-shared/result.js';
import type { ApiArea } from '../api/handlers.js';
import type { CoreContext } from '../core-context.js';
import { createArrivalSource } from './arrivals.js';
import { adviseLiveQueue, staffingWhatIf, whatIfRefusal } from './live-advice.js';

export type StaffingArea = ApiArea<keyof StaffingQueryResults, never, never>;

/** The staffing queries over the core context: the live floor, its clock and the stored arrivals. */
export function createStaffingApi(context: Pick<CoreContext, 'store' | 'live' | 'floorNow'>): StaffingArea {
  const arrivals = context.store.repository(createArrivalSource);
  return {
    queries: {
      'staffing.advice': (access, query) => {
        const state = context.live();
        const now = context.floorNow();
        if (query.queueId !== undefined && !(access.sees(query.queueId) && state.queues.has(query.queueId))) return fail('unknown queue');
        const floorArrivals = arrivals.arrivalsAt(now);
        const queues = [...state.queues.values()].filter((queue) => (query.queueId === undefined ? access.sees(queue.queueId) : queue.queueId === query.queueId));
        queues.sort((a, b) => a.name.localeCompare(b.name) || (a.queueId < b.queueId ? -1 : 1));
        return ok(queues.map((queue) => adviseLiveQueue(state, queue, floorArrivals, now)));
      },
      'staffing.whatIf': (access, query) => {
        const state = context.live();
        const now = context.floorNow();
        const from = access.sees(query.fromQueueId) ? state.queues.get(query.fromQueueId) : undefined;
        const to = access.sees(query.toQueueId) ? state.queues.get(query.toQueueId) : undefined;
        const refusal = whatIfRefusal(from, to);
        if (refusal !== undefined || from === undefined || to === undefined) return fail(refusal ?? 'unknown queue');
        return ok(staffingWhatIf(state, from, to, query.agents, arrivals.arrivalsAt(now), now));
      },
    },
    topics: {},
    commands: {},
  };
}
