/**
 * Local threshold overrides: a supervisor may tighten or loosen a queue's thresholds on this
 * console without touching the feed's configuration. The effective thresholds (the feed's with the
 * override laid over them) are what tiles, panels and row alerts are judged by.
 */
import type { ThresholdSettings } from '../../../src-shared/api/live-insights.js';
import type { Thresholds } from '../../../src-shared/protocol/events.js';
import { fail, ok, type Result } from '../../../src-shared/result.js';
import type { QueueState } from '../floor-state/state.js';
import type { Preferences, ThresholdOverride } from './preferences.js';

export interface ThresholdOverrides {
  effective(queue: QueueState): Thresholds;
  settings(queue: QueueState): ThresholdSettings;
  /** Sets or (null, or nothing in it) clears the override; refuses a combination that cannot hold. */
  set(queue: QueueState, override: Partial<Thresholds> | null, setBy: string, now: number): Result<ThresholdSettings>;
}

/** Keeps only the fields actually given, so a stored override never carries `undefined` holes. */
function definedFields(override: Partial<Thresholds>): Partial<Thresholds> {
  const result: Partial<Record<keyof Thresholds, number>> = {};
  for (const [key, value] of Object.entries(override) as [keyof Thresholds, number | undefined][]) {
    if (value !== undefined) result[key] = value;
  }
  return result;
}

/** Loads the overrides once and keeps them in memory: tiles read them on every build. */
export function createThresholdOverrides(preferences: Preferences): ThresholdOverrides {
  const overrides = new Map<string, ThresholdOverride>(preferences.overrides().map((override) => [override.queueId, override]));

  function effective(queue: QueueState): Thresholds {
    const override = overrides.get(queue.queueId);
    return override === undefined ? queue.thresholds : { ...queue.thresholds, ...override.thresholds };
  }

  function settings(queue: QueueState): ThresholdSettings {
    const override = overrides.get(queue.queueId);
    const base = { queueId: queue.queueId, feed: queue.thresholds, effective: effective(queue) };
    if (override === undefined) return { ...base, override: null };
    return { ...base, override: override.thresholds, overrideBy: override.setBy, overrideAt: override.setAt };
  }

  return {
    effective,
    settings,
    set(queue, requested, setBy, now) {
      const fields = requested === null ? {} : definedFields(requested);
      const cleared = Object.keys(fields).length === 0;
      if (!cleared) {
        const combined = { ...queue.thresholds, ...fields };
        if (combined.queuedLow > combined.queuedHigh) {
          return fail(`Queued low (${combined.queuedLow}) must not be above queued high (${combined.queuedHigh}).`);
        }
      }
      preferences.setOverride(queue.queueId, cleared ? null : fields, setBy, now);
      if (cleared) overrides.delete(queue.queueId);
      else overrides.set(queue.queueId, { queueId: queue.queueId, thresholds: fields, setBy, setAt: now });
      return ok(settings(queue));
    },
  };
}
