/**
 * The staffing area (src-shared/api/staffing.ts, docs/staffing.md#live-advice): live advice per
 * queue and per group, the what-ifs of moving agents and of changing their chat slots, and the
 * arrival forecast for the rest of the day, all read-only and scoped to the session's queues. A move
 * is applied by the console issuing Management's `agent.queues` for each agent it names, a slot
 * change by its `agent.capacity`.
 */
import type { LiveTarget } from '../../../src-shared/api/live-insights.js';
import type { StaffingQueryResults } from '../../../src-shared/api/staffing.js';
import { fail, ok, type Result } from '../../../src-shared/result.js';
import type { ApiArea } from '../api/handlers.js';
import type { Access } from '../api/session.js';
import type { CoreContext } from '../core-context.js';
import type { LiveState, QueueState } from '../floor-state/state.js';
import { resolveTarget } from '../live-insights/groups.js';
import { createPreferences } from '../live-insights/preferences.js';
import { createArrivalSource } from './arrivals.js';
import { capacityWhatIf, selectCapacityChange } from './capacity-what-if.js';
import type { FloorArrivals } from './live-advice.js';
import { forecastDay, forecastWindows } from './forecast.js';
import { createForecastSource } from './forecast-source.js';
import { adviseGroup, poolGroup } from './group-advice.js';
import { adviseLiveQueue, staffingWhatIf, whatIfRefusal } from './live-advice.js';

export type StaffingArea = ApiArea<keyof StaffingQueryResults, never, never>;

/** What a forecast is made for: one queue as it is, or a group pooled into one. */
interface ForecastSubject {
  readonly state: LiveState;
  readonly queue: QueueState;
  readonly arrivals: FloorArrivals;
  readonly queueIds: readonly string[];
  readonly timeZone: string;
}

/** The staffing queries over the core context: the live floor, its clock and the stored arrivals. */
export function createStaffingApi(context: Pick<CoreContext, 'store' | 'live' | 'floorNow'>): StaffingArea {
  const arrivals = context.store.repository(createArrivalSource);
  const stored = context.store.repository(createForecastSource);
  const preferences = context.store.repository(createPreferences);

  const subjectOf = (access: Access, target: LiveTarget, state: LiveState, now: number): Result<ForecastSubject> => {
    const resolved = resolveTarget(access, target, state, preferences);
    if (!resolved.ok) return resolved;
    const floorArrivals = arrivals.arrivalsAt(now);
    const { group, queueIds } = resolved.value;
    if (group === null) {
      const queue = state.queues.get(queueIds[0] ?? '');
      if (queue === undefined) return fail('unknown queue');
      return ok({ state, queue, arrivals: floorArrivals, queueIds, timeZone: queue.timeZone });
    }
    const pooled = poolGroup(state, { groupId: group.groupId, name: group.name, queueIds }, floorArrivals, now);
    if (pooled === undefined) return fail(`No queue of group ${group.groupId} is on the floor.`);
    return ok({ ...pooled, queueIds, timeZone: state.queues.get(queueIds[0] ?? '')?.timeZone ?? pooled.queue.timeZone });
  };

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
      'staffing.capacityWhatIf': (access, query) => {
        const state = context.live();
        const now = context.floorNow();
        const selected = selectCapacityChange(state, access, query);
        if (!selected.ok) return fail(selected.error);
        return ok(capacityWhatIf(state, access, selected.queue, selected.agents, query.slots, arrivals.arrivalsAt(now), now));
      },
      'staffing.groupAdvice': (access, query) => {
        const state = context.live();
        const now = context.floorNow();
        const resolved = resolveTarget(access, { kind: 'group', groupId: query.groupId }, state, preferences);
        if (!resolved.ok) return resolved;
        const group = resolved.value.group;
        if (group === null) return fail(`No group ${query.groupId}.`);
        const advice = adviseGroup(state, { groupId: group.groupId, name: group.name, queueIds: resolved.value.queueIds }, arrivals.arrivalsAt(now), now);
        return advice === undefined ? fail(`No queue of group ${group.groupId} is on the floor.`) : ok(advice);
      },
      'staffing.forecast': (access, query) => {
        const live = context.live();
        const now = context.floorNow();
        const subject = subjectOf(access, query.target, live, now);
        if (!subject.ok) return subject;
        const { state, queue, queueIds, timeZone } = subject.value;
        const advice = adviseLiveQueue(state, queue, subject.value.arrivals, now);
        // The cache holds the floor from its first stored arrival (any queue), the target's first
        // rollup or the live state's start, whichever is earliest.
        const starts = [subject.value.arrivals.earliest, stored.earliest(queueIds), live.observedSince > 0 ? live.observedSince : null].filter((start): start is number => start !== null);
        const coveredFrom = starts.length === 0 ? null : Math.min(...starts);
        return ok(
          forecastDay({
            targetId: queue.queueId,
            name: queue.name,
            channel: queue.channel,
            timeZone,
            now,
            rollups: forecastWindows(now, timeZone).flatMap((window) => stored.rollups(queueIds, window.from, window.to)),
            coveredFrom,
            todayHandleTimeS: advice.inputs.handleTimeS.value,
            targetAnswerS: advice.inputs.targetAnswerS,
            targetServiceLevel: advice.inputs.targetServiceLevel,
            slotsPerAgent: advice.inputs.slotsPerAgent,
          }),
        );
      },
    },
    topics: {},
    commands: {},
  };
}
