/**
 * Personal threshold overrides: a user may tighten or loosen a queue's thresholds for their own
 * views on this console ("only for you, on this console"), without touching the organisation's,
 * which change through the feed (`queue.thresholds`, Management). Each user's views are judged by
 * the organisation's thresholds with that user's override laid over them; everyone else's, and
 * every wallboard, by the organisation's alone.
 */
import type { ThresholdSettings } from '../../../src-shared/api/live-insights.js';
import type { Thresholds } from '../../../src-shared/protocol/events.js';
import { fail, ok, type Result } from '../../../src-shared/result.js';
import type { ThresholdsOf } from '../floor-state/overview.js';
import type { QueueState } from '../floor-state/state.js';
import type { Preferences, ThresholdOverride } from './preferences.js';

export interface ThresholdOverrides {
  /** The thresholds a user's views judge queues by; the organisation's when the user has no override. */
  thresholdsFor(userId: string): ThresholdsOf;
  /** Queues on which the user has an override of their own. */
  overriddenQueues(userId: string): ReadonlySet<string>;
  settings(queue: QueueState, userId: string): ThresholdSettings;
  /** Sets or (null, or nothing in it) clears the user's override; refuses a combination that cannot hold. */
  set(queue: QueueState, override: Partial<Thresholds> | null, userId: string, now: number): Result<ThresholdSettings>;
}

/** Keeps only the fields actually given, so a stored override never carries `undefined` holes. */
function definedFields(override: Partial<Thresholds>): Partial<Thresholds> {
  const result: Partial<Record<keyof Thresholds, number>> = {};
  for (const [key, value] of Object.entries(override) as [keyof Thresholds, number | undefined][]) {
    if (value !== undefined) result[key] = value;
  }
  return result;
}

const organisation: ThresholdsOf = (queue) => queue.thresholds;
const NONE: ReadonlySet<string> = new Set();

/** Loads every user's overrides once and keeps them in memory: tiles read them on every build. */
export function createThresholdOverrides(preferences: Preferences): ThresholdOverrides {
  const byUser = new Map<string, Map<string, ThresholdOverride>>();
  const functions = new Map<string, ThresholdsOf>();
  /** Each user's overridden queues, as the overview asks for them on every flush. */
  const queueSets = new Map<string, ReadonlySet<string>>();
  for (const override of preferences.overrides()) remember(override);

  function remember(override: ThresholdOverride): void {
    let mine = byUser.get(override.userId);
    if (!mine) {
      mine = new Map();
      byUser.set(override.userId, mine);
    }
    mine.set(override.queueId, override);
    functions.delete(override.userId);
    queueSets.delete(override.userId);
  }

  function forget(userId: string, queueId: string): void {
    const mine = byUser.get(userId);
    mine?.delete(queueId);
    if (mine?.size === 0) byUser.delete(userId);
    functions.delete(userId);
    queueSets.delete(userId);
  }

  function thresholdsFor(userId: string): ThresholdsOf {
    const mine = byUser.get(userId);
    if (mine === undefined) return organisation;
    let result = functions.get(userId);
    if (!result) {
      result = (queue) => {
        const override = mine.get(queue.queueId);
        return override === undefined ? queue.thresholds : { ...queue.thresholds, ...override.thresholds };
      };
      functions.set(userId, result);
    }
    return result;
  }

  function settings(queue: QueueState, userId: string): ThresholdSettings {
    const override = byUser.get(userId)?.get(queue.queueId);
    const base = { queueId: queue.queueId, feed: queue.thresholds, effective: thresholdsFor(userId)(queue) };
    if (override === undefined) return { ...base, override: null };
    return { ...base, override: override.thresholds, overrideBy: userId, overrideAt: override.setAt };
  }

  return {
    thresholdsFor,
    overriddenQueues: (userId) => {
      const mine = byUser.get(userId);
      if (mine === undefined) return NONE;
      let queues = queueSets.get(userId);
      if (!queues) {
        queues = new Set(mine.keys());
        queueSets.set(userId, queues);
      }
      return queues;
    },
    settings,
    set(queue, requested, userId, now) {
      const fields = requested === null ? {} : definedFields(requested);
      const cleared = Object.keys(fields).length === 0;
      if (!cleared) {
        const combined = { ...queue.thresholds, ...fields };
        if (combined.queuedLow > combined.queuedHigh) {
          return fail(`Queued low (${combined.queuedLow}) must not be above queued high (${combined.queuedHigh}).`);
        }
      }
      preferences.setOverride(userId, queue.queueId, cleared ? null : fields, now);
      if (cleared) forget(userId, queue.queueId);
      else remember({ userId, queueId: queue.queueId, thresholds: fields, setAt: now });
      return ok(settings(queue, userId));
    },
  };
}
